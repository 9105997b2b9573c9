import { describe, expect, test } from 'vitest';
import {
  DIHEDRAL_NAMES,
  hammingDistance,
  PdqHasher,
  pdqHash,
  pdqHashWithDihedral,
  PdqInputError,
  pdqStages,
  toHex,
  type PdqPixels,
} from '../../../electron/core/signals/pdq';
import { loadConformanceImage } from './conformanceData';

const ZERO = '0'.repeat(64);

function withChannels(rgb: PdqPixels, channels: 4): PdqPixels {
  const count = rgb.width * rgb.height;
  const data = new Uint8Array(count * channels);
  for (let p = 0; p < count; p++) {
    data.set(rgb.data.subarray(p * 3, p * 3 + 3), p * channels);
    data[p * channels + 3] = (p * 37) & 0xff; // alpha must not matter
  }
  return { ...rgb, data, channels };
}

/** Rotates an image's pixels a quarter turn anticlockwise (what upstream calls rot90). */
function rotate90(image: PdqPixels): PdqPixels {
  const { width, height, channels, data } = image;
  const out = new Uint8Array(data.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const to = ((width - 1 - x) * height + y) * channels;
      out.set(data.subarray((y * width + x) * channels, (y * width + x + 1) * channels), to);
    }
  }
  return { data: out, width: height, height: width, channels };
}

function mirrorLeftRight(image: PdqPixels): PdqPixels {
  const { width, height, channels, data } = image;
  const out = new Uint8Array(data.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      out.set(data.subarray((y * width + x) * channels, (y * width + x + 1) * channels), (y * width + width - 1 - x) * channels);
    }
  }
  return { ...image, data: out };
}

describe('PdqHasher', () => {
  test('images under 5x5 give the all-zero hash with quality 0, including their dihedral hashes', () => {
    for (const [width, height] of [
      [4, 4],
      [4, 100],
      [100, 4],
      [0, 0],
    ] as const) {
      const image: PdqPixels = { data: new Uint8Array(width * height).fill(200), width, height, channels: 1 };
      const result = pdqHashWithDihedral(image);
      expect(toHex(result.hash)).toBe(ZERO);
      expect(result.quality).toBe(0);
      for (const name of DIHEDRAL_NAMES) expect(toHex(result.dihedral[name])).toBe(ZERO);
      expect(pdqStages(image)).toBeNull();
    }
  });

  test('alpha is dropped, not composited', async () => {
    const rgb = await loadConformanceImage('synthetic/waves-300x200.ppm');
    expect(toHex(pdqHash(withChannels(rgb, 4)).hash)).toBe(toHex(pdqHash(rgb).hash));
  });

  test('a quarter turn and a mirror of the pixels land on the predicted dihedral hashes', async () => {
    const image = await loadConformanceImage('synthetic/waves-300x200.ppm');
    const predicted = pdqHashWithDihedral(image).dihedral;
    expect(hammingDistance(pdqHash(rotate90(image)).hash, predicted.rot90)).toBeLessThanOrEqual(8);
    expect(hammingDistance(pdqHash(mirrorLeftRight(image)).hash, predicted.flipy)).toBeLessThanOrEqual(8);
    expect(hammingDistance(pdqHash(rotate90(image)).hash, predicted.rot270)).toBeGreaterThan(31);
  });

  test('reusing buffers across sizes changes nothing', async () => {
    const big = await loadConformanceImage('synthetic/waves-512x512.ppm');
    const small = await loadConformanceImage('synthetic/waves-65x63.ppm');
    const fresh = toHex(new PdqHasher().hash(small).hash);
    const reused = new PdqHasher();
    reused.hash(big);
    expect(toHex(reused.hash(small).hash)).toBe(fresh);
    reused.hash(small);
    expect(toHex(reused.hash(big).hash)).toBe(toHex(new PdqHasher().hash(big).hash));
  });

  test('rejects malformed pixel buffers with a message that says how to fix them', () => {
    const data = new Uint8Array(10 * 10 * 3);
    expect(() => pdqHash({ data, width: 10, height: 9, channels: 3 })).toThrow(PdqInputError);
    expect(() => pdqHash({ data, width: 10, height: 9, channels: 3 })).toThrow(/tightly packed/);
    expect(() => pdqHash({ data, width: 10.5, height: 10, channels: 3 })).toThrow(/whole/);
    expect(() => pdqHash({ data, width: 10, height: 10, channels: 5 as 3 })).toThrow(/channels/);
  });
});
