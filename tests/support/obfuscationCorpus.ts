/**
 * A seeded corpus of disguised red-flag phrases, made from the lexicons themselves: every
 * obfuscation technique the normaliser claims to undo, alone and in combinations of two and three,
 * applied to every phrase entry, plus the near-miss set (each entry's near-misses and the classic
 * traps). tests/unit/text/obfuscationCorpus.test.ts holds recall and false positives to account;
 * tests/bench/redflags.bench.ts prints them.
 */
import type { Lexicon, LexiconEntry } from '@workstation/protocol';
import confusables from '../../resources/unicode/confusables-latin.json';
import { expandPhrase } from '../../electron/core/signals/text/phraseMatcher';

/** mulberry32: small, fast and the same on every machine. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Random = () => number;
const pick = <T>(random: Random, options: readonly T[]): T => options[Math.floor(random() * options.length)]!;

/** Leet for each letter; a word keeps one letter or symbol, since a word only of digits reads as a number. */
const LEET_DIGITS: Readonly<Record<string, string>> = { o: '0', i: '1', l: '1', e: '3', a: '4', s: '5', t: '7', b: '8', g: '9' };
const LEET_SYMBOLS: Readonly<Record<string, string>> = { a: '@', s: '$', i: '!', l: '|', t: '+', e: '€' };

/** Cyrillic, Greek and other look-alikes of each Latin letter, from the UTS #39 table. */
const LOOK_ALIKES: Readonly<Record<string, string[]>> = (() => {
  const byLetter: Record<string, string[]> = {};
  for (const [char, skeleton] of Object.entries(confusables.skeletons)) {
    if (!/^[a-z]$/.test(skeleton) || char.normalize('NFKD') !== char) continue;
    const code = char.codePointAt(0)!;
    const script = code >= 0x370 && code < 0x530 ? 'cyrillic-greek' : code >= 0x530 && code < 0x590 ? 'armenian' : 'other';
    if (script === 'other') continue;
    (byLetter[skeleton] ??= []).push(char);
  }
  return byLetter;
})();

const ZERO_WIDTH = ['\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF'];
const APOSTROPHES = ['’', '‘', 'ʼ', '`', '´', ''];
const COMBINING = ['\u0301', '\u0300', '\u0308', '\u0303', '\u0336', '\u0332'];
const PUNCTUATION = ['.', '-', '_', '*', '·'];

/** Letters of a phrase's words, as arrays of strings so a letter can grow (accents, zero-width). */
type Word = string[];

interface Technique {
  readonly name: string;
  /** Only one technique of a layout group applies: spacing out and running words together exclude each other. */
  readonly layout?: boolean;
  readonly apply: (words: Word[], random: Random) => Word[];
}

const mapLetters = (words: Word[], random: Random, chance: number, map: (letter: string) => string | undefined): Word[] => {
  const out = words.map((word) => word.map((letter) => (random() < chance ? (map(letter) ?? letter) : letter)));
  return out;
};

/** Keeps one letter of each word out of leet digits, so no word becomes a bare number. */
function leetWord(word: Word, random: Random, table: Readonly<Record<string, string>>, keepOne: boolean): Word {
  const eligible = word.map((l, i) => (table[l] ? i : -1)).filter((i) => i >= 0);
  if (eligible.length === 0) return word;
  const keep = keepOne && eligible.length === word.length ? pick(random, eligible) : -1;
  return word.map((letter, i) => (i !== keep && table[letter] && random() < 0.7 ? table[letter] : letter));
}

/**
 * A word written wholly in leet where every letter has a leet form ("asl" -> "@$1"), symbols first.
 * One that would come out a number or an amount ("go" -> "90", "so" -> "$0") keeps a letter: the
 * normaliser reads those as what they look like, on purpose ("room 451", "$50").
 */
function leetOnly(word: Word, random: Random): Word {
  const all = word.map((l) => LEET_SYMBOLS[l] ?? LEET_DIGITS[l]);
  if (all.some((l) => l === undefined)) return leetWord(word, random, { ...LEET_SYMBOLS, ...LEET_DIGITS }, true);
  if (all.some((l) => l !== '$' && l !== '€' && !/\d/.test(l!))) return all as string[];
  const keep = Math.floor(random() * word.length);
  return all.map((l, i) => (i === keep ? word[i]! : l!));
}

