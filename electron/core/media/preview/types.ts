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
