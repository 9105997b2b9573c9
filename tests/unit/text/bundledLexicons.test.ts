import { GROOMING_PATTERNS, LOCALES, RED_FLAG_CATEGORIES } from '@workstation/protocol';
import { describe, expect, test } from 'vitest';
import { expandPhrase } from '../../../electron/core/signals/text/phraseMatcher';
import { bundledLexicon, bundledLocales, compileLexicon, findRedFlags, scoreGroomingThread } from '../../../electron/core/signals/text/index';

test('the locales are the files in resources/lexicons: French is there as data alone', () => {
  expect(bundledLocales()).toEqual(['de', 'en', 'es', 'fr']);
});

describe.each(bundledLocales())('bundled %s lexicon', (locale) => {
  const lexicon = bundledLexicon(locale);
  const compiled = compileLexicon(lexicon);

  test('covers every grooming pattern, every entry with a category, a severity and near-misses it must not match', () => {
    const grooming = lexicon.entries.filter((e) => e.pattern !== undefined);
    expect(new Set(grooming.map((e) => e.pattern))).toEqual(new Set(GROOMING_PATTERNS));
    for (const entry of lexicon.entries) expect(entry.nearMisses?.length, entry.id).toBeGreaterThan(0);
    expect(grooming.filter((e) => e.pattern === 'coercion').every((e) => e.severity === 3 && e.category === 'sextortion')).toBe(true);
  });

  test('moving to another app is covered generically and by platform name', () => {
    const moves = lexicon.entries.filter((e) => e.pattern === 'move_platform').flatMap((e) => expandPhrase(e.phrase));
    for (const platform of ['whatsapp', 'snapchat', 'telegram', 'discord', 'instagram'])
      expect(
        moves.some((p) => p.includes(platform)),
        platform,
      ).toBe(true);
  });

  test('ids are prefixed with the locale so deltas cannot cross locales', () => {
    for (const entry of lexicon.entries) expect(entry.id.startsWith(`${locale}.${entry.category}.`)).toBe(true);
  });

  test('every spelling of every phrase is found in its own wording, whole', () => {
    for (const entry of lexicon.entries.filter((e) => e.regex === undefined)) {
      for (const phrase of expandPhrase(entry.phrase)) {
        const hits = findRedFlags(phrase, compiled).filter((m) => m.entryId === entry.id);
        expect(hits, phrase).toEqual([expect.objectContaining({ start: 0, end: phrase.length, category: entry.category, severity: entry.severity })]);
      }
    }
  });

  test('no near-miss is flagged by any entry', () => {
    for (const entry of lexicon.entries) {
      for (const nearMiss of entry.nearMisses ?? []) expect(findRedFlags(nearMiss, compiled), `${entry.id}: ${nearMiss}`).toEqual([]);
    }
  });

  test('every grooming entry triggers its own pattern', () => {
    for (const entry of lexicon.entries.filter((e) => e.pattern !== undefined && e.regex === undefined)) {
      const text = expandPhrase(entry.phrase)[0]!;
      const result = scoreGroomingThread([{ id: 'm', fromHandle: 'a', text }], compiled);
      expect(
        result.patterns.map((p) => p.pattern),
        text,
      ).toContain(entry.pattern);
    }
  });
});

describe.each(LOCALES)('the seeded %s lexicon', (locale) => {
  test('has at least 25 entries covering every category', () => {
    const lexicon = bundledLexicon(locale);
    expect(lexicon.entries.length).toBeGreaterThanOrEqual(25);
    expect(new Set(lexicon.entries.map((e) => e.category))).toEqual(new Set(RED_FLAG_CATEGORIES));
  });
});
