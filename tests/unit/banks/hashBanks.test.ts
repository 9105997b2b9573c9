import type { MediaAnalysis } from '../../../electron/core/signals';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { BankDeltaError, childSafetyMatch, HashBankIndex, type BankDelta } from '../../../electron/core/signals/banks';
import { fromHex, hammingDistance } from '../../../electron/core/signals/pdq';
import { openStore, type Store } from '../../../electron/core/store';
import { analysedWith, flipBits, randomHex, seeded } from './fixtures';

const clock = () => new Date('2025-03-01T12:00:00.000Z');
const stores: Store[] = [];
function store(file = ':memory:'): Store {
  const s = openStore(file);
  stores.push(s);
  return s;
}
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
});

const next = seeded(7);
const pdqA = randomHex(next, 64);
const pdqB = randomHex(next, 64);
const shaC = randomHex(next, 64);
const md5D = randomHex(next, 32);

const csam: BankDelta = {
  bank: 'ncmec-demo',
  category: 'child_safety',
  fromVersion: 0,
  toVersion: 1,
  add: [
    { id: 'a', kind: 'pdq', hash: pdqA },
    { id: 'b', kind: 'pdq', hash: pdqB },
    { id: 'c', kind: 'sha256', hash: shaC },
    { id: 'd', kind: 'md5', hash: md5D.toUpperCase() },
  ],
  remove: [],
};

function refusal(run: () => unknown): BankDeltaError {
  try {
    run();
  } catch (error) {
    if (error instanceof BankDeltaError) return error;
    throw error;
  }
  throw new Error('the delta was applied but should have been refused');
}

