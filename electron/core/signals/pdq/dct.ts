import { PDQ_GRID } from './downsample';

export const PDQ_DCT_SIZE = 16;

/**
 * DCT-II basis rows for frequencies 1..16 over 64 samples (the DC row is skipped), in float32.
 * The scale is rounded to float32 before the double cosine product, as the reference does.
 */
const DCT_MATRIX = (() => {
  const matrix = new Float32Array(PDQ_DCT_SIZE * PDQ_GRID);
  const scale = Math.fround(Math.sqrt(2 / PDQ_GRID));
  for (let i = 0; i < PDQ_DCT_SIZE; i++) {
    for (let j = 0; j < PDQ_GRID; j++) {
      matrix[i * PDQ_GRID + j] = scale * Math.cos((Math.PI / 2 / PDQ_GRID) * (i + 1) * (2 * j + 1));
    }
  }
  return matrix;
})();

/**
 * B = D A Dᵀ via T = D A, each output summed over k = 0..63 in order in float32 (the reference's
 * order, which the hash bits depend on). `rows16x64` is scratch.
 */
export function dct64To16(grid: Float32Array, rows16x64: Float32Array, out16x16: Float32Array): void {
  const D = DCT_MATRIX;
  rows16x64.fill(0);
  for (let i = 0; i < PDQ_DCT_SIZE; i++) {
    const t = i * PDQ_GRID;
    for (let k = 0; k < PDQ_GRID; k++) {
      const d = D[t + k]!;
      const a = k * PDQ_GRID;
      for (let j = 0; j < PDQ_GRID; j++) {
        rows16x64[t + j] = rows16x64[t + j]! + Math.fround(d * grid[a + j]!);
      }
    }
  }
  for (let i = 0; i < PDQ_DCT_SIZE; i++) {
    const t = i * PDQ_GRID;
    for (let j = 0; j < PDQ_DCT_SIZE; j++) {
      const d = j * PDQ_GRID;
      let sum = 0;
      for (let k = 0; k < PDQ_GRID; k++) sum = Math.fround(sum + Math.fround(rows16x64[t + k]! * D[d + k]!));
      out16x16[i * PDQ_DCT_SIZE + j] = sum;
    }
  }
}
