import { describe, expect, test } from 'vitest';
import { hammingDistance, fromHex, pdqHashWithDihedral, preshrinkNearest, toHex } from '../../../electron/core/signals/pdq';
import { loadConformanceImage, readExpectedTable } from './conformanceData';

/**
 * The 512 nearest-neighbour pre-shrink reproduces Meta's reference CLI: on every image larger than
 * 512 in the CLI table, the hash (and the dihedral hashes) equal the CLI's bit for bit.
 */
const rows = readExpectedTable('expected/reference-cli-512nn.csv').filter((r) => (r.width > 512 || r.height > 512) && r.path.startsWith('data/'));

describe('preshrinkNearest against the reference CLI table', () => {
  test('covers the large real images', () => {
    expect(rows.length).toBeGreaterThanOrEqual(12);
  });

  test.each(rows.map((r) => [r.path, r] as const))('%s', async (_path, row) => {
    const pixels = await loadConformanceImage(row.path);
    const result = pdqHashWithDihedral(preshrinkNearest(pixels));
    expect(hammingDistance(result.hash, fromHex(row.hash))).toBe(0);
    expect(result.quality).toBe(row.quality);
    expect(toHex(result.dihedral.rot90)).toBe(row.dihedral.rot90);
    expect(toHex(result.dihedral.flipx)).toBe(row.dihedral.flipx);
  });
});

describe('preshrinkNearest', () => {
  test('leaves images of 512 or less untouched', () => {
    const pixels = { data: new Uint8Array(512 * 300 * 3), width: 512, height: 300, channels: 3 as const };
    expect(preshrinkNearest(pixels)).toBe(pixels);
  });

  test('samples floor(x * W / 512) in both directions, ignoring the aspect ratio', () => {
    const width = 1024;
    const height = 2048;
    const data = new Uint8Array(width * height);
    for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data[y * width + x] = (x + 3 * y) & 0xff;
    const out = preshrinkNearest({ data, width, height, channels: 1 });
    expect([out.width, out.height]).toEqual([512, 512]);
    for (const [x, y] of [
      [0, 0],
      [511, 511],
      [100, 7],
      [7, 300],
    ] as const) {
      expect(out.data[y * 512 + x]).toBe(data[y * 4 * width + x * 2]);
    }
  });
});
