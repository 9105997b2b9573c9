import type { GroomingPattern, Lexicon, LexiconEntry, Locale, RedFlagCategory } from '@workstation/protocol';
import { HARD_SEPARATOR, SOFT_SEPARATOR, normaliseBothWays, normaliseForMatching, type NormalisedText } from './normalise';
import { compilePhrases, findPhrasesIn, PhraseCompileError, type PhraseMatcher } from './phraseMatcher';
import { compileSafeRegex } from './safeRegex';

export interface CompiledLexicon {
  readonly locale: Locale;
  readonly version: number;
  readonly entries: readonly LexiconEntry[];
  /** Every phrase entry; a match's phrase index is an index into phraseEntries. */
  readonly matcher: PhraseMatcher;
  readonly phraseEntries: readonly number[];
  readonly regexes: ReadonlyArray<{ readonly entryIndex: number; readonly regex: RegExp }>;
}

export interface RedFlagMatch {
  readonly entryId: string;
  readonly phrase: string;
  readonly category: RedFlagCategory;
  readonly severity: 1 | 2 | 3;
  readonly pattern: GroomingPattern | undefined;
  /** UTF-16 offsets into the text as given, ready for highlighting. */
  readonly start: number;
  readonly end: number;
  readonly matchedText: string;
}

/** One entry found: its index in the lexicon and where, in UTF-16 offsets of the text. */
export interface EntryMatch {
  readonly entryIndex: number;
  readonly start: number;
  readonly end: number;
}

/**
 * Compile once per lexicon version. Throws PhraseCompileError (UnsafeRegexError for a regular
 * expression) naming the first entry that cannot match safely, or that matches one of its own
 * near-misses: such a lexicon is refused whole, so the one in use stays.
 */
export function compileLexicon(lexicon: Lexicon): CompiledLexicon {
  const phraseEntries: number[] = [];
  const regexes: Array<{ entryIndex: number; regex: RegExp }> = [];
  lexicon.entries.forEach((entry, entryIndex) => {
    if (entry.regex === undefined) phraseEntries.push(entryIndex);
    else regexes.push({ entryIndex, regex: compileSafeRegex(entry.regex) });
  });
  const phrases = phraseEntries.map((i) => lexicon.entries[i]!.phrase);
  let matcher: PhraseMatcher;
  try {
    matcher = compilePhrases(phrases);
  } catch (error) {
    if (error instanceof PhraseCompileError) throw new PhraseCompileError(`Lexicon '${lexicon.locale}' version ${lexicon.version}: ${error.message}`);
    throw error;
  }
  const compiled: CompiledLexicon = { locale: lexicon.locale, version: lexicon.version, entries: lexicon.entries, matcher, phraseEntries, regexes };
  lexicon.entries.forEach((entry, entryIndex) => {
    for (const nearMiss of entry.nearMisses ?? []) {
      if (matchEntries(nearMiss, compiled).some((m) => m.entryIndex === entryIndex)) {
        throw new PhraseCompileError(
          `Lexicon '${lexicon.locale}' version ${lexicon.version}: entry '${entry.id}' matches its own near-miss '${nearMiss}'; narrow the phrase.`,
        );
      }
    }
  });
  return compiled;
}

function regexMatches(plain: NormalisedText, compiled: CompiledLexicon): EntryMatch[] {
  // Regular expressions read the text with spaces for separators and digits left as digits.
  const flat = plain.symbols.replaceAll(SOFT_SEPARATOR, HARD_SEPARATOR);
  const found: EntryMatch[] = [];
  for (const { entryIndex, regex } of compiled.regexes) {
    regex.lastIndex = 0;
    for (let m = regex.exec(flat); m !== null; m = regex.exec(flat)) {
      if (m[0].length === 0) {
        regex.lastIndex++;
        continue;
      }
      found.push({ entryIndex, start: plain.starts[m.index]!, end: plain.ends[m.index + m[0].length - 1]! });
    }
  }
  return found;
}

/**
 * Every entry occurrence in the text: phrases on the leet reading, regular expressions on the
 * plain one. An occurrence inside a longer one of the same entry ("bleibt unter uns" in "das
 * bleibt unter uns", both spellings of "(das |)bleibt unter uns") is left out.
 */
export function matchEntries(text: string, compiled: CompiledLexicon): EntryMatch[] {
  const readings = compiled.regexes.length === 0 ? { leet: normaliseForMatching(text), plain: null } : normaliseBothWays(text);
  const phrases = findPhrasesIn(readings.leet, compiled.matcher).map(({ phraseIndex, start, end }) => ({
    entryIndex: compiled.phraseEntries[phraseIndex]!,
    start,
    end,
  }));
  const all = [...phrases, ...(readings.plain ? regexMatches(readings.plain, compiled) : [])].sort(
    (a, b) => a.entryIndex - b.entryIndex || a.start - b.start || b.end - a.end,
  );
  const kept: EntryMatch[] = [];
  for (const match of all) {
    const last = kept.at(-1);
    if (last?.entryIndex === match.entryIndex && last.end >= match.end) continue;
    kept.push(match);
  }
  return kept;
}

/** Every phrase occurrence, in text order; overlapping phrases are all reported. */
export function findRedFlags(text: string, compiled: CompiledLexicon): RedFlagMatch[] {
  return matchEntries(text, compiled)
    .map(({ entryIndex, start, end }): RedFlagMatch => {
      const entry = compiled.entries[entryIndex]!;
      return {
        entryId: entry.id,
        phrase: entry.phrase,
        category: entry.category,
        severity: entry.severity,
        pattern: entry.pattern,
        start,
        end,
        matchedText: text.slice(start, end),
      };
    })
    .sort((a, b) => a.start - b.start || a.end - b.end);
}
