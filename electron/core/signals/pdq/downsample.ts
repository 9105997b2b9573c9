/**
 * Blur (Jarosz tent filter: two rounds of a horizontal then a vertical box pass) and decimate
 * to 64x64, replaying the reference's float32 running sums step by step so results are bit-exact.
 *
 * Speed without changing a single rounding:
 * - every pass keeps several independent running sums in flight (four rows, or every column at
 *   once) so the CPU overlaps them instead of waiting on one chain of dependent adds;
 * - the second round computes its sums everywhere (later values depend on them) but writes only
 *   what decimation will sample: the horizontal pass only the sampled columns, the vertical pass
 *   only the sampled rows of those columns.
 */

export const PDQ_GRID = 64;

/** Half of a 1/64 cell per pass, rounded up: two passes then cover one output cell. */
export function jaroszWindowSize(oldDimension: number): number {
  return Math.floor((oldDimension + 2 * PDQ_GRID - 1) / (2 * PDQ_GRID));
}

/** Where the decimation samples along one axis: cell centres, repeated when upsampling. */
export interface SamplePlan {
  /** For each input position, its index among the distinct sampled positions, or -1. */
  slotOf: Int32Array;
  /** How many distinct positions are sampled (at most 64). */
  slots: number;
  /** For each of the 64 outputs, the slot it reads. */
  slotForOutput: Int32Array;
}

export function samplePlan(length: number): SamplePlan {
  const slotOf = new Int32Array(length).fill(-1);
  const slotForOutput = new Int32Array(PDQ_GRID);
  let slots = 0;
  for (let j = 0; j < PDQ_GRID; j++) {
    const position = Math.floor(((j + 0.5) * length) / PDQ_GRID);
    if (slotOf[position] === -1) slotOf[position] = slots++;
    slotForOutput[j] = slotOf[position]!;
  }
  return { slotOf, slots, slotForOutput };
}

/** Positions before the first output: the reference adds (window + 2) div 2 - 1 samples first. */
function leadOf(window: number): number {
  return ((window + 2) >> 1) - 1;
}

/** 0, 1, ..., n - 1: the keep map of a pass that writes every position. Grown on demand, never written. */
let identity = new Int32Array(0);
function everyPosition(n: number): Int32Array {
  if (identity.length < n) identity = Int32Array.from({ length: Math.max(n, 2 * identity.length) }, (_, i) => i);
  return identity.subarray(0, n);
}

/**
 * One box pass along every row (positions adjacent in memory). Position x's output averages
 * inputs [x - (w - half), x + half - 1] clipped to the row, half = (w + 2) div 2: a float32
 * running sum (add the incoming sample, then subtract the outgoing one, each rounded) divided by
 * the count of samples in range. Output x goes to column keep[x] of outCols (skipped when -1).
 *
 * Rows go four at a time with their sums in locals: one row's sum is a chain of dependent adds
 * that would leave the CPU waiting, four independent chains keep it busy. The last group repeats
 * its last row rather than needing a second copy of the loop; it writes the same values twice.
 */
function boxAlongRows(
  input: Float32Array,
  output: Float32Array,
  rows: number,
  cols: number,
  window: number,
  keep: Int32Array,
  outCols: number,
): void {
  const lead = leadOf(window);
  const last = rows - 1;
  for (let r = 0; r < rows; r += 4) {
    const r1 = Math.min(r + 1, last);
    const r2 = Math.min(r + 2, last);
    const r3 = Math.min(r + 3, last);
    const i0 = r * cols;
    const i1 = r1 * cols;
    const i2 = r2 * cols;
    const i3 = r3 * cols;
    const o0 = r * outCols;
    const o1 = r1 * outCols;
    const o2 = r2 * outCols;
    const o3 = r3 * outCols;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let count = 0;
    for (let step = 0, end = cols + lead; step < end; step++) {
      if (step < cols) {
        count++;
        s0 = Math.fround(s0 + input[i0 + step]!);
        s1 = Math.fround(s1 + input[i1 + step]!);
        s2 = Math.fround(s2 + input[i2 + step]!);
        s3 = Math.fround(s3 + input[i3 + step]!);
      }
      if (step >= window) {
        const drop = step - window;
        count--;
        s0 = Math.fround(s0 - input[i0 + drop]!);
        s1 = Math.fround(s1 - input[i1 + drop]!);
        s2 = Math.fround(s2 - input[i2 + drop]!);
        s3 = Math.fround(s3 - input[i3 + drop]!);
      }
      const slot = step >= lead ? keep[step - lead]! : -1;
      if (slot >= 0) {
        output[o0 + slot] = s0 / count;
        output[o1 + slot] = s1 / count;
        output[o2 + slot] = s2 / count;
        output[o3 + slot] = s3 / count;
      }
    }
  }
}

