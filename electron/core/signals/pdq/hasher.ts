import { hashFromDct, dctMedian } from './bits';
import { dct64To16, PDQ_DCT_SIZE } from './dct';
import { DIHEDRAL_NAMES, transformDct, type DihedralName } from './dihedral';
import { downsampleTo64, jaroszWindowSize, PDQ_GRID } from './downsample';
import { emptyHash, type PdqHash } from './hash256';
import { fillLuma, validatePixels, type PdqPixels } from './pixels';
import { qualityFromGrid } from './quality';

/** Below this on either side the reference returns the all-zero hash with quality 0. */
export const PDQ_MIN_DIMENSION = 5;

/**
 * Full-image buffers are kept between calls up to this many pixels (32 MB of float32 pairs), so
 * batches of ordinary photos allocate nothing; a larger image gets buffers for that call only.
 */
const RETAINED_PIXELS = 2048 * 2048;

export interface PdqResult {
  hash: PdqHash;
  /** 0..100; hashes below PDQ_MIN_QUALITY are too flat to match on. */
  quality: number;
}

export type PdqDihedralHashes = Record<DihedralName, PdqHash>;

export interface PdqDihedralResult extends PdqResult {
  /** Hashes the rotated/flipped image would have, derived from the same DCT. */
  dihedral: PdqDihedralHashes;
}

/** Intermediate values, for conformance checks and for float features (e.g. video TMK). */
export interface PdqStages {
  windowAlongRows: number;
  windowAlongCols: number;
  /** 64x64 row-major, after the tent filter and decimation. */
  downsample64: Float32Array;
  /** 16x16 row-major, row = vertical frequency 1..16, column = horizontal frequency 1..16. */
  dct16: Float32Array;
  median: number;
  quality: number;
}

/** Holds the working buffers; one per thread. Not re-entrant. */
export class PdqHasher {
  private luma = new Float32Array(0);
  private scratch = new Float32Array(0);
  private sums = new Float64Array(0);
  private readonly grid = new Float32Array(PDQ_GRID * PDQ_GRID);
  private readonly grid64 = new Float64Array(PDQ_GRID * PDQ_GRID);
  private readonly rows16x64 = new Float64Array(PDQ_DCT_SIZE * PDQ_GRID);
  private readonly dct = new Float32Array(PDQ_DCT_SIZE * PDQ_DCT_SIZE);
  private readonly transformed = new Float32Array(PDQ_DCT_SIZE * PDQ_DCT_SIZE);
  private readonly sortScratch = new Float32Array(PDQ_DCT_SIZE * PDQ_DCT_SIZE);

  hash(pixels: PdqPixels): PdqResult {
    if (!this.computeDct(pixels)) return { hash: emptyHash(), quality: 0 };
    return { hash: hashFromDct(this.dct, this.sortScratch), quality: qualityFromGrid(this.grid64) };
  }

  hashWithDihedral(pixels: PdqPixels): PdqDihedralResult {
    if (!this.computeDct(pixels)) {
      return { hash: emptyHash(), quality: 0, dihedral: mapDihedral(() => emptyHash()) };
    }
    return {
      hash: hashFromDct(this.dct, this.sortScratch),
      quality: qualityFromGrid(this.grid64),
      dihedral: mapDihedral((name) => {
        transformDct(name, this.dct, this.transformed);
        return hashFromDct(this.transformed, this.sortScratch);
      }),
    };
  }

  /** Returns null for images below the 5x5 minimum, which have no meaningful stages. */
  stages(pixels: PdqPixels): PdqStages | null {
    if (!this.computeDct(pixels)) return null;
    return {
      windowAlongRows: jaroszWindowSize(pixels.width),
      windowAlongCols: jaroszWindowSize(pixels.height),
      downsample64: this.grid.slice(),
      dct16: this.dct.slice(),
      median: dctMedian(this.dct, this.sortScratch),
      quality: qualityFromGrid(this.grid64),
    };
  }

  /** Fills grid and dct; false when the image is below the minimum size. */
  private computeDct(pixels: PdqPixels): boolean {
    validatePixels(pixels);
    const { width, height } = pixels;
    if (width < PDQ_MIN_DIMENSION || height < PDQ_MIN_DIMENSION) return false;
    const count = width * height;
    const retain = count <= RETAINED_PIXELS;
    const luma = this.buffer('luma', count, retain);
    const scratch = this.buffer('scratch', count, retain);
    const sums = this.sums.length >= width ? this.sums : new Float64Array(width);
    if (retain) this.sums = sums;
    fillLuma(pixels, luma);
    downsampleTo64({ image: luma, scratch, sums, grid: this.grid }, height, width);
    dct64To16(this.grid, this.grid64, this.rows16x64, this.dct);
    return true;
  }

  private buffer(name: 'luma' | 'scratch', size: number, retain: boolean): Float32Array {
    const current = this[name];
    if (current.length >= size) return current.subarray(0, size);
    const fresh = new Float32Array(size);
    if (retain) this[name] = fresh;
    return fresh;
  }
}

function mapDihedral(make: (name: DihedralName) => PdqHash): PdqDihedralHashes {
  const entries = DIHEDRAL_NAMES.map((name) => [name, make(name)] as const);
  return Object.fromEntries(entries) as PdqDihedralHashes;
}
