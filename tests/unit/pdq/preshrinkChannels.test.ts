import { describe, expect, test } from 'vitest';
import { preshrinkNearest, type PdqPixels } from '../../../electron/core/signals/pdq';

/** The rule spelled out: output (x, y) is source (floor(x * W / side), floor(y * H / side)), every channel. */
function naive(pixels: PdqPixels, side: number): Uint8Array {
  const { data, width, height, channels } = pixels;
  const out = new Uint8Array(side * side * channels);
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      const s = (Math.floor((y * height) / side) * width + Math.floor((x * width) / side)) * channels;
      for (let c = 0; c < channels; c++) out[(y * side + x) * channels + c] = data[s + c]!;
    }
  }
  return out;
}

describe('preshrinkNearest on every channel count and shape', () => {
  test.each([
    [513, 300],
    [300, 513],
    [1600, 1004],
    [513, 513],
    [2000, 7],
    [7, 2000],
  ] as const)('%ix%i, 1 to 4 channels, ending exactly at the last byte of the image', (width, height) => {
    for (const channels of [1, 2, 3, 4] as const) {
      const data = new Uint8Array(width * height * channels);
      for (let i = 0; i < data.length; i++) data[i] = (i * 131 + (i >> 9)) & 0xff;
      const out = preshrinkNearest({ data, width, height, channels });
      expect([out.width, out.height, out.channels, out.data.length]).toEqual([512, 512, channels, 512 * 512 * channels]);
      expect(Buffer.from(out.data).equals(Buffer.from(naive({ data, width, height, channels }, 512)))).toBe(true);
    }
  });
});
