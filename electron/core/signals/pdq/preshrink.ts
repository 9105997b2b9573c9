import { byteView, type PdqPixels, validatePixels } from './pixels';

/** The side Meta's reference command-line tool shrinks larger images to before hashing. */
export const PDQ_PRESHRINK_SIDE = 512;

/**
 * Meta's reference CLI preprocessing: an image wider or taller than 512 is resized to exactly
 * 512x512 by nearest-neighbour sampling, ignoring the aspect ratio (output pixel x takes source
 * pixel floor(x * W / 512), rows likewise). Hashes move 0 to 10 bits from the full-resolution
 * core (tests/fixtures/pdq/expected/reference-cli-512nn.csv), far inside the match distance
 * of 31, and hashing a 12-megapixel photo costs what a 512x512 one does.
 */
export function preshrinkNearest(pixels: PdqPixels, side: number = PDQ_PRESHRINK_SIDE): PdqPixels {
  validatePixels(pixels);
  const { data, width, height, channels } = pixels;
  if (width <= side && height <= side) return pixels;
  const bytes = byteView(data);
  const out = new Uint8Array(side * side * channels);
  const columns = new Int32Array(side);
  for (let x = 0; x < side; x++) columns[x] = Math.floor((x * width) / side) * channels;
  const rowBytes = width * channels;
  // One loop per channel count: a fixed number of byte moves per pixel, no inner loop to run.
  let o = 0;
  for (let y = 0; y < side; y++) {
    const row = Math.floor((y * height) / side) * rowBytes;
    if (channels === 3) {
      for (let x = 0; x < side; x++, o += 3) {
        const s = row + columns[x]!;
        out[o] = bytes[s]!;
        out[o + 1] = bytes[s + 1]!;
        out[o + 2] = bytes[s + 2]!;
      }
    } else if (channels === 1) {
      for (let x = 0; x < side; x++, o++) out[o] = bytes[row + columns[x]!]!;
    } else {
      for (let x = 0; x < side; x++) {
        const s = row + columns[x]!;
        for (let c = 0; c < channels; c++) out[o++] = bytes[s + c]!;
      }
    }
  }
  return { data: out, width: side, height: side, channels };
}
