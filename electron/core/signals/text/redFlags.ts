import type { Lexicon, LexiconEntry, Locale, RedFlagCategory } from '@workstation/protocol';
import { compilePhrases, findPhrases, type PhraseMatcher } from './phraseMatcher';

export interface CompiledLexicon {
  readonly locale: Locale;
  readonly version: number;
  readonly entries: readonly LexiconEntry[];
  readonly matcher: PhraseMatcher;
}

export interface RedFlagMatch {
  readonly entryId: string;
  readonly phrase: string;
  readonly category: RedFlagCategory;
  readonly severity: 1 | 2 | 3;
  /** UTF-16 offsets into the text as given, ready for highlighting. */
  readonly start: number;
  readonly end: number;
  readonly matchedText: string;
}

/** Compile once per lexicon version; throws PhraseCompileError naming any phrase that cannot match. */
export function compileLexicon(lexicon: Lexicon): CompiledLexicon {
  return {
    locale: lexicon.locale,
    version: lexicon.version,
    entries: lexicon.entries,
    matcher: compilePhrases(lexicon.entries.map((entry) => entry.phrase)),
  };
}

/** Every phrase occurrence, in text order; overlapping phrases are all reported. */
export function findRedFlags(text: string, compiled: CompiledLexicon): RedFlagMatch[] {
  return findPhrases(text, compiled.matcher)
    .map(({ phraseIndex, start, end }): RedFlagMatch => {
      const entry = compiled.entries[phraseIndex]!;
      return {
        entryId: entry.id,
        phrase: entry.phrase,
        category: entry.category,
        severity: entry.severity,
        start,
        end,
        matchedText: text.slice(start, end),
      };
    })
    .sort((a, b) => a.start - b.start || a.end - b.end);
}
