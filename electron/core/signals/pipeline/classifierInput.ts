import type { ClassifierImage } from '../classifier';
import type { PdqPixels } from '../pdq';

/**
 * The classifier takes RGB or RGBA (alpha ignored, as nsfwjs ignores it); grey images are spread
 * to three equal channels. Colour images are passed through without a copy.
 */
export function classifierImageOf(pixels: PdqPixels): ClassifierImage {
  const { data, width, height, channels } = pixels;
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data.buffer, data.byteOffset, data.length);
  if (channels === 3 || channels === 4) return { data: bytes, width, height, channels };
  const rgb = new Uint8Array(width * height * 3);
  for (let p = 0, s = 0; p < width * height; p++, s += channels) {
    const grey = bytes[s]!;
    rgb[p * 3] = grey;
    rgb[p * 3 + 1] = grey;
    rgb[p * 3 + 2] = grey;
  }
  return { data: rgb, width, height, channels: 3 };
}
