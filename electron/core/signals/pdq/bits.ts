import { emptyHash, type PdqHash } from './hash256';
import { PDQ_DCT_SIZE } from './dct';

const CELLS = PDQ_DCT_SIZE * PDQ_DCT_SIZE;

/**
 * The 128th smallest of the 256 cells: what the reference's Torben selection returns for n = 256
 * (the lower median). `scratch` is a 256-float buffer.
 */
export function dctMedian(cells: Float32Array, scratch: Float32Array): number {
  scratch.set(cells);
  scratch.sort();
  return scratch[CELLS / 2 - 1]!;
}

/** Bit k is set when cell k (row-major) is strictly above the median. */
export function hashFromDct(cells: Float32Array, scratch: Float32Array): PdqHash {
  const median = dctMedian(cells, scratch);
  const hash = emptyHash();
  for (let k = 0; k < CELLS; k++) {
    if (cells[k]! > median) hash[k >>> 5]! |= 1 << (k & 31);
  }
  return hash;
}