export const TECHNIQUES: readonly Technique[] = [
  { name: 'upper and mixed case', apply: (w, r) => mapLetters(w, r, 0.6, (l) => l.toUpperCase()) },
  { name: 'leet digits', apply: (w, r) => w.map((word) => leetWord(word, r, LEET_DIGITS, true)) },
  { name: 'leet symbols', apply: (w, r) => w.map((word) => leetWord(word, r, LEET_SYMBOLS, false)) },
  { name: 'words only of leet characters', apply: (w, r) => w.map((word) => leetOnly(word, r)) },
  { name: 'Cyrillic and Greek look-alikes', apply: (w, r) => mapLetters(w, r, 0.6, (l) => (LOOK_ALIKES[l] ? pick(r, LOOK_ALIKES[l]) : undefined)) },
  {
    name: 'full-width forms',
    apply: (w, r) => mapLetters(w, r, 0.8, (l) => (/^[a-z]$/.test(l) ? String.fromCharCode(l.charCodeAt(0) + 0xfee0) : undefined)),
  },
  {
    name: 'mathematical letters',
    apply: (w, r) => mapLetters(w, r, 0.8, (l) => (/^[a-z]$/.test(l) ? String.fromCodePoint(0x1d41a + l.charCodeAt(0) - 97) : undefined)),
  },
  { name: 'combining marks', apply: (w, r) => mapLetters(w, r, 0.5, (l) => (/^\p{L}$/u.test(l) ? l + pick(r, COMBINING) : undefined)) },
  { name: 'accents dropped', apply: (w) => w.map((word) => word.map((l) => (l === 'ß' ? l : l.normalize('NFD').replace(/\p{M}/gu, '')))) },
  {
    name: 'umlauts written ae oe ue ss',
    apply: (w) => w.map((word) => word.flatMap((l) => ({ ä: ['a', 'e'], ö: ['o', 'e'], ü: ['u', 'e'], ß: ['s', 's'] })[l] ?? [l])),
  },
  { name: 'apostrophe variants', apply: (w, r) => w.map((word) => word.map((l) => (l === "'" ? pick(r, APOSTROPHES) : l))) },
  {
    name: 'zero-width characters',
    apply: (w, r) => w.map((word) => word.map((l, i) => (i < word.length - 1 && r() < 0.5 ? l + pick(r, ZERO_WIDTH) : l))),
  },
  { name: 'soft hyphens', apply: (w, r) => w.map((word) => word.map((l, i) => (i < word.length - 1 && r() < 0.4 ? `${l}\u00AD` : l))) },
  { name: 'repeated letters', apply: (w, r) => mapLetters(w, r, 0.4, (l) => (/^\p{L}$/u.test(l) ? l.repeat(2 + Math.floor(r() * 4)) : undefined)) },
  { name: 'punctuation between letters', layout: true, apply: (w, r) => w.map((word) => [word.join(pick(r, PUNCTUATION))]) },
  {
    name: 'spaced letters with word gaps',
    layout: true,
    apply: (w) => [
      w
        .map((word) => word.join(' '))
        .join('   ')
        .split(''),
    ],
  },
  {
    name: 'spaced letters without word gaps',
    layout: true,
    apply: (w) => [
      w
        .map((word) => word.join(' '))
        .join(' ')
        .split(''),
    ],
  },
  { name: 'words run together', layout: true, apply: (w) => [w.flat()] },
];

/** The order techniques apply in: letter by letter first, then what goes between letters, then layout. */
const ORDER = new Map(TECHNIQUES.map((t, i) => [t.name, i]));

export interface CorpusCase {
  readonly entry: LexiconEntry;
  readonly locale: string;
  readonly techniques: readonly string[];
  readonly text: string;
  /** The disguised phrase inside text. */
  readonly disguised: string;
}

const CONTEXT = ['ok', 'so', 'lol', 'hey', 'well', 'yeah', 'hmm', 'listen'];

function disguise(phrase: string, techniques: readonly Technique[], random: Random): string {
  let words: Word[] = phrase.split(' ').map((word) => [...word]);
  for (const technique of [...techniques].sort((a, b) => ORDER.get(a.name)! - ORDER.get(b.name)!)) words = technique.apply(words, random);
  return words.map((word) => word.join('')).join(' ');
}

function combinations(random: Random, size: number, count: number): Technique[][] {
  const found: Technique[][] = [];
  const seen = new Set<string>();
  for (let attempt = 0; found.length < count && attempt < count * 20; attempt++) {
    const chosen = new Set<Technique>();
    while (chosen.size < size) chosen.add(pick(random, TECHNIQUES));
    const list = [...chosen];
    if (list.filter((t) => t.layout).length > 1) continue;
    const key = list
      .map((t) => t.name)
      .sort()
      .join('+');
    if (seen.has(key)) continue;
    seen.add(key);
    found.push(list);
  }
  return found;
}

