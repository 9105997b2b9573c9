import { describe, expect, it } from 'vitest';
import { allocate, cohensKappa, quantile } from '../../../electron/core/audit';

const pairs = (spec: Array<[string, string, number]>) => spec.flatMap(([a, b, n]) => Array.from({ length: n }, () => [a, b] as const));

describe("Cohen's kappa", () => {
  it('matches the hand-computed value of a 2x2 table (po 0.7, pe 0.5: kappa 0.4)', () => {
    expect(
      cohensKappa(
        pairs([
          ['yes', 'yes', 20],
          ['yes', 'no', 5],
          ['no', 'yes', 10],
          ['no', 'no', 15],
        ]),
      ),
    ).toBeCloseTo(0.4, 12);
  });

  it('matches a three-label table (po 0.8, pe 0.38: kappa 0.42 / 0.62)', () => {
    const value = cohensKappa(
      pairs([
        ['a', 'a', 4],
        ['a', 'b', 1],
        ['b', 'b', 3],
        ['b', 'c', 1],
        ['c', 'c', 1],
      ]),
    );
    expect(value).toBeCloseTo(0.42 / 0.62, 12);
  });

  it('is 1 for perfect agreement, 0 at chance, negative below it, and undefined without spread or pairs', () => {
    expect(
      cohensKappa(
        pairs([
          ['a', 'a', 3],
          ['b', 'b', 2],
          ['c', 'c', 5],
        ]),
      ),
    ).toBe(1);
    expect(
      cohensKappa(
        pairs([
          ['a', 'a', 1],
          ['a', 'b', 1],
          ['b', 'a', 1],
          ['b', 'b', 1],
        ]),
      ),
    ).toBe(0);
    expect(
      cohensKappa(
        pairs([
          ['a', 'b', 5],
          ['b', 'a', 5],
        ]),
      ),
    ).toBe(-1);
    expect(cohensKappa(pairs([['a', 'a', 7]]))).toBeNull();
    expect(cohensKappa([])).toBeNull();
  });
});

describe('quantiles and allocation', () => {
  it('interpolates between ranks', () => {
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([1, 2, 3, 4], 0.9)).toBeCloseTo(3.7, 12);
    expect(quantile([], 0.5)).toBeNull();
  });

  it('allocates a stratified sample by largest remainder, ties by stratum name', () => {
    const strata = [
      { stratum: 'a', n: 500 },
      { stratum: 'b', n: 300 },
      { stratum: 'c', n: 200 },
    ];
    expect(Object.fromEntries(allocate(strata, 10))).toEqual({ a: 5, b: 3, c: 2 });
    // Exact shares 3.33 / 3.33 / 3.33: the one seat left goes to the first name.
    expect(
      Object.fromEntries(
        allocate(
          [
            { stratum: 'x', n: 1 },
            { stratum: 'y', n: 1 },
            { stratum: 'z', n: 1 },
          ],
          10,
        ),
      ),
    ).toEqual({ x: 4, y: 3, z: 3 });
    // 48.5 and 1.5: equal remainders, so the seat goes by name.
    expect(
      Object.fromEntries(
        allocate(
          [
            { stratum: 'big', n: 970 },
            { stratum: 'small', n: 30 },
          ],
          50,
        ),
      ),
    ).toEqual({ big: 49, small: 1 });
    expect(
      Object.fromEntries(
        allocate(
          [
            { stratum: 'big', n: 960 },
            { stratum: 'small', n: 40 },
          ],
          50,
        ),
      ),
    ).toEqual({ big: 48, small: 2 });
  });
});
