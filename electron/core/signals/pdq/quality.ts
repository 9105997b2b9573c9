import { PDQ_GRID } from './downsample';

const GRADIENT_SCALE = 90;
const MAX_QUALITY = 100;

/**
 * Sum of significant gradients between neighbouring 64x64 cells. Each difference is scaled to
 * 0..100 and truncated to an integer before summing, so many tiny gradients do not add up.
 * `grid` holds the float32 grid widened to float64 (the DCT's copy): no conversion per load.
 */
export function qualityFromGrid(grid: Float64Array): number {
  let gradientSum = 0;
  for (let i = 0; i < PDQ_GRID - 1; i++) {
    for (let j = 0; j < PDQ_GRID; j++) gradientSum += scaledGradient(grid[i * PDQ_GRID + j]!, grid[(i + 1) * PDQ_GRID + j]!);
  }
  for (let i = 0; i < PDQ_GRID; i++) {
    for (let j = 0; j < PDQ_GRID - 1; j++) gradientSum += scaledGradient(grid[i * PDQ_GRID + j]!, grid[i * PDQ_GRID + j + 1]!);
  }
  return Math.min(MAX_QUALITY, Math.floor(gradientSum / GRADIENT_SCALE));
}

/**
 * |trunc(((u - v) * 100) / 255)| in float32 steps. Rounding is symmetric about zero, so taking the
 * absolute difference first gives the same value, and a non-negative value of at most 100
 * truncates with `| 0`.
 */
function scaledGradient(u: number, v: number): number {
  return Math.fround(Math.fround(Math.abs(Math.fround(u - v)) * 100) / 255) | 0;
}
