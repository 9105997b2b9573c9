import { PDQ_GRID } from './downsample';

const GRADIENT_SCALE = 90;
const MAX_QUALITY = 100;

/**
 * Sum of significant gradients between neighbouring 64x64 cells. Each difference is scaled to
 * 0..100 and truncated to an integer before summing, so many tiny gradients do not add up.
 */
export function qualityFromGrid(grid: Float32Array): number {
  let gradientSum = 0;
  for (let i = 0; i < PDQ_GRID - 1; i++) {
    for (let j = 0; j < PDQ_GRID; j++) {
      gradientSum += Math.abs(scaledDifference(grid[i * PDQ_GRID + j]!, grid[(i + 1) * PDQ_GRID + j]!));
    }
  }
  for (let i = 0; i < PDQ_GRID; i++) {
    for (let j = 0; j < PDQ_GRID - 1; j++) {
      gradientSum += Math.abs(scaledDifference(grid[i * PDQ_GRID + j]!, grid[i * PDQ_GRID + j + 1]!));
    }
  }
  return Math.min(MAX_QUALITY, Math.floor(gradientSum / GRADIENT_SCALE));
}

function scaledDifference(u: number, v: number): number {
  return Math.trunc(Math.fround(Math.fround(Math.fround(u - v) * 100) / 255));
}
