/**
 * PDQ perceptual hashing (Meta's algorithm), bit-exact with the reference's full-resolution core
 * on tests/fixtures/pdq. Pixels in, 256-bit hash + quality out; decoding is the caller's job
 * (no EXIF rotation, no colour management, alpha dropped).
 */
import { PdqHasher, type PdqDihedralResult, type PdqResult, type PdqStages } from './hasher';
import type { PdqPixels } from './pixels';

export { fromHex, hammingDistance, PdqHexError, popcount32, toHex, type PdqHash } from './hash256';
export { PdqInputError, type PdqPixels } from './pixels';
export { DIHEDRAL_NAMES, type DihedralName, type PdqSignature } from './dihedral';
export { PDQ_PRESHRINK_SIDE, preshrinkNearest } from './preshrink';
export { PDQ_MIN_DIMENSION, PdqHasher, type PdqDihedralHashes, type PdqDihedralResult, type PdqResult, type PdqStages } from './hasher';

/** Hamming distance at or below which two hashes are the same picture (upstream's threshold). */
export const PDQ_MATCH_DISTANCE = 31;
/** Hashes with quality below this are too featureless to match on; discard them. */
export const PDQ_MIN_QUALITY = 50;

const shared = new PdqHasher();

export function pdqHash(pixels: PdqPixels): PdqResult {
  return shared.hash(pixels);
}

export function pdqHashWithDihedral(pixels: PdqPixels): PdqDihedralResult {
  return shared.hashWithDihedral(pixels);
}

export function pdqStages(pixels: PdqPixels): PdqStages | null {
  return shared.stages(pixels);
}
