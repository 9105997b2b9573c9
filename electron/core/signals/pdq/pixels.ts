/** Decoded 8-bit pixels, row-major and tightly packed (no row padding). */
export interface PdqPixels {
  data: Uint8Array | Uint8ClampedArray;
  width: number;
  height: number;
  /** 1 grey, 2 grey+alpha, 3 RGB, 4 RGBA. Alpha is dropped, never composited, as the reference tables assume. */
  channels: 1 | 2 | 3 | 4;
}

export class PdqInputError extends Error {
  override readonly name = 'PdqInputError';
}

export function validatePixels(pixels: PdqPixels): void {
  const { data, width, height, channels } = pixels;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 0 || height < 0) {
    throw new PdqInputError(`Image size must be whole non-negative numbers; got ${width}x${height}.`);
  }
  if (channels !== 1 && channels !== 2 && channels !== 3 && channels !== 4) {
    throw new PdqInputError(
      `PDQ takes 1 (grey), 2 (grey+alpha), 3 (RGB) or 4 (RGBA) channels; got ${String(channels)}. Convert the image to 8-bit grey or sRGB first.`,
    );
  }
  const expected = width * height * channels;
  if (data.length !== expected) {
    throw new PdqInputError(
      `Pixel buffer holds ${data.length} bytes but ${width}x${height}x${channels} needs ${expected}; pass tightly packed 8-bit pixels (e.g. sharp .raw() output).`,
    );
  }
}

// float32 coefficients as in the reference; each product is rounded to float32 before summing.
const LUMA_R = Math.fround(0.299);
const LUMA_G = Math.fround(0.587);
const LUMA_B = Math.fround(0.114);
const LUMA_FROM_R = lumaTable(LUMA_R);
const LUMA_FROM_G = lumaTable(LUMA_G);
const LUMA_FROM_B = lumaTable(LUMA_B);

function lumaTable(coefficient: number): Float64Array {
  const table = new Float64Array(256);
  for (let v = 0; v < 256; v++) table[v] = Math.fround(coefficient * v);
  return table;
}

/**
 * A plain Uint8Array over the same bytes: a Buffer or Uint8ClampedArray would make the pixel loops
 * see two kinds of array and take a slower path for both.
 */
export function byteView(data: PdqPixels['data']): Uint8Array {
  return new Uint8Array(data.buffer, data.byteOffset, data.length);
}

/** Y = 0.299 R + 0.587 G + 0.114 B in float32, straight on the 8-bit values (no gamma, no colour management). */
export function fillLuma(pixels: PdqPixels, luma: Float32Array): void {
  const { width, height, channels } = pixels;
  const data = byteView(pixels.data);
  if (channels <= 2) lumaFromGrey(data, luma, width * height, channels);
  else lumaFromColour(data, luma, width * height, channels);
}

function lumaFromGrey(data: Uint8Array, luma: Float32Array, count: number, channels: number): void {
  for (let p = 0, s = 0; p < count; p++, s += channels) luma[p] = data[s]!;
}

function lumaFromColour(data: Uint8Array, luma: Float32Array, count: number, channels: number): void {
  const r = LUMA_FROM_R;
  const g = LUMA_FROM_G;
  const b = LUMA_FROM_B;
  let s = 0;
  for (let p = 0; p < count; p++) {
    luma[p] = Math.fround(r[data[s]!]! + g[data[s + 1]!]!) + b[data[s + 2]!]!;
    s += channels;
  }
}
