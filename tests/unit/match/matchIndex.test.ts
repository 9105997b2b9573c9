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

/** The index with ids, kept as an owner keeps them: one per row, reordered when settle() renumbers. */
class Keyed {
  readonly index: PdqMatchIndex;
  private idOfRow: MatchId[] = [];
  private readonly rowOf = new Map<MatchId, number>();

  constructor(tailLimit?: number) {
    this.index = new PdqMatchIndex({ tailLimit });
  }

  add(id: MatchId, hash: PdqHash): void {
    this.remove(id);
    const row = this.index.add(hash);
    this.idOfRow[row] = id;
    this.rowOf.set(id, row);
  }

  remove(id: MatchId): boolean {
    const row = this.rowOf.get(id);
    this.rowOf.delete(id);
    return row !== undefined && this.index.remove(row);
  }

  settle(): void {
    const order = this.index.settle();
    this.idOfRow = Array.from(order, (row) => this.idOfRow[row]!);
    this.rowOf.clear();
    this.idOfRow.forEach((id, row) => this.rowOf.set(id, row));
  }

  query(hash: PdqHash, maxDistance?: number): PdqMatch[] {
    return this.named(this.index.query(hash, maxDistance));
  }

  queryMany(hashes: PdqHash[], maxDistance?: number): PdqMatch[] {
    return this.named(this.index.queryMany(hashes, maxDistance));
  }

  scanMany(hashes: PdqHash[], maxDistance?: number): PdqMatch[] {
    return this.named(this.index.scanMany(hashes, maxDistance));
  }

  private named(matches: PdqMatch[]): PdqMatch[] {
    return matches.map(({ id, distance }) => ({ id: this.idOfRow[id as number]!, distance })).sort(compareMatches);
  }
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

