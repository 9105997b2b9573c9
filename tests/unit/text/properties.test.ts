import { LOCALES, type LexiconEntry } from '@workstation/protocol';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { bundledLexicon, compileLexicon, findRedFlags, type CompiledLexicon } from '../../../electron/core/signals/text/index';
import { normaliseForMatching } from '../../../electron/core/signals/text/normalise';
import { expandPhrase, findPhrasesIn } from '../../../electron/core/signals/text/phraseMatcher';

const compiledByLocale = Object.fromEntries(LOCALES.map((l) => [l, compileLexicon(bundledLexicon(l))])) as Record<
  (typeof LOCALES)[number],
  CompiledLexicon
>;
const en = compiledByLocale.en;
/** Fixed so a failure reproduces on every machine; widen numRuns locally to explore further. */
const SEED = 20_250_602;

const LEET: Record<string, string[]> = { o: ['0'], i: ['1'], l: ['1'], e: ['3'], a: ['4', '@'], s: ['5', '$'], t: ['7'] };
const HOMOGLYPH: Record<string, string[]> = {
  a: ['а', 'α'],
  e: ['е', 'ε'],
  o: ['о', 'ο'],
  p: ['р', 'ρ'],
  c: ['с'],
  x: ['х', 'χ'],
  y: ['у'],
  i: ['і', 'ι'],
  s: ['ѕ'],
};
const ZERO_WIDTH = ['\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u00AD'];
const SPACERS = [' ', '.', '-', '_', ' . ', '*'];
const CONTEXT_WORDS = ['lorem', 'ipsum', 'dolor', 'amet', 'consectetur', 'elit', 'sed', 'tempor', 'ut', 'labore'];

type LetterTrick = 'plain' | 'upper' | 'leet' | 'homoglyph' | 'fullwidth' | 'accent' | 'repeat';

/** Disguises one letter; leet is only offered when the caller knows the word keeps a real letter. */
function disguise(letter: string, trick: LetterTrick, pick: number): string {
  const choose = (options: string[] | undefined) => (options ? options[pick % options.length]! : letter);
  switch (trick) {
    case 'plain':
      return letter;
    case 'upper':
      return letter.toUpperCase();
    case 'leet':
      return choose(LEET[letter]);
    case 'homoglyph':
      return choose(HOMOGLYPH[letter]);
    case 'fullwidth':
      return /[a-z]/.test(letter) ? String.fromCharCode(letter.charCodeAt(0) + 0xfee0) : letter;
    case 'accent':
      return /[a-z]/.test(letter) ? `${letter}\u0301` : letter;
    case 'repeat':
      return letter.repeat(2 + (pick % 3));
  }
}

const letterTrick = fc.constantFrom<LetterTrick>('plain', 'upper', 'leet', 'homoglyph', 'fullwidth', 'accent', 'repeat');

/** An obfuscated rendering of a phrase: each word either spaced out letter by letter or disguised letter by letter. */
const obfuscatedPhrase = (phrase: string) =>
  fc
    .tuple(
      fc.array(
        fc.tuple(
          fc.boolean(),
          fc.array(fc.tuple(letterTrick, fc.nat(), fc.boolean()), { minLength: 40, maxLength: 40 }),
          fc.constantFrom(...SPACERS),
        ),
        {
          minLength: 20,
          maxLength: 20,
        },
      ),
      fc.constantFrom(...ZERO_WIDTH),
    )
    .map(([wordPlans, zeroWidth]) =>
      phrase
        .split(' ')
        .map((word, w) => {
          const [spaced, letterPlans, spacer] = wordPlans[w]!;
          const letters = [...word];
          if (spaced && letters.length > 1) {
            // Leet, repeats and "ß" -> "SS" are left out: a lone "1" or "ll" between spacers is not a single letter.
            return letters
              .map((letter, i) => {
                const [trick, pick] = letterPlans[i]!;
                const safe = trick === 'leet' || trick === 'repeat' || (trick === 'upper' && letter === 'ß') ? 'plain' : trick;
                return disguise(letter, safe, pick);
              })
              .join(spacer);
          }
          return letters
            .map((letter, i) => {
              const [trick, pick, zeroWidthAfter] = letterPlans[i]!;
              // A letter that opens a word (or follows an apostrophe) stays a letter, so the word keeps
              // the real letter leet needs and "@" never opens it.
              const opensWord = i === 0 || !/\p{L}/u.test(letters[i - 1]!);
              const disguised = disguise(letter, opensWord && trick === 'leet' ? 'plain' : trick, pick);
              return zeroWidthAfter && i < letters.length - 1 ? disguised + zeroWidth : disguised;
            })
            .join('');
        })
        .join(' '),
    );

/** A phrase entry with one spelling of its phrase. */
const entryOf = (compiled: CompiledLexicon) =>
  fc
    .constantFrom(...compiled.entries.filter((e) => e.regex === undefined))
    .chain((entry) => fc.constantFrom(...expandPhrase(entry.phrase)).map((phrase) => ({ ...entry, phrase })));