describe('bank deltas', () => {
  test('a first delta creates the bank with its category, version and entries', () => {
    const index = HashBankIndex.load(store(), clock);
    const summary = index.applyDelta(csam);
    expect(summary).toEqual({ name: 'ncmec-demo', category: 'child_safety', version: 1, updatedAt: '2025-03-01T12:00:00.000Z', entries: 4 });
  });

  test('removes and adds apply, and replace an entry id that is sent again', () => {
    const s = store();
    const index = HashBankIndex.load(s, clock);
    index.applyDelta(csam);
    const pdqE = randomHex(next, 64);
    index.applyDelta({ bank: 'ncmec-demo', fromVersion: 1, toVersion: 2, add: [{ id: 'a', kind: 'pdq', hash: pdqE }], remove: ['b', 'c'] });
    expect(index.summaries()[0]).toMatchObject({ version: 2, entries: 2 });
    expect(index.match(analysedWith(pdqA)).matches).toEqual([]);
    expect(index.match(analysedWith(pdqB)).matches).toEqual([]);
    expect(index.match(analysedWith(pdqE)).matches).toEqual([
      { bank: 'ncmec-demo', category: 'child_safety', entryId: 'a', kind: 'pdq', distance: 0 },
    ]);
    expect(s.hashBankEntries().map((e) => e.entryId)).toEqual(['a', 'd']);
  });

  test('a fromVersion that is not the local version is refused and nothing changes', () => {
    const s = store();
    const index = HashBankIndex.load(s, clock);
    index.applyDelta(csam);
    const before = { banks: s.hashBanks(), entries: s.hashBankEntries(), summaries: index.summaries() };
    const error = refusal(() =>
      index.applyDelta({
        bank: 'ncmec-demo',
        fromVersion: 2,
        toVersion: 3,
        add: [{ id: 'z', kind: 'md5', hash: randomHex(next, 32) }],
        remove: ['a'],
      }),
    );
    expect(error.problem).toBe('version_mismatch');
    expect(error.message).toMatch(/at version 1 here, but the delta starts from 2/);
    expect({ banks: s.hashBanks(), entries: s.hashBankEntries(), summaries: index.summaries() }).toEqual(before);
    expect(index.match(analysedWith(pdqA)).matches).toHaveLength(1);
    expect(refusal(() => index.applyDelta(csam)).problem).toBe('version_mismatch');
  });

  test('invalid deltas are refused with what is wrong', () => {
    const index = HashBankIndex.load(store(), clock);
    const bad = (patch: Partial<BankDelta>) => refusal(() => index.applyDelta({ ...csam, ...patch }));
    expect(bad({ add: [{ id: 'x', kind: 'pdq', hash: 'abc' }] }).message).toMatch(/add\.0\.hash/);
    expect(bad({ add: [{ id: 'x', kind: 'md5', hash: randomHex(next, 64) }] }).problem).toBe('invalid');
    expect(bad({ toVersion: 0 }).problem).toBe('invalid');
    // Types refuse these already; a delta read from untyped input must be refused at run time too.
    const untypedCategory = (category: string) => ({ category }) as unknown as Partial<BankDelta>;
    expect(bad(untypedCategory('Child Safety')).problem).toBe('invalid');
    expect(bad(untypedCategory('spam')).problem).toBe('invalid');
    expect(bad({ category: undefined }).problem).toBe('category_missing');
    expect(index.summaries()).toEqual([]);
  });

  test('a later delta cannot change the category', () => {
    const index = HashBankIndex.load(store(), clock);
    index.applyDelta(csam);
    const error = refusal(() => index.applyDelta({ bank: 'ncmec-demo', category: 'terrorism', fromVersion: 1, toVersion: 2, add: [], remove: [] }));
    expect(error.problem).toBe('category_changed');
  });

  test('the incremental index answers exactly as one rebuilt from the store', () => {
    const s = store();
    // A tail of 16 rows makes most deltas rebuild the multi-index, so both layouts are exercised.
    const incremental = HashBankIndex.load(s, clock, { tailLimit: 16 });
    const rng = seeded(2024);
    const live = new Map<string, string>();
    const banks = ['gifct', 'previously-actioned'];
    const versions = new Map<string, number>();
    for (let round = 0; round < 12; round++) {
      const bank = banks[round % 2]!;
      const from = versions.get(bank) ?? 0;
      const remove = [...live.keys()].filter((key) => key.startsWith(`${bank}/`) && rng() % 3 === 0).map((key) => key.split('/')[1]!);
      const add = Array.from({ length: 24 }, (_, i) => ({ id: `e${(round * 17 + i * 5) % 120}`, kind: 'pdq' as const, hash: randomHex(rng, 64) }));
      incremental.applyDelta({
        bank,
        category: bank === 'gifct' ? 'terrorism' : 'previously_actioned',
        fromVersion: from,
        toVersion: from + 1,
        add,
        remove,
      });
      versions.set(bank, from + 1);
      for (const id of remove) live.delete(`${bank}/${id}`);
      for (const entry of add) live.set(`${bank}/${entry.id}`, entry.hash);
    }
    const rebuilt = HashBankIndex.load(s, clock);
    expect(rebuilt.summaries()).toEqual(incremental.summaries());
    const queries = [...live.values()].flatMap((hash, i) => [hash, flipBits(hash, 31), flipBits(hash, 32), flipBits(hash, i % 40)]);
    const scan = (query: string) =>
      [...live]
        .map(([key, hash]) => ({ key, distance: hammingDistance(fromHex(hash), fromHex(query)) }))
        .filter((m) => m.distance <= 31)
        .sort((x, y) => x.distance - y.distance || (x.key < y.key ? -1 : 1))
        .map((m) => `${m.key}@${m.distance}`);
    for (const hash of queries) {
      expect(incremental.match(analysedWith(hash))).toEqual(rebuilt.match(analysedWith(hash)));
      expect(incremental.match(analysedWith(hash)).matches.map((m) => `${m.bank}/${m.entryId}@${m.distance}`)).toEqual(scan(hash));
    }
    const total = queries.reduce((n, hash) => n + incremental.match(analysedWith(hash)).matches.length, 0);
    expect(total).toBeGreaterThanOrEqual(live.size * 2);
  });

  test('banks survive a restart: a reopened store loads the same index', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'banks-')), 'workstation.db');
    const first = store(file);
    HashBankIndex.load(first, clock).applyDelta(csam);
    first.close();
    stores.splice(stores.indexOf(first), 1);
    const reopened = HashBankIndex.load(store(file), clock);
    expect(reopened.summaries()).toMatchObject([{ name: 'ncmec-demo', version: 1, entries: 4 }]);
    expect(reopened.match(analysedWith(pdqA)).matches.map((m) => m.entryId)).toEqual(['a']);
  });
});

