import type { Lexicon, LexiconDelta } from '@workstation/protocol';
import { describe, expect, test } from 'vitest';
import { LexiconDeltaError, applyLexiconDelta, compileLexicon, findRedFlags } from '../../../electron/core/signals/text/index';

const base: Lexicon = {
  locale: 'en',
  version: 7,
  updatedAt: '2025-03-01T00:00:00Z',
  entries: [
    { id: 'en.scam.gift-card', phrase: 'gift card', category: 'scam', severity: 1 },
    { id: 'en.hate.vermin', phrase: 'you people are vermin', category: 'hate', severity: 3 },
  ],
};

const delta = (overrides: Partial<LexiconDelta> = {}): LexiconDelta => ({
  fromVersion: 7,
  toVersion: 8,
  updatedAt: '2025-03-08T00:00:00Z',
  add: [{ id: 'en.scam.wire-money', phrase: 'wire the money', category: 'scam', severity: 2 }],
  remove: ['en.scam.gift-card'],
  ...overrides,
});

function problemOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(LexiconDeltaError);
    return (error as LexiconDeltaError).problem;
  }
  throw new Error('expected the delta to be refused');
}

describe('applyLexiconDelta', () => {
  test('removes, adds and moves to the new version without touching the input', () => {
    const snapshot = structuredClone(base);
    const next = applyLexiconDelta(base, delta());
    expect(next.version).toBe(8);
    expect(next.updatedAt).toBe('2025-03-08T00:00:00Z');
    expect(next.entries.map((e) => e.id)).toEqual(['en.hate.vermin', 'en.scam.wire-money']);
    expect(base).toEqual(snapshot);

    const compiled = compileLexicon(next);
    expect(findRedFlags('w1re the m0ney via gift card', compiled).map((m) => m.entryId)).toEqual(['en.scam.wire-money']);
  });

  test('an edit is a removal and an addition of the same id', () => {
    const edited = { id: 'en.scam.gift-card', phrase: 'buy a gift card', category: 'scam', severity: 2 } as const;
    const next = applyLexiconDelta(base, delta({ add: [edited], remove: ['en.scam.gift-card'] }));
    expect(next.entries.find((e) => e.id === 'en.scam.gift-card')).toEqual(edited);
  });

  test('a delta without updatedAt keeps the last known publication time', () => {
    const { updatedAt: _omitted, ...withoutTime } = delta();
    expect(applyLexiconDelta(base, withoutTime).updatedAt).toBe(base.updatedAt);
  });

  test('refuses a delta whose fromVersion is not the version we hold, and says which to fetch', () => {
    expect(problemOf(() => applyLexiconDelta(base, delta({ fromVersion: 6, toVersion: 7 })))).toBe('version_mismatch');
    expect(() => applyLexiconDelta(base, delta({ fromVersion: 8, toVersion: 9 }))).toThrow(/version 8 .* version 7/);
  });

  test('refuses a delta that does not move forward', () => {
    expect(problemOf(() => applyLexiconDelta(base, delta({ toVersion: 7 })))).toBe('version_not_increasing');
  });

  test('refuses removing an id we do not have', () => {
    expect(problemOf(() => applyLexiconDelta(base, delta({ remove: ['en.nope'] })))).toBe('unknown_removal');
  });

  test('refuses adding an id that already exists', () => {
    const clash = { id: 'en.hate.vermin', phrase: 'vermin', category: 'hate', severity: 3 } as const;
    expect(problemOf(() => applyLexiconDelta(base, delta({ add: [clash] })))).toBe('duplicate_addition');
  });

  test('refuses a malformed delta from the network', () => {
    const malformed = { ...delta(), add: [{ id: 'x', phrase: 'y', category: 'spam', severity: 9 }] } as unknown as LexiconDelta;
    expect(problemOf(() => applyLexiconDelta(base, malformed))).toBe('invalid_delta');
  });
});
