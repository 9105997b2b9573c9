import type { PreviewOptions, PreviewTier } from './types';

export const MIN_PREVIEW_SIZE = 16;
export const MAX_PREVIEW_SIZE = 1024;

const TIERS: ReadonlySet<string> = new Set<PreviewTier>(['heavy', 'medium', 'light', 'pixelate', 'clear']);

/** Clamps the size into what the renderer serves, so equivalent requests also share a cache entry. */
export function normalisePreviewOptions(options: PreviewOptions): PreviewOptions {
  if (!TIERS.has(options.tier)) {
    throw new RangeError(`Unknown preview tier "${String(options.tier)}": use heavy, medium, light, pixelate or clear.`);
  }
  if (!Number.isFinite(options.maxSize)) {
    throw new RangeError(`Preview maxSize must be a number of pixels, got ${options.maxSize}.`);
  }
  const maxSize = Math.min(MAX_PREVIEW_SIZE, Math.max(MIN_PREVIEW_SIZE, Math.round(options.maxSize)));
  return { tier: options.tier, grayscale: options.grayscale === true, maxSize };
}
