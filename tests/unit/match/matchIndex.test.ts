import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { compareIds, compareMatches, PdqIndexError, PdqMatchIndex, type MatchId, type PdqMatch } from '../../../electron/core/signals/match';
import { fromHex, hammingDistance, type PdqHash } from '../../../electron/core/signals/pdq';
import { conformancePath, readHashList } from '../pdq/conformanceData';

/** The yardstick: compare against every entry. */
function bruteForce(bank: ReadonlyMap<MatchId, PdqHash>, queries: PdqHash[], maxDistance: number): PdqMatch[] {
  const matches: PdqMatch[] = [];
  for (const [id, hash] of bank) {
    const distance = Math.min(...queries.map((q) => hammingDistance(q, hash)));
    if (distance <= maxDistance) matches.push({ id, distance });
  }
  return matches.sort(compareMatches);
}

function flipBits(hash: PdqHash, bits: readonly number[]): PdqHash {
  const out = hash.slice();
  for (const bit of bits) out[bit >>> 5]! ^= 1 << (bit & 31);
  return out;
}

const hashArb = fc.uint32Array({ minLength: 8, maxLength: 8 });
const bitsArb = (max: number) => fc.uniqueArray(fc.integer({ min: 0, max: 255 }), { minLength: 0, maxLength: max });

describe('needles x haystack from upstream (threshold 31)', () => {
  const needles = readHashList('data/reg-test-input/needles.txt').map(fromHex);
  const haystack = readHashList('data/reg-test-input/haystack.txt').map(fromHex);
  const expected = readFileSync(conformancePath('expected/needles-vs-haystack-matches-d32.csv'), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split(',').map(Number).join(','))
    .sort();

  const pairs = (find: (index: PdqMatchIndex, needle: PdqHash) => PdqMatch[]): string[] => {
    const index = new PdqMatchIndex();
    haystack.forEach((hash, i) => index.add(i + 1, hash));
    return needles.flatMap((needle, n) => find(index, needle).map((m) => `${n + 1},${m.id},${m.distance}`)).sort();
  };

  test('inputs are the upstream lists', () => {
    expect(needles).toHaveLength(100);
    expect(haystack).toHaveLength(1350);
    expect(expected).toHaveLength(250);
  });

  test('the index returns exactly the 250 published pairs with their distances', () => {
    expect(pairs((index, needle) => index.query(needle))).toEqual(expected);
  });

  test('the exhaustive scan at 32 agrees (no pair sits at exactly 32)', () => {
    expect(pairs((index, needle) => index.scanMany([needle], 32))).toEqual(expected);
  });
});

describe('equals brute force on random banks with planted near-duplicates', () => {
  const scenario = fc.record({
    centres: fc.array(hashArb, { minLength: 1, maxLength: 4 }),
    randoms: fc.array(hashArb, { maxLength: 40 }),
    near: fc.array(fc.record({ centre: fc.nat(), bits: bitsArb(40) }), { maxLength: 60 }),
    removals: fc.array(fc.nat(), { maxLength: 20 }),
    maxDistance: fc.integer({ min: 0, max: 40 }),
    queryFlips: fc.array(bitsArb(12), { minLength: 1, maxLength: 8 }),
  });

  test('query and queryMany, after adds and removes, at distances 0..40', () => {
    fc.assert(
      fc.property(scenario, ({ centres, randoms, near, removals, maxDistance, queryFlips }) => {
        const bank = new Map<MatchId, PdqHash>();
        randoms.forEach((hash, i) => bank.set(`r${i}`, hash));
        near.forEach(({ centre, bits }, i) => bank.set(i, flipBits(centres[centre % centres.length]!, bits)));
        const index = new PdqMatchIndex();
        for (const [id, hash] of bank) index.add(id, hash);
        const ids = [...bank.keys()];
        for (const r of removals) {
          const id = ids[r % Math.max(1, ids.length)];
          if (id !== undefined && bank.delete(id)) expect(index.remove(id)).toBe(true);
        }
        expect(index.size).toBe(bank.size);

        const centre = centres[0]!;
        expect(index.query(centre, maxDistance)).toEqual(bruteForce(bank, [centre], maxDistance));
        const dihedralLike = queryFlips.map((bits) => flipBits(centre, bits));
        expect(index.queryMany(dihedralLike, maxDistance)).toEqual(bruteForce(bank, dihedralLike, maxDistance));
      }),
      { numRuns: 300 },
    );
  });

  test('planted matches really occur, so the property is not vacuous', () => {
    const centre = new Uint32Array(8).fill(0x12345678);
    const index = new PdqMatchIndex();
    [0, 1, 15, 16, 17, 31].forEach((k) =>
      index.add(
        `k${k}`,
        flipBits(
          centre,
          Array.from({ length: k }, (_, i) => i * 8),
        ),
      ),
    );
    index.add(
      'k32',
      flipBits(
        centre,
        Array.from({ length: 32 }, (_, i) => i * 8),
      ),
    );
    expect(index.query(centre).map((m) => m.distance)).toEqual([0, 1, 15, 16, 17, 31]);
    expect(index.query(centre, 15).map((m) => m.id)).toEqual(['k0', 'k1', 'k15']);
  });
});

