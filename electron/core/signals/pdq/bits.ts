import { emptyHash, type PdqHash } from './hash256';
import { PDQ_DCT_SIZE } from './dct';

const CELLS = PDQ_DCT_SIZE * PDQ_DCT_SIZE;

/**
 * The 128th smallest of the 256 cells: what the reference's Torben selection returns for n = 256
 * (the lower median). Found by selection (Hoare partitioning around a middle pivot, keeping only
 * the side that holds it) in `scratch`, a 256-float buffer: no full sort.
 */
export function dctMedian(cells: Float32Array, scratch: Float32Array): number {
  scratch.set(cells);
  const k = CELLS / 2 - 1;
  let lo = 0;
  let hi = CELLS - 1;
  while (lo < hi) {
    const pivot = scratch[(lo + hi) >>> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (scratch[i]! < pivot) i++;
      while (scratch[j]! > pivot) j--;
      if (i <= j) {
        const swap = scratch[i]!;
        scratch[i++] = scratch[j]!;
        scratch[j--] = swap;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break;
  }
  return scratch[k]!;
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
