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
  // One spare byte past the end lets an RGB pixel move as one 4-byte word (its 4th byte is
  // overwritten by the next pixel's, the last one lands in the spare byte, outside the view).
  const buffer = new ArrayBuffer(side * side * channels + 1);
  const out = new Uint8Array(buffer, 0, side * side * channels);
  const columns = new Int32Array(side);
  for (let x = 0; x < side; x++) columns[x] = Math.floor((x * width) / side) * channels;
  const rowBytes = width * channels;
  if (channels === 3) {
    // Reading 4 bytes stays inside the image: the side that shrinks never samples its last
    // column or row (floor((side - 1) * n / side) <= n - 2 for n > side), so a sampled pixel is
    // never the image's last.
    const from = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
    const to = new DataView(buffer);
    for (let y = 0, o = 0; y < side; y++) {
      const row = Math.floor((y * height) / side) * rowBytes;
      for (let x = 0; x < side; x++, o += 3) to.setUint32(o, from.getUint32(row + columns[x]!, true), true);
    }
  } else {
    for (let y = 0, o = 0; y < side; y++) {
      const row = Math.floor((y * height) / side) * rowBytes;
      for (let x = 0; x < side; x++) {
        const s = row + columns[x]!;
        for (let c = 0; c < channels; c++) out[o++] = bytes[s + c]!;
      }
    }
  }
  return { data: out, width: side, height: side, channels };
}