  const pairs = (find: (index: Keyed, needle: PdqHash) => PdqMatch[], settled = true): string[] => {
    const index = new Keyed();
    haystack.forEach((hash, i) => index.add(i + 1, hash));
    if (settled) index.settle();
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

  test('rows added since the last settle (the tail) give the same pairs', () => {
    expect(pairs((index, needle) => index.query(needle), false)).toEqual(expected);
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
    settleAt: fc.integer({ min: 0, max: 3 }),
    later: fc.array(fc.record({ centre: fc.nat(), bits: bitsArb(40) }), { maxLength: 20 }),
    maxDistance: fc.integer({ min: 0, max: 40 }),
    queryFlips: fc.array(bitsArb(12), { minLength: 1, maxLength: 8 }),
  });

  test('query and queryMany, after adds and removes, at distances 0..40', () => {
    fc.assert(
      fc.property(scenario, ({ centres, randoms, near, removals, settleAt, later, maxDistance, queryFlips }) => {
        const bank = new Map<MatchId, PdqHash>();
        randoms.forEach((hash, i) => bank.set(`r${i}`, hash));
        near.forEach(({ centre, bits }, i) => bank.set(i, flipBits(centres[centre % centres.length]!, bits)));
        const index = new Keyed();
        for (const [id, hash] of bank) index.add(id, hash);
        if (settleAt === 1) index.settle();
        const ids = [...bank.keys()];
        for (const r of removals) {
          const id = ids[r % Math.max(1, ids.length)];
          if (id !== undefined && bank.delete(id)) expect(index.remove(id)).toBe(true);
        }
        if (settleAt === 2) index.settle();
        later.forEach(({ centre, bits }, i) => {
          const hash = flipBits(centres[centre % centres.length]!, bits);
          bank.set(`later${i}`, hash);
          index.add(`later${i}`, hash);
        });
        if (settleAt === 3) index.settle();
        expect(index.index.size).toBe(bank.size);

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
    const index = new Keyed();
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
    index.settle();
    expect(index.query(centre).map((m) => m.distance)).toEqual([0, 1, 15, 16, 17, 31]);
    expect(index.query(centre, 15).map((m) => m.id)).toEqual(['k0', 'k1', 'k15']);
  });
});

describe('the fewest near slots a match within 31 bits can have', () => {
  // Slot s covers bits 15s .. 15s + 14, the last (16) bits 240 .. 255; flip `perSlot[s]` bits of each.
  const spread = (perSlot: number[]): number[] => perSlot.flatMap((n, slot) => Array.from({ length: n }, (_, i) => slot * 15 + i * 4));
  const centre = fromHex('f8f8f0cee0f4a84f0637022a038f67f0b36e26d596621e1d33e6b39c4e9c9b22');
  const layouts: Record<string, number[]> = {
    'no slot equal, three one bit off, the rest two': [1, 1, 1, ...Array<number>(14).fill(2)],
    'one slot equal, one one bit off, the rest two': [0, 1, ...Array<number>(15).fill(2)],
    'two slots equal (the last ones), the rest two, one three': [3, ...Array<number>(14).fill(2), 0, 0],
    'one slot equal in the middle, one off at the end': [...Array<number>(8).fill(2), 0, ...Array<number>(7).fill(2), 1],
  };

  test.each(Object.entries(layouts))('%s: found at 31 bits in the settled index', (_, perSlot) => {
    const bits = spread(perSlot);
    expect(bits).toHaveLength(31);
    const index = new PdqMatchIndex();
    index.add(flipBits(centre, bits));
    index.add(flipBits(centre, [...bits, 255 - 2]));
    index.settle();
    expect(index.query(centre)).toEqual([{ id: 0, distance: 31 }]);
  });
});

describe('incremental updates', () => {
  const a = fromHex('f8f8f0cee0f4a84f0637022a038f67f0b36e26d596621e1d33e6b39c4e9c9b22');
  const b = flipBits(a, [3, 70, 200]);

  test('add, remove and settle: rows are handed out in order, dead rows are skipped, then dropped', () => {
    const index = new PdqMatchIndex();
    expect(index.add(a)).toBe(0);
    expect(index.add(b)).toBe(1);
    expect(index.query(a)).toEqual([
      { id: 0, distance: 0 },
      { id: 1, distance: 3 },
    ]);
    expect(index.remove(0)).toBe(true);
    expect(index.remove(0)).toBe(false);
    expect(index.query(a)).toEqual([{ id: 1, distance: 3 }]);
    expect(index.scanMany([a], 256)).toEqual([{ id: 1, distance: 3 }]);
    expect(Array.from(index.settle())).toEqual([1]);
    expect([index.rows, index.size]).toEqual([1, 1]);
    expect(index.query(a)).toEqual([{ id: 0, distance: 3 }]);
    expect(index.add(a)).toBe(1);
    expect(index.rowsEqualTo(a)).toEqual([1]);
    expect(index.rowsEqualTo(b)).toEqual([0]);
  });

  test('identical hashes in one bucket: removing some keeps the others findable, before and after settling', () => {
    const index = new PdqMatchIndex();
    for (let id = 0; id < 5; id++) index.add(a);
    index.settle();
    index.remove(2);
    index.remove(4);
    index.remove(0);
    expect(index.query(a).map((m) => m.id)).toEqual([1, 3]);
    expect(index.rowsEqualTo(a)).toEqual([1, 3]);
    index.add(b);
    expect(index.query(a).map((m) => m.id)).toEqual([1, 3, 5]);
    const order = index.settle();
    expect(Array.from(order).sort()).toEqual([1, 3, 5]);
    expect(index.query(a)).toHaveLength(3);
  });

  test('asks to settle once the tail or the dead rows pass the limit', () => {
    const index = new PdqMatchIndex({ tailLimit: 4 });
    for (let i = 0; i < 4; i++) index.add(flipBits(a, [i]));
    expect(index.settleDue()).toBe(false);
    index.add(b);
    expect(index.settleDue()).toBe(true);
    index.settle();
    expect(index.settleDue()).toBe(false);
    for (let row = 0; row < 5; row++) index.remove(row);
    expect(index.settleDue()).toBe(true);
  });

  test('grows past its initial capacity and stays exact, settled or not', () => {
    const index = new Keyed();
    const bank = new Map<MatchId, PdqHash>();
    for (let i = 0; i < 3000; i++) {
      const hash = flipBits(a, [(i * 7) % 256, (i * 13) % 256, (i * 29) % 256, (i * 31 + 5) % 256, i % 256]);
      bank.set(i, hash);
      index.add(i, hash);
    }
    expect(index.index.size).toBe(3000);
    expect(index.query(a)).toEqual(bruteForce(bank, [a], 31));
    index.settle();
    expect(index.query(a)).toEqual(bruteForce(bank, [a], 31));
    expect(index.query(a).length).toBeGreaterThan(0);
  });

  test('rejects malformed hashes and distances with an actionable message', () => {
    const index = new PdqMatchIndex();
    expect(() => index.add(new Uint32Array(7))).toThrow(PdqIndexError);
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
