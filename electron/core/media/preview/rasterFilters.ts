import type { DisplaySize } from './displaySize';

/** Interleaved 8-bit pixels, as sharp's raw output gives them. */
export interface RawRaster {
  data: Uint8Array;
  width: number;
  height: number;
  channels: 1 | 2 | 3 | 4;
}

/** Normalised Gaussian taps out to three sigmas each side: past that a tap weighs under 1.2% of the centre one. */
function gaussianTaps(sigma: number): Float32Array {
  const radius = Math.max(1, Math.ceil(3 * sigma));
  const taps = new Float32Array(2 * radius + 1);
  let sum = 0;
  for (let i = -radius; i <= radius; i++) {
    const weight = Math.exp(-(i * i) / (2 * sigma * sigma));
    taps[i + radius] = weight;
    sum += weight;
  }
  for (let i = 0; i < taps.length; i++) taps[i] = taps[i]! / sum;
  return taps;
}

/**
 * One pass of a separable blur along lines of `length` samples, `step` apart, starting at each of
 * `starts`. Each line is first copied with its edge samples repeated `radius` times (edges
 * extended by copying, as libvips does), so the inner loop needs no bounds checks.
 */
function blurLines(from: Float32Array, to: Float32Array, starts: number[], length: number, step: number, taps: Float32Array): void {
  const radius = (taps.length - 1) / 2;
  const padded = new Float32Array(length + 2 * radius);
  for (const start of starts) {
    for (let i = 0; i < padded.length; i++) padded[i] = from[start + Math.min(length - 1, Math.max(0, i - radius)) * step]!;
    // The taps are symmetric: samples at equal distances are added first, halving the multiplies.
    for (let i = 0; i < length; i++) {
      let sum = taps[radius]! * padded[i + radius]!;
      for (let k = 0; k < radius; k++) sum += taps[k]! * (padded[i + k]! + padded[i + 2 * radius - k]!);
      to[start + i * step] = sum;
    }
  }
}

/** Gaussian blur of every channel, kept in floating point for the enlargement after it. */
export function gaussianBlur(raster: RawRaster, sigma: number): Float32Array {
  const { data, width, height, channels } = raster;
  const taps = gaussianTaps(sigma);
  const source = Float32Array.from(data);
  const across = new Float32Array(source.length);
  const rowStarts: number[] = [];
  for (let y = 0; y < height; y++) for (let c = 0; c < channels; c++) rowStarts.push(y * width * channels + c);
  blurLines(source, across, rowStarts, width, channels, taps);
  const columnStarts: number[] = [];
  for (let x = 0; x < width; x++) for (let c = 0; c < channels; c++) columnStarts.push(x * channels + c);
  blurLines(across, source, columnStarts, height, width * channels, taps);
  return source;
}

/** Where output index i of `to` samples an axis of `from` samples: pixel centres aligned, edges clamped. */
function bilinearAxis(from: number, to: number): { lower: Int32Array; upper: Int32Array; weight: Float32Array } {
  const lower = new Int32Array(to);
  const upper = new Int32Array(to);
  const weight = new Float32Array(to);
  for (let i = 0; i < to; i++) {
    const at = Math.min(from - 1, Math.max(0, ((i + 0.5) * from) / to - 0.5));
    lower[i] = Math.floor(at);
    upper[i] = Math.min(from - 1, lower[i]! + 1);
    weight[i] = at - lower[i]!;
  }
  return { lower, upper, weight };
}

/**
 * Bilinear resize of a float raster laid out as `from` (gaussianBlur's output) to `size`, rounded
 * to 8 bits. Separable: every source row is resized across once, then output rows mix two of them.
 */
export function resizeBilinear(pixels: Float32Array, from: Omit<RawRaster, 'data'>, size: DisplaySize): RawRaster {
  const { channels } = from;
  const { width, height } = size;
  const xs = bilinearAxis(from.width, width);
  const ys = bilinearAxis(from.height, height);
  const rowLength = width * channels;
  const across = new Float32Array(from.height * rowLength);
  for (let y = 0, o = 0; y < from.height; y++) {
    const row = y * from.width * channels;
    for (let x = 0; x < width; x++) {
      const left = row + xs.lower[x]! * channels;
      const right = row + xs.upper[x]! * channels;
      const wx = xs.weight[x]!;
      for (let c = 0; c < channels; c++, o++) across[o] = pixels[left + c]! + (pixels[right + c]! - pixels[left + c]!) * wx;
    }
  }
  const out = new Uint8Array(height * rowLength);
  for (let y = 0, o = 0; y < height; y++) {
    const top = ys.lower[y]! * rowLength;
    const bottom = ys.upper[y]! * rowLength;
    const wy = ys.weight[y]!;
    // Values stay within 0..255, so adding a half and truncating rounds them.
    for (let i = 0; i < rowLength; i++, o++) out[o] = (across[top + i]! + (across[bottom + i]! - across[top + i]!) * wy + 0.5) | 0;
  }
  return { data: out, width, height, channels };
}

/** Nearest-neighbour resize: each output pixel copies the source pixel its centre falls in (flat blocks when enlarging). */
export function resizeNearest(raster: RawRaster, size: DisplaySize): RawRaster {
  const { data, channels } = raster;
  const { width, height } = size;
  const out = new Uint8Array(width * height * channels);
  const column = Int32Array.from({ length: width }, (_, x) => Math.min(raster.width - 1, Math.floor(((x + 0.5) * raster.width) / width)) * channels);
  for (let y = 0, o = 0; y < height; y++) {
    const row = Math.min(raster.height - 1, Math.floor(((y + 0.5) * raster.height) / height)) * raster.width * channels;
    for (let x = 0; x < width; x++) {
      const from = row + column[x]!;
      for (let c = 0; c < channels; c++) out[o++] = data[from + c]!;
    }
  }
  return { data: out, width, height, channels };
}
