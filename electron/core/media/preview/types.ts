export type PreviewTier = 'heavy' | 'medium' | 'light' | 'pixelate' | 'clear';

export interface PreviewOptions {
  tier: PreviewTier;
  grayscale: boolean;
  /** Longest side in px: <= 240 for thumbnails; 'clear' and larger views may ask up to 1024 (clamped). */
  maxSize: number;
}

export interface RenderedPreview {
  mimeType: 'image/webp';
  /** Shared with the preview cache: treat as read-only. */
  bytes: Buffer;
  width: number;
  height: number;
  tier: PreviewTier;
  grayscale: boolean;
}

/** A preview with one circle clear: centre and radius as fractions of the image (radius of its shorter side). */
export interface LensOptions extends PreviewOptions {
  lens: { x: number; y: number; r: number };
}

export interface RenderedLens extends RenderedPreview {
  /** The share of the preview's pixels served clear. */
  areaFraction: number;
}