describe('matching', () => {
  test('PDQ matches at Hamming distance 31 and not at 32', () => {
    const index = HashBankIndex.load(store(), clock);
    index.applyDelta(csam);
    expect(index.match(analysedWith(flipBits(pdqA, 31))).matches).toEqual([
      { bank: 'ncmec-demo', category: 'child_safety', entryId: 'a', kind: 'pdq', distance: 31 },
    ]);
    expect(index.match(analysedWith(flipBits(pdqA, 32))).matches).toEqual([]);
  });

  test('a rotated copy matches through its dihedral hashes', () => {
    const index = HashBankIndex.load(store(), clock);
    index.applyDelta(csam);
    const query = analysedWith(randomHex(seeded(5), 64));
    if (query.status !== 'analysed' || query.kind !== 'image') throw new Error('fixture');
    query.pdq.dihedral.rot90 = flipBits(pdqB, 3);
    expect(index.match(query).matches).toEqual([{ bank: 'ncmec-demo', category: 'child_safety', entryId: 'b', kind: 'pdq', distance: 3 }]);
  });

  test('quality below 50 is not matched and is flagged low quality; 50 matches', () => {
    const index = HashBankIndex.load(store(), clock);
    index.applyDelta(csam);
    expect(index.match(analysedWith(pdqA, 49))).toEqual({ matches: [], lowQuality: true });
    expect(index.match(analysedWith(pdqA, 50))).toMatchObject({ matches: [{ entryId: 'a' }], lowQuality: false });
  });

  test('SHA-256 and MD5 match exactly, case-insensitively, even when the image is unanalysable', () => {
    const index = HashBankIndex.load(store(), clock);
    index.applyDelta(csam);
    const unanalysable: MediaAnalysis = { status: 'unanalysable', sha256: shaC, md5: md5D, reason: { code: 'truncated', message: 'cut short' } };
    const report = index.match(unanalysable);
    expect(report).toEqual({
      lowQuality: false,
      matches: [
        { bank: 'ncmec-demo', category: 'child_safety', entryId: 'c', kind: 'sha256', distance: 0 },
        { bank: 'ncmec-demo', category: 'child_safety', entryId: 'd', kind: 'md5', distance: 0 },
      ],
    });
    expect(childSafetyMatch(report)?.entryId).toBe('c');
  });

  test('matches name their bank and category; childSafetyMatch ignores other categories', () => {
    const index = HashBankIndex.load(store(), clock);
    index.applyDelta(csam);
    index.applyDelta({
      bank: 'actioned',
      category: 'previously_actioned',
      fromVersion: 0,
      toVersion: 1,
      add: [{ id: 'p', kind: 'pdq', hash: flipBits(pdqA, 2) }],
      remove: [],
    });
    const report = index.match(analysedWith(flipBits(pdqA, 1)));
    expect(report.matches.map((m) => [m.bank, m.category, m.distance])).toEqual([
      ['actioned', 'previously_actioned', 1],
      ['ncmec-demo', 'child_safety', 1],
    ]);
    expect(childSafetyMatch(report)?.bank).toBe('ncmec-demo');
    const onlyActioned = index.match(analysedWith(flipBits(pdqA, 32)));
    expect(onlyActioned.matches.map((m) => [m.bank, m.distance])).toEqual([['actioned', 30]]);
    expect(childSafetyMatch(onlyActioned)).toBeUndefined();
  });
});
