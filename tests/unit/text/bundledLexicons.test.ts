import { LOCALES, RED_FLAG_CATEGORIES } from '@workstation/protocol';
import { describe, expect, test } from 'vitest';
import {
  GROOMING_PATTERNS,
  bundledGroomingPatterns,
  bundledLexicon,
  compileLexicon,
  findRedFlags,
  scoreGroomingThread,
} from '../../../electron/core/signals/text/index';

describe.each(LOCALES)('bundled %s lexicon', (locale) => {
  const lexicon = bundledLexicon(locale);
  const compiled = compileLexicon(lexicon);

  test('has at least 25 entries covering every category', () => {
    expect(lexicon.entries.length).toBeGreaterThanOrEqual(25);
    expect(new Set(lexicon.entries.map((e) => e.category))).toEqual(new Set(RED_FLAG_CATEGORIES));
  });

  test('ids are prefixed with the locale so deltas cannot cross locales', () => {
    for (const entry of lexicon.entries) expect(entry.id.startsWith(`${locale}.${entry.category}.`)).toBe(true);
  });

  test('every phrase is found in its own wording', () => {
    for (const entry of lexicon.entries) {
      const hits = findRedFlags(entry.phrase, compiled).filter((m) => m.entryId === entry.id);
      expect(hits, entry.phrase).toEqual([
        expect.objectContaining({ start: 0, end: entry.phrase.length, category: entry.category, severity: entry.severity }),
      ]);
    }
  });

  test('every grooming phrase triggers its own pattern', () => {
    const { patterns } = bundledGroomingPatterns(locale);
    for (const pattern of GROOMING_PATTERNS) {
      for (const phrase of patterns[pattern]) {
        const result = scoreGroomingThread([{ id: 'm', fromHandle: 'a', text: phrase }], locale);
        expect(
          result.patterns.map((p) => p.pattern),
          phrase,
        ).toContain(pattern);
      }
    }
  });
});