describe('incremental updates', () => {
  const a = fromHex('f8f8f0cee0f4a84f0637022a038f67f0b36e26d596621e1d33e6b39c4e9c9b22');
  const b = flipBits(a, [3, 70, 200]);

  test('add, replace, remove and re-add without rebuilding', () => {
    const index = new PdqMatchIndex();
    index.add('bank:1', a);
    expect(index.query(a)).toEqual([{ id: 'bank:1', distance: 0 }]);
    index.add('bank:1', b);
    expect(index.size).toBe(1);
    expect(index.query(a)).toEqual([{ id: 'bank:1', distance: 3 }]);
    expect(index.remove('bank:1')).toBe(true);
    expect(index.remove('bank:1')).toBe(false);
    expect(index.query(a)).toEqual([]);
    expect(index.scanMany([a], 256)).toEqual([]);
    index.add(7, a);
    expect(index.query(b)).toEqual([{ id: 7, distance: 3 }]);
  });

  test('removing from the head, middle and tail of shared buckets keeps the rest findable', () => {
    const index = new PdqMatchIndex();
    for (let id = 0; id < 5; id++) index.add(id, a);
    index.remove(2);
    index.remove(4);
    index.remove(0);
    expect(index.query(a)).toEqual([
      { id: 1, distance: 0 },
      { id: 3, distance: 0 },
    ]);
    index.add(9, b);
    expect(index.query(a).map((m) => m.id)).toEqual([1, 3, 9]);
  });

  test('grows past its initial capacity and stays exact', () => {
    const index = new PdqMatchIndex(10);
    const bank = new Map<MatchId, PdqHash>();
    for (let i = 0; i < 3000; i++) {
      const hash = flipBits(a, [(i * 7) % 256, (i * 13) % 256, (i * 29) % 256, (i * 31 + 5) % 256, i % 256]);
      bank.set(i, hash);
      index.add(i, hash);
    }
    expect(index.size).toBe(3000);
    expect(index.query(a)).toEqual(bruteForce(bank, [a], 31));
    expect(index.query(a).length).toBeGreaterThan(0);
  });

  test('rejects malformed hashes and distances with an actionable message', () => {
    const index = new PdqMatchIndex();
    expect(() => index.add(1, new Uint32Array(7))).toThrow(PdqIndexError);
    expect(() => index.query(new Uint32Array(8), 31.5)).toThrow(/whole number of bits/);
    expect(() => index.query(new Uint32Array(8), -1)).toThrow(PdqIndexError);
    expect(() => index.queryMany([a, new Uint32Array(16)])).toThrow(/fromHex/);
  });
});

describe('result order', () => {
  test('distance first, then numbers before strings, numbers by value, strings by code unit', () => {
    const matches: PdqMatch[] = [
      { id: 'b', distance: 2 },
      { id: 10, distance: 2 },
      { id: 'a', distance: 2 },
      { id: 9, distance: 2 },
      { id: 'Z', distance: 1 },
    ];
    expect(matches.sort(compareMatches).map((m) => m.id)).toEqual(['Z', 9, 10, 'a', 'b']);
    expect(compareIds('B', 'a')).toBeLessThan(0);
  });
});
