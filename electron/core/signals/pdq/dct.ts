import { PDQ_GRID } from './downsample';

export const PDQ_DCT_SIZE = 16;

/**
 * DCT-II basis rows for frequencies 1..16 over 64 samples (the DC row is skipped), float32
 * values as the reference's float matrix holds them. The scale is rounded to float32 before the
 * double cosine product, as the reference does. Kept in a Float64Array (the values stay float32):
 * loads need no conversion.
 */
const DCT_MATRIX = (() => {
  const matrix = new Float64Array(PDQ_DCT_SIZE * PDQ_GRID);
  const scale = Math.fround(Math.sqrt(2 / PDQ_GRID));
  for (let i = 0; i < PDQ_DCT_SIZE; i++) {
    for (let j = 0; j < PDQ_GRID; j++) {
      matrix[i * PDQ_GRID + j] = Math.fround(scale * Math.cos((Math.PI / 2 / PDQ_GRID) * (i + 1) * (2 * j + 1)));
    }
  }
  return matrix;
})();

/**
 * B = D A Dᵀ via T = D A, each output summed over k = 0..63 in order, every product and every
 * partial sum rounded to float32 (the reference's order, which the hash bits depend on).
 * Eight outputs are summed side by side in locals: eight independent chains of adds, no array
 * traffic between steps. `grid64` holds the 64x64 grid widened to float64, `rows16x64` is
 * scratch for T.
 */
export function dct64To16(grid: Float32Array, grid64: Float64Array, rows16x64: Float64Array, out16x16: Float32Array): void {
  const D = DCT_MATRIX;
  const A = grid64;
  const T = rows16x64;
  A.set(grid);
  for (let i = 0; i < PDQ_DCT_SIZE; i++) {
    const di = i * PDQ_GRID;
    for (let j = 0; j < PDQ_GRID; j += 8) {
      let t0 = 0;
      let t1 = 0;
      let t2 = 0;
      let t3 = 0;
      let t4 = 0;
      let t5 = 0;
      let t6 = 0;
      let t7 = 0;
      for (let k = 0; k < PDQ_GRID; k++) {
        const d = D[di + k]!;
        const a = k * PDQ_GRID + j;
        t0 = Math.fround(t0 + Math.fround(d * A[a]!));
        t1 = Math.fround(t1 + Math.fround(d * A[a + 1]!));
        t2 = Math.fround(t2 + Math.fround(d * A[a + 2]!));
        t3 = Math.fround(t3 + Math.fround(d * A[a + 3]!));
        t4 = Math.fround(t4 + Math.fround(d * A[a + 4]!));
        t5 = Math.fround(t5 + Math.fround(d * A[a + 5]!));
        t6 = Math.fround(t6 + Math.fround(d * A[a + 6]!));
        t7 = Math.fround(t7 + Math.fround(d * A[a + 7]!));
      }
      const t = di + j;
      T[t] = t0;
      T[t + 1] = t1;
      T[t + 2] = t2;
      T[t + 3] = t3;
      T[t + 4] = t4;
      T[t + 5] = t5;
      T[t + 6] = t6;
      T[t + 7] = t7;
    }
  }
  for (let i = 0; i < PDQ_DCT_SIZE; i++) {
    const ti = i * PDQ_GRID;
    for (let j = 0; j < PDQ_DCT_SIZE; j += 8) {
      let b0 = 0;
      let b1 = 0;
      let b2 = 0;
      let b3 = 0;
      let b4 = 0;
      let b5 = 0;
      let b6 = 0;
      let b7 = 0;
      for (let k = 0; k < PDQ_GRID; k++) {
        const t = T[ti + k]!;
        const d = j * PDQ_GRID + k;
        b0 = Math.fround(b0 + Math.fround(t * D[d]!));
        b1 = Math.fround(b1 + Math.fround(t * D[d + PDQ_GRID]!));
        b2 = Math.fround(b2 + Math.fround(t * D[d + 2 * PDQ_GRID]!));
        b3 = Math.fround(b3 + Math.fround(t * D[d + 3 * PDQ_GRID]!));
        b4 = Math.fround(b4 + Math.fround(t * D[d + 4 * PDQ_GRID]!));
        b5 = Math.fround(b5 + Math.fround(t * D[d + 5 * PDQ_GRID]!));
        b6 = Math.fround(b6 + Math.fround(t * D[d + 6 * PDQ_GRID]!));
        b7 = Math.fround(b7 + Math.fround(t * D[d + 7 * PDQ_GRID]!));
      }
      const b = i * PDQ_DCT_SIZE + j;
      out16x16[b] = b0;
      out16x16[b + 1] = b1;
      out16x16[b + 2] = b2;
      out16x16[b + 3] = b3;
      out16x16[b + 4] = b4;
      out16x16[b + 5] = b5;
      out16x16[b + 6] = b6;
      out16x16[b + 7] = b7;
    }
  }
}