export interface CorpusOptions {
  readonly seed: number;
  /** Spellings of each entry's phrase used ("(a|b)" spelled out); default 2. */
  readonly spellingsPerEntry?: number;
  /** Random pairs and triples of techniques per spelling; default 6 each. */
  readonly combinationsPerSpelling?: number;
}

/** Every phrase entry (regular expressions aside) under every technique alone and under sampled pairs and triples. */
export function obfuscationCorpus(lexicons: readonly Lexicon[], options: CorpusOptions): CorpusCase[] {
  const random = seeded(options.seed);
  const cases: CorpusCase[] = [];
  for (const lexicon of lexicons) {
    for (const entry of lexicon.entries) {
      if (entry.regex !== undefined) continue;
      const spellings = expandPhrase(entry.phrase);
      const chosen = Array.from({ length: Math.min(options.spellingsPerEntry ?? 2, spellings.length) }, () => pick(random, spellings));
      for (const phrase of new Set(chosen)) {
        const plans = [
          ...TECHNIQUES.map((t) => [t]),
          ...combinations(random, 2, options.combinationsPerSpelling ?? 6),
          ...combinations(random, 3, options.combinationsPerSpelling ?? 6),
        ];
        for (const plan of plans) {
          const disguised = disguise(phrase, plan, random);
          const before = `${pick(random, CONTEXT)} ${pick(random, CONTEXT)} `;
          cases.push({
            entry,
            locale: lexicon.locale,
            techniques: plan.map((t) => t.name),
            text: `${before}${disguised} ${pick(random, CONTEXT)}`,
            disguised,
          });
        }
      }
    }
  }
  return cases;
}

/** Word-boundary traps, opposite meanings and other objects, besides every entry's own near-misses. */
const CLASSIC_NEAR_MISSES: Readonly<Record<string, readonly string[]>> = {
  en: [
    'how old are your kids',
    'tell your parents',
    'how old is the video',
    'you should tell your parents about this',
    'what grade did you get',
    'send the homework pics to the group',
    'my mom bought a gift for my cousin',
    'meet me at the library after class, mrs jones said',
  ],
  es: ['díselo a tus padres', 'qué edad tiene el video', 'cuántos años tiene tu perro'],
  de: ['sag es deinen eltern', 'wie alt ist das video', 'wie alt ist dein hund'],
  fr: ['dis le à tes parents', 'quel âge a la vidéo'],
};

export interface NearMiss {
  readonly locale: string;
  readonly text: string;
  /** The entry that lists it, if one does. */
  readonly entryId: string | null;
}

export function nearMissSet(lexicons: readonly Lexicon[]): NearMiss[] {
  return lexicons.flatMap((lexicon) => [
    ...lexicon.entries.flatMap((entry) => (entry.nearMisses ?? []).map((text) => ({ locale: lexicon.locale, text, entryId: entry.id }))),
    ...(CLASSIC_NEAR_MISSES[lexicon.locale] ?? []).map((text) => ({ locale: lexicon.locale, text, entryId: null })),
  ]);
}

export interface RecallReport {
  readonly cases: number;
  readonly found: number;
  readonly byTechnique: ReadonlyMap<string, { cases: number; found: number }>;
  readonly missed: readonly CorpusCase[];
}

/** Recall overall and per technique: a case counts under each technique it used, and under "2 combined" or "3 combined". */
export function recallOf(cases: readonly CorpusCase[], isFound: (c: CorpusCase) => boolean): RecallReport {
  const byTechnique = new Map<string, { cases: number; found: number }>();
  const missed: CorpusCase[] = [];
  let found = 0;
  for (const c of cases) {
    const hit = isFound(c);
    if (hit) found++;
    else missed.push(c);
    const keys = c.techniques.length === 1 ? c.techniques : [...c.techniques.map((t) => `${t} (combined)`), `${c.techniques.length} combined`];
    for (const key of keys) {
      const row = byTechnique.get(key) ?? { cases: 0, found: 0 };
      row.cases++;
      if (hit) row.found++;
      byTechnique.set(key, row);
    }
  }
  return { cases: cases.length, found, byTechnique, missed };
}

export function formatRecall(report: RecallReport): string {
  const percent = (found: number, cases: number) => `${((100 * found) / cases).toFixed(1)}%`.padStart(7);
  const rows = [...report.byTechnique].sort(([a], [b]) => a.localeCompare(b));
  return [
    `  recall ${percent(report.found, report.cases)}  (${report.found} of ${report.cases} disguised phrases)`,
    ...rows.map(([name, { cases, found }]) => `    ${name.padEnd(48)} ${percent(found, cases)}  (${found}/${cases})`),
  ].join('\n');
}