describe('properties', () => {
  test('any disguised phrase, in any context, is found with the exact span it occupies', () => {
    const locales = fc.constantFrom(...LOCALES);
    const arbitrary = locales.chain((locale) =>
      entryOf(compiledByLocale[locale]).chain((entry: LexiconEntry) =>
        fc.record({
          locale: fc.constant(locale),
          entry: fc.constant(entry),
          disguised: obfuscatedPhrase(entry.phrase),
          before: fc.array(fc.constantFrom(...CONTEXT_WORDS), { maxLength: 4 }),
          after: fc.array(fc.constantFrom(...CONTEXT_WORDS), { maxLength: 4 }),
          openPunctuation: fc.constantFrom('', '"', '¡', '('),
          closePunctuation: fc.constantFrom('', '!', '?!', '...', ')'),
        }),
      ),
    );
    fc.assert(
      fc.property(arbitrary, ({ locale, entry, disguised, before, after, openPunctuation, closePunctuation }) => {
        const prefix = [...before, ''].join(' ') + openPunctuation;
        const text = prefix + disguised + closePunctuation + ['', ...after].join(' ');
        const hits = findRedFlags(text, compiledByLocale[locale]).filter((m) => m.entryId === entry.id);
        expect(hits).toContainEqual(expect.objectContaining({ start: prefix.length, end: prefix.length + disguised.length, matchedText: disguised }));
      }),
      { numRuns: 400, seed: SEED },
    );
  });

  test('for any text, spans are in bounds and each highlighted slice on its own is the phrase', () => {
    const phraseBits = en.entries.filter((e) => e.regex === undefined).map((e) => expandPhrase(e.phrase)[0]!);
    const fragment = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 8 }),
      fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 4 }),
      fc.constantFrom(...phraseBits),
      fc.constantFrom(...phraseBits).chain((p) => obfuscatedPhrase(p)),
      fc.constantFrom(' ', '.', '1', '@', '$', '\u200B', '\u0301', 'ß', 'k', 'i', 'l'),
    );
    fc.assert(
      fc.property(
        fc.array(fragment, { maxLength: 12 }).map((parts) => parts.join('')),
        (text) => {
          for (const match of findRedFlags(text, en)) {
            expect(match.start).toBeGreaterThanOrEqual(0);
            expect(match.end).toBeLessThanOrEqual(text.length);
            expect(match.start).toBeLessThan(match.end);
            const slice = text.slice(match.start, match.end);
            expect(match.matchedText).toBe(slice);
            expect(findRedFlags(slice, en)).toContainEqual(expect.objectContaining({ entryId: match.entryId, start: 0, end: slice.length }));
          }
        },
      ),
      { numRuns: 1000, seed: SEED },
    );
  });

  test('normalisation maps every symbol to a non-empty, ordered range of the original', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (text) => {
        const { symbols, starts, ends } = normaliseForMatching(text);
        expect(starts.length).toBe(symbols.length);
        for (let k = 0; k < symbols.length; k++) {
          expect(starts[k]!).toBeLessThan(ends[k]!);
          expect(ends[k]!).toBeLessThanOrEqual(text.length);
          if (k > 0) expect(starts[k]!).toBeGreaterThanOrEqual(starts[k - 1]!);
        }
      }),
      { seed: SEED },
    );
  });
});

describe('100 kB inputs finish with the expected results', () => {
  const size = 100_000;

  test('a long spaced-out run: every "k i l l" in it is found', () => {
    const unit = 'k i l l ';
    const text = unit.repeat(size / unit.length);
    const hits = findRedFlags(
      text,
      compileLexicon({ ...bundledLexicon('en'), entries: [{ id: 'kill', phrase: 'kill', category: 'violent_threat', severity: 3 }] }),
    );
    expect(hits).toHaveLength(size / unit.length);
    expect(hits.at(-1)).toMatchObject({ start: size - unit.length, end: size - 1 });
  });

  test('one letter repeated 100k times inside a phrase is one match', () => {
    const text = `k${'i'.repeat(size)}ll yourself`;
    expect(findRedFlags(text, en).filter((m) => m.entryId === 'en.self_harm.kill-yourself')).toEqual([
      expect.objectContaining({ start: 0, end: text.length }),
    ]);
  });

  test('zero-width soup and mixed scripts normalise to one symbol per visible letter', () => {
    const text = 'а\u200Bß\u0301ｘ1 '.repeat(size / 6);
    const { symbols } = normaliseForMatching(text);
    expect(symbols).toBe('ass' + 'x\u0001 ass'.repeat(size / 6 - 1) + 'x\u0001');
  });

  test('ordinary prose of 100 kB flags exactly the phrases planted in it', () => {
    const filler = 'the quick brown fox jumps over the lazy dog while skilled people watch. ';
    const planted = ['k1ll y0urself', 'send nudes', 'g0 back t0 your country'];
    let text = '';
    const expected: Array<{ start: number; end: number }> = [];
    while (text.length < size) {
      text += filler;
      if (text.length % 7 === 0) {
        const phrase = planted[expected.length % planted.length]!;
        expected.push({ start: text.length, end: text.length + phrase.length });
        text += `${phrase}. `;
      }
    }
    expect(findRedFlags(text, en).map(({ start, end }) => ({ start, end }))).toEqual(expected);
  });

  test('a 10 MB message of the worst kinds of text is matched in work linear in its length, finding what is planted at its end', () => {
    // Spaced-out letters, leet symbols that may be letters or nothing, and phrase prefixes keep the
    // most states alive at once; the bound is on the matcher's steps, not on a clock.
    const unit = 's e n d m e a p ! c 0f y0u !|1!|1@$ how old are you how old are ';
    const planted = ' send me a pic of you';
    const text = unit.repeat(Math.ceil(10_000_000 / unit.length)).slice(0, 10_000_000 - planted.length) + planted;
    const normalised = normaliseForMatching(text);
    const work = { steps: 0 };
    findPhrasesIn(normalised, en.matcher, work);
    expect(work.steps / normalised.symbols.length).toBeLessThan(8);
    const flagged = findRedFlags(text, en);
    const at = text.length - planted.length + 1;
    expect(flagged.filter((f) => f.start >= at).map((f) => f.matchedText)).toEqual(expect.arrayContaining(['send me a pic', 'pic of you']));
  }, 120_000);
});
