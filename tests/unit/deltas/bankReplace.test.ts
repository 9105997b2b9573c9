import { afterEach, describe, expect, test } from 'vitest';
import { BankDeltaError, HashBankIndex } from '../../../electron/core/signals/banks';
import { openStore, type Store } from '../../../electron/core/store';
import { analysedWith } from '../banks/fixtures';
import { hex } from './fixtures';

const clock = () => new Date('2025-03-01T12:00:00.000Z');
const stores: Store[] = [];
function store(): Store {
  const s = openStore(':memory:');
  stores.push(s);
  return s;
}
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
});

const oldPdq = hex('a');
const newPdq = hex('5');

function heldBank(s: Store): HashBankIndex {
  const index = HashBankIndex.load(s, clock);
  index.applyDelta({
    bank: 'b',
    category: 'child_safety',
    fromVersion: 0,
    toVersion: 4,
    add: [
      { id: 'old', kind: 'pdq', hash: oldPdq },
      { id: 'keep', kind: 'md5', hash: hex('1', 32) },
    ],
    remove: [],
  });
  return index;
}

describe('replacing a bank wholesale from a snapshot', () => {
  test('leaves exactly the new entries, at the snapshot version even when lower, in the store and in memory', () => {
    const s = store();
    const index = heldBank(s);
    const summary = index.replace({
      bank: 'b',
      category: 'child_safety',
      version: 2,
      entries: [
        { id: 'new', kind: 'pdq', hash: newPdq },
        { id: 'keep', kind: 'md5', hash: hex('1', 32) },
      ],
    });
    expect(summary).toMatchObject({ name: 'b', version: 2, entries: 2 });
    expect(s.hashBankEntries().map((e) => e.entryId)).toEqual(['keep', 'new']);
    expect(s.hashBanks()).toMatchObject([{ name: 'b', version: 2 }]);
    expect(index.match(analysedWith(oldPdq)).matches).toEqual([]);
    expect(index.match(analysedWith(newPdq)).matches.map((m) => m.entryId)).toEqual(['new']);
    expect(HashBankIndex.load(s, clock).summaries()).toEqual(index.summaries());
  });

  test('creates a bank it did not hold, and leaves other banks alone', () => {
    const s = store();
    const index = heldBank(s);
    index.replace({ bank: 'c', category: 'terrorism', version: 1, entries: [{ id: 'x', kind: 'pdq', hash: newPdq }] });
    expect(index.summaries().map((b) => [b.name, b.category, b.version, b.entries])).toEqual([
      ['b', 'child_safety', 4, 2],
      ['c', 'terrorism', 1, 1],
    ]);
    expect(index.match(analysedWith(oldPdq)).matches.map((m) => m.bank)).toEqual(['b']);
  });

  test('malformed contents are refused and change nothing', () => {
    const s = store();
    const index = heldBank(s);
    const before = { entries: s.hashBankEntries(), summaries: index.summaries() };
    for (const entries of [
      [
        { id: 'dup', kind: 'pdq' as const, hash: newPdq },
        { id: 'dup', kind: 'pdq' as const, hash: oldPdq },
      ],
      [{ id: 'short', kind: 'sha256' as const, hash: hex('1', 32) }],
    ]) {
      expect(() => index.replace({ bank: 'b', category: 'child_safety', version: 5, entries })).toThrow(BankDeltaError);
    }
    expect({ entries: s.hashBankEntries(), summaries: index.summaries() }).toEqual(before);
  });
});
