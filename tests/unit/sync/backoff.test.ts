import { describe, expect, it } from 'vitest';
import { backoffDelay, defaultBackoff } from '../../../electron/core/sync';
import { seededRandom } from './seededRandom';

const policy = { baseMs: 100, capMs: 5_000 };

describe('backoffDelay', () => {
  it('draws from [0, base * 2^(failures-1)) and uses the whole range (full jitter)', () => {
    const random = seededRandom(42);
    for (let failures = 1; failures <= 6; failures++) {
      const ceiling = policy.baseMs * 2 ** (failures - 1);
      const draws = Array.from({ length: 2_000 }, () => backoffDelay(failures, null, random, policy));
      expect(draws.every((d) => Number.isInteger(d) && d >= 0 && d < ceiling)).toBe(true);
      // Full jitter, not "half plus jitter": the low and the high tenth of the range both occur.
      expect(Math.min(...draws)).toBeLessThan(ceiling * 0.1);
      expect(Math.max(...draws)).toBeGreaterThan(ceiling * 0.9);
    }
  });

  it('maps the random draw linearly onto the ceiling', () => {
    expect(backoffDelay(1, null, () => 0, policy)).toBe(0);
    expect(backoffDelay(3, null, () => 0.5, policy)).toBe(200);
    expect(backoffDelay(3, null, () => 0.999_999, policy)).toBe(399);
  });

  it('never exceeds the cap however many failures there were', () => {
    const random = seededRandom(7);
    for (const failures of [7, 8, 20, 60, 2_000]) {
      const draws = Array.from({ length: 500 }, () => backoffDelay(failures, null, random, policy));
      expect(Math.max(...draws)).toBeLessThan(policy.capMs);
      expect(Math.max(...draws)).toBeGreaterThan(policy.capMs * 0.9);
    }
    expect(backoffDelay(10_000, null, () => 0.999_999, defaultBackoff)).toBe(defaultBackoff.capMs - 1);
  });

  it('treats zero failures like the first', () => {
    expect(backoffDelay(0, null, () => 0.999_999, policy)).toBe(99);
  });

  it('never retries before the server’s Retry-After, but keeps a longer jittered delay', () => {
    expect(backoffDelay(1, 30_000, () => 0.5, policy)).toBe(30_000);
    expect(backoffDelay(1, 0, () => 0.5, policy)).toBe(50);
    expect(backoffDelay(8, 1_000, () => 0.5, policy)).toBe(2_500);
    const random = seededRandom(3);
    for (let i = 0; i < 500; i++) expect(backoffDelay(4, 600, random, policy)).toBeGreaterThanOrEqual(600);
  });
});
