import { describe, expect, test } from 'vitest';
import { dctMedian } from '../../../electron/core/signals/pdq/bits';

describe('dctMedian', () => {
  test('is the 128th smallest of 256 values, as a full sort gives, with and without ties', () => {
    let seed = 7;
    const next = (): number => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const scratch = new Float32Array(256);
    for (let round = 0; round < 300; round++) {
      const levels = [2, 5, 50, 1e9][round % 4]!;
      const cells = Float32Array.from({ length: 256 }, () => Math.floor(next() * levels) - levels / 2);
      const before = cells.slice();
      const sorted = cells.slice().sort();
      expect(dctMedian(cells, scratch)).toBe(sorted[127]);
      expect(cells).toEqual(before);
    }
  });
});
