/**
 * Blur (Jarosz tent filter: two rounds of a horizontal then a vertical box pass) and decimate
 * to 64x64, replaying the reference's float32 running sums step by step so results are bit-exact.
 *
 * Speed without changing a single rounding:
 * - every pass sweeps all lanes (rows or columns) at one position before moving on, so the
 *   running sums of independent lanes overlap in the CPU instead of waiting on each other;
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

interface Layout {
  /** Distance between consecutive positions along the filter axis. */
  positionStride: number;
  /** Distance between neighbouring lanes (the vectors filtered independently). */
  laneStride: number;
}

interface BoxPass {
  length: number;
  lanes: number;
  window: number;
  from: Layout;
  to: Layout;
  /** Output position for each input position, or -1 to skip the write; null writes every position in place. */
  keep: Int32Array | null;
}

/**
 * Lanes swept together. Lanes that lie along memory (rows, for a horizontal pass) are taken a
 * few at a time: enough independent sums to keep the CPU busy, few enough streams that
 * power-of-two row strides do not evict each other from cache.
 */
const STRIDED_LANE_BLOCK = 8;

/**
 * One 1-D box pass over every lane. Output i averages inputs [i - (w - half), i + half - 1]
 * clipped to the lane, half = (w + 2) div 2, with a float32 running sum (add the incoming
 * sample, then subtract the outgoing one) divided by the count of samples in range.
 */
function boxPass(pass: BoxPass, input: Float32Array, output: Float32Array, sums: Float32Array): void {
  const block = pass.from.laneStride === 1 ? pass.lanes : STRIDED_LANE_BLOCK;
  for (let first = 0; first < pass.lanes; first += block) {
    boxLanes(pass, first, Math.min(pass.lanes, first + block), input, output, sums);
  }
}

function boxLanes(pass: BoxPass, firstLane: number, endLane: number, input: Float32Array, output: Float32Array, sums: Float32Array): void {
  const { length, window, from, to, keep } = pass;
  const half = (window + 2) >> 1;
  const lead = half - 1;
  const grow = window - half + 1;
  const slide = length - window;
  const inLane = from.laneStride;
  const outLane = to.laneStride;
  sums.fill(0, firstLane, endLane);
  let count = 0;
  let ri = 0;
  let li = 0;
  let oi = 0;
  const target = (position: number): number => {
    const slot = keep === null ? position : keep[position]!;
    return slot < 0 ? -1 : slot * to.positionStride;
  };
  for (; ri < lead; ri++) {
    count++;
    const at = ri * from.positionStride;
    for (let lane = firstLane; lane < endLane; lane++) sums[lane] = sums[lane]! + input[at + lane * inLane]!;
  }
  for (let t = 0; t < grow; t++, ri++, oi++) {
    count++;
    const add = ri * from.positionStride;
    const out = target(oi);
    for (let lane = firstLane; lane < endLane; lane++) {
      const sum = Math.fround(sums[lane]! + input[add + lane * inLane]!);
      sums[lane] = sum;
      if (out >= 0) output[out + lane * outLane] = sum / count;
    }
  }
  for (let t = 0; t < slide; t++, ri++, li++, oi++) {
    const add = ri * from.positionStride;
    const drop = li * from.positionStride;
    const out = target(oi);
    if (out < 0) {
      for (let lane = firstLane; lane < endLane; lane++) {
        sums[lane] = Math.fround(sums[lane]! + input[add + lane * inLane]!) - input[drop + lane * inLane]!;
      }
    } else {
      for (let lane = firstLane; lane < endLane; lane++) {
        const sum = Math.fround(Math.fround(sums[lane]! + input[add + lane * inLane]!) - input[drop + lane * inLane]!);
        sums[lane] = sum;
        output[out + lane * outLane] = sum / count;
      }
    }
  }
  for (; oi < length; li++, oi++) {
    count--;
    const drop = li * from.positionStride;
    const out = target(oi);
    for (let lane = firstLane; lane < endLane; lane++) {
      const sum = Math.fround(sums[lane]! - input[drop + lane * inLane]!);
      sums[lane] = sum;
      if (out >= 0) output[out + lane * outLane] = sum / count;
    }
  }
}

export interface DownsampleBuffers {
  /** rows x cols: the luma on entry; overwritten. */
  image: Float32Array;
  /** rows x cols scratch. */
  scratch: Float32Array;
  /** max(rows, cols) running sums. */
  sums: Float32Array;
  /** 64x64 output, row-major. */
  grid: Float32Array;
}

export function downsampleTo64(buffers: DownsampleBuffers, rows: number, cols: number): void {
  const { image, scratch, sums, grid } = buffers;
  const windowAlongRows = jaroszWindowSize(cols);
  const windowAlongCols = jaroszWindowSize(rows);
  const sampledCols = samplePlan(cols);
  const sampledRows = samplePlan(rows);
  const rowMajor: Layout = { positionStride: 1, laneStride: cols };
  const colMajor: Layout = { positionStride: cols, laneStride: 1 };
  const along = (window: number, keep: Int32Array | null, to: Layout): BoxPass => ({
    length: cols,
    lanes: rows,
    window,
    from: rowMajor,
    to,
    keep,
  });

  // Round one, in full.
  boxPass(along(windowAlongRows, null, rowMajor), image, scratch, sums);
  boxPass({ length: rows, lanes: cols, window: windowAlongCols, from: colMajor, to: colMajor, keep: null }, scratch, image, sums);

  // Round two, horizontal: rows x sampled columns into scratch (row stride = slots).
  const narrow = sampledCols.slots;
  boxPass(along(windowAlongRows, sampledCols.slotOf, { positionStride: 1, laneStride: narrow }), image, scratch, sums);

  // Round two, vertical, over the sampled columns only: sampled rows x sampled columns into image.
  boxPass(
    {
      length: rows,
      lanes: narrow,
      window: windowAlongCols,
      from: { positionStride: narrow, laneStride: 1 },
      to: { positionStride: narrow, laneStride: 1 },
      keep: sampledRows.slotOf,
    },
    scratch,
    image,
    sums,
  );

  for (let i = 0; i < PDQ_GRID; i++) {
    const row = sampledRows.slotForOutput[i]! * narrow;
    for (let j = 0; j < PDQ_GRID; j++) grid[i * PDQ_GRID + j] = image[row + sampledCols.slotForOutput[j]!]!;
  }
}
