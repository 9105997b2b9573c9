import { PDQ_DCT_SIZE } from './dct';

export const DIHEDRAL_NAMES = ['rot90', 'rot180', 'rot270', 'flipx', 'flipy', 'flipplus1', 'flipminus1'] as const;
export type DihedralName = (typeof DIHEDRAL_NAMES)[number];

/**
 * How each rotation/flip of the image acts on its DCT: a mirror negates the odd-frequency
 * (even 0-based index) rows or columns, a diagonal mirror transposes. `negate(i, j)` is asked
 * with the source cell's 0-based row and column.
 */
interface DihedralAction {
  transpose: boolean;
  negate: (i: number, j: number) => boolean;
}

const isEven = (n: number): boolean => (n & 1) === 0;

const ACTIONS: Record<DihedralName, DihedralAction> = {
  rot90: { transpose: true, negate: (_i, j) => isEven(j) },
  rot180: { transpose: false, negate: (i, j) => !isEven(i + j) },
  rot270: { transpose: true, negate: (i) => isEven(i) },
  flipx: { transpose: false, negate: (i) => isEven(i) },
  flipy: { transpose: false, negate: (_i, j) => isEven(j) },
  flipplus1: { transpose: true, negate: () => false },
  flipminus1: { transpose: true, negate: (i, j) => !isEven(i + j) },
};

/**
 * Each action as a table: target cell -> source cell, and +1 or -1. Built once, so a transform is
 * one pass of loads without calls per cell.
 */
const TABLES: Record<DihedralName, { source: Int16Array; sign: Float64Array }> = (() => {
  const tables = {} as Record<DihedralName, { source: Int16Array; sign: Float64Array }>;
  for (const name of DIHEDRAL_NAMES) {
    const { transpose, negate } = ACTIONS[name];
    const source = new Int16Array(PDQ_DCT_SIZE * PDQ_DCT_SIZE);
    const sign = new Float64Array(PDQ_DCT_SIZE * PDQ_DCT_SIZE);
    for (let i = 0; i < PDQ_DCT_SIZE; i++) {
      for (let j = 0; j < PDQ_DCT_SIZE; j++) {
        const target = transpose ? j * PDQ_DCT_SIZE + i : i * PDQ_DCT_SIZE + j;
        source[target] = i * PDQ_DCT_SIZE + j;
        sign[target] = negate(i, j) ? -1 : 1;
      }
    }
    tables[name] = { source, sign };
  }
  return tables;
})();

/** Writes into `out` the 16x16 DCT that the named rotation/flip of the image would have. */
export function transformDct(name: DihedralName, dct: Float32Array, out: Float32Array): void {
  const { source, sign } = TABLES[name];
  for (let k = 0; k < PDQ_DCT_SIZE * PDQ_DCT_SIZE; k++) out[k] = dct[source[k]!]! * sign[k]!;
}

/** A PDQ hash as text (64 hex digits) so it crosses threads and the store unchanged. */
export interface PdqSignature {
  hash: string;
  quality: number;
  /** The hashes of the 7 rotations and mirror images, so turned or flipped copies match too. */
  dihedral: Record<DihedralName, string>;
}
