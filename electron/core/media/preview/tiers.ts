import type { PreviewTier } from './types';

/**
 * Gaussian sigma as a fraction of the preview's longest side, so a tier looks equally strong at
 * 240 px and 1024 px. The longest side rather than the shortest, so a thin strip cannot slip
 * through almost unblurred. Starting from docs/research/wellness.md (1% / 2.5% / 5% / max 8%),
 * medium and heavy were raised after looking at a face test card at 240 px: at 5% the eyes and
 * mouth still read, at 8% only a pale blob remains ('heavy'); at 4% only the shapes remain ('medium').
 */
const BLUR_FRACTION: Record<Exclude<PreviewTier, 'pixelate' | 'clear'>, number> = {
  light: 0.01,
  medium: 0.04,
  heavy: 0.08,
};

/** libvips rejects smaller sigmas, and below this a blur does nothing visible anyway. */
const MIN_SIGMA = 0.3;

/** Side of one pixelate block in output pixels. */
export const PIXELATE_BLOCK = 12;

export function blurSigma(tier: PreviewTier, longSide: number): number | undefined {
  if (tier === 'pixelate' || tier === 'clear') return undefined;
  return Math.max(MIN_SIGMA, BLUR_FRACTION[tier] * longSide);
}