/**
 * The same box pass down every column (input row-major, cols wide), sweeping all columns at one
 * row before the next so their running sums are independent work side by side in `sums`
 * (float64 slots holding float32 values: no conversion on every load and store). Row y's output
 * goes to row keep[y] of output, also cols wide (skipped when -1).
 */
function boxDownColumns(
  input: Float32Array,
  output: Float32Array,
  rows: number,
  cols: number,
  window: number,
  keep: Int32Array,
  sums: Float64Array,
): void {
  const half = (window + 2) >> 1;
  const lead = half - 1;
  const grow = window - half + 1;
  const slide = rows - window;
  sums.fill(0, 0, cols);
  let count = 0;
  let ri = 0;
  let li = 0;
  let oi = 0;
  for (; ri < lead; ri++) {
    count++;
    const add = ri * cols;
    for (let c = 0; c < cols; c++) sums[c] = Math.fround(sums[c]! + input[add + c]!);
  }
  for (let t = 0; t < grow; t++, ri++, oi++) {
    count++;
    const add = ri * cols;
    const slot = keep[oi]!;
    for (let c = 0; c < cols; c++) sums[c] = Math.fround(sums[c]! + input[add + c]!);
    if (slot >= 0) for (let c = 0, out = slot * cols; c < cols; c++) output[out + c] = sums[c]! / count;
  }
  for (let t = 0; t < slide; t++, ri++, li++, oi++) {
    const add = ri * cols;
    const drop = li * cols;
    const slot = keep[oi]!;
    if (slot < 0) {
      for (let c = 0; c < cols; c++) sums[c] = Math.fround(Math.fround(sums[c]! + input[add + c]!) - input[drop + c]!);
    } else {
      const out = slot * cols;
      for (let c = 0; c < cols; c++) {
        const sum = Math.fround(Math.fround(sums[c]! + input[add + c]!) - input[drop + c]!);
        sums[c] = sum;
        output[out + c] = sum / count;
      }
    }
  }
  for (; oi < rows; li++, oi++) {
    count--;
    const drop = li * cols;
    const slot = keep[oi]!;
    for (let c = 0; c < cols; c++) sums[c] = Math.fround(sums[c]! - input[drop + c]!);
    if (slot >= 0) for (let c = 0, out = slot * cols; c < cols; c++) output[out + c] = sums[c]! / count;
  }
}

export interface DownsampleBuffers {
  /** rows x cols: the luma on entry; overwritten. */
  image: Float32Array;
  /** rows x cols scratch. */
  scratch: Float32Array;
  /** max(rows, cols) running sums. */
  sums: Float64Array;
  /** 64x64 output, row-major. */
  grid: Float32Array;
}

export function downsampleTo64(buffers: DownsampleBuffers, rows: number, cols: number): void {
  const { image, scratch, sums, grid } = buffers;
  const windowAlongRows = jaroszWindowSize(cols);
  const windowAlongCols = jaroszWindowSize(rows);
  const sampledCols = samplePlan(cols);
  const sampledRows = samplePlan(rows);

  // Round one, in full.
  boxAlongRows(image, scratch, rows, cols, windowAlongRows, everyPosition(cols), cols);
  boxDownColumns(scratch, image, rows, cols, windowAlongCols, everyPosition(rows), sums);

  // Round two along rows: every row, sampled columns only, into scratch (narrow columns wide).
  const narrow = sampledCols.slots;
  boxAlongRows(image, scratch, rows, cols, windowAlongRows, sampledCols.slotOf, narrow);
  // Round two down the sampled columns: sampled rows only, into image.
  boxDownColumns(scratch, image, rows, narrow, windowAlongCols, sampledRows.slotOf, sums);

  for (let i = 0; i < PDQ_GRID; i++) {
    const row = sampledRows.slotForOutput[i]! * narrow;
    for (let j = 0; j < PDQ_GRID; j++) grid[i * PDQ_GRID + j] = image[row + sampledCols.slotForOutput[j]!]!;
  }
}
