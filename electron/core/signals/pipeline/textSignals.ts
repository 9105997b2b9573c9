import { lexiconSchema, type Lexicon, type Locale } from '@workstation/protocol';
import type { ItemSignals, RedFlagSpan, ReviewItem } from '../../../api';
import { bundledLexicon, bundledLocales, compileLexicon, type CompiledLexicon, findRedFlags, PhraseCompileError, scoreGroomingThread } from '../text';

/** Where lexicons synced from the upstream are kept (core/store satisfies it). */
export interface SyncedLexicons {
  storedLexiconVersion(locale: string): number | null;
  storedLexicon(locale: string): unknown;
}

export interface TextSignals {
  (item: ReviewItem): Omit<ItemSignals, 'media'>;
  /**
   * Compiles the lexicon of every locale now, so the first item in each does not wait for it (a
   * compile takes tens of milliseconds, on the path from a lease to the first item shown).
   */
  prepare(): void;
}

/** Read with when an item comes in a language the app has no lexicon for. */
const FALLBACK_LOCALE: Locale = 'en';

/** The item's text fields with the ids their red-flag spans refer to. */
function textFields(item: ReviewItem): Array<{ fieldId: string; text: string }> {
  return [
    ...(item.caption === null ? [] : [{ fieldId: 'caption', text: item.caption }]),
    ...item.comments.map((c) => ({ fieldId: `comment:${c.id}`, text: c.text })),
    ...item.thread.map((m) => ({ fieldId: `thread:${m.id}`, text: m.text })),
  ];
}

/**
 * Red flags in every text field and the thread's grooming risk, read with the newest lexicon of
 * the item's locale: the synced one when it is newer than the one bundled with the app. Each
 * lexicon version is compiled once; a synced lexicon that fails validation (a phrase that cannot
 * match, an invalid or ReDoS-prone regular expression, an entry matching its own near-miss) is
 * refused with one log line and the version in use before it goes on working, so a bad delta
 * never blanks the red flags.
 */
export function createTextSignals(synced: SyncedLexicons, log: (line: string) => void): TextSignals {
  const bundled = new Map<Locale, Lexicon>(bundledLocales().map((locale) => [locale, bundledLexicon(locale)]));
  const compiled = new Map<Locale, { wanted: number; lexicon: CompiledLexicon }>();
  const unknownLocales = new Set<Locale>();

  /** The synced lexicon compiled, or null (logged) when it cannot be used. */
  const compileSynced = (locale: Locale, version: number): CompiledLexicon | null => {
    const unusable = (problem: string) => {
      const inUse = compiled.get(locale)?.lexicon.version ?? bundled.get(locale)!.version;
      log(
        `[analysis] refused the synced '${locale}' lexicon version ${version} (${problem}); red flags and grooming patterns go on with version ${inUse}`,
      );
      return null;
    };
    const parsed = lexiconSchema.safeParse(synced.storedLexicon(locale));
    if (!parsed.success) return unusable(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    if (parsed.data.locale !== locale) return unusable(`it is for locale '${parsed.data.locale}'`);
    try {
      return compileLexicon(parsed.data);
    } catch (error) {
      if (error instanceof PhraseCompileError) return unusable(error.message);
      throw error;
    }
  };

  const lexiconFor = (itemLocale: Locale): CompiledLexicon => {
    let locale = itemLocale;
    if (!bundled.has(locale)) {
      if (!unknownLocales.has(locale))
        log(
          `[analysis] items in locale '${locale}' are read with the '${FALLBACK_LOCALE}' lexicon: the app has none for '${locale}' (add resources/lexicons/${locale}.json)`,
        );
      unknownLocales.add(locale);
      locale = FALLBACK_LOCALE;
    }
    const shipped = bundled.get(locale)!;
    const storedVersion = synced.storedLexiconVersion(locale);
    const wanted = storedVersion !== null && storedVersion > shipped.version ? storedVersion : shipped.version;
    const cached = compiled.get(locale);
    if (cached?.wanted === wanted) return cached.lexicon;
    const lexicon = (wanted > shipped.version ? compileSynced(locale, wanted) : null) ?? cached?.lexicon ?? compileLexicon(shipped);
    compiled.set(locale, { wanted, lexicon });
    return lexicon;
  };

  const signalsOf = (item: ReviewItem): Omit<ItemSignals, 'media'> => {
    const lexicon = lexiconFor(item.locale);
    const redFlags: RedFlagSpan[] = textFields(item).flatMap(({ fieldId, text }) =>
      findRedFlags(text, lexicon).map((m) => ({
        fieldId,
        start: m.start,
        end: m.end,
        entryId: m.entryId,
        category: m.category,
        severity: m.severity,
      })),
    );
    const grooming =
      item.thread.length === 0
        ? null
        : (({ score, level, patterns }) => ({
            score,
            level,
            patterns: patterns.map((p) => ({
              pattern: p.pattern,
              weight: p.weight,
              messageIds: [...p.messageIds],
              messageIndexes: [...p.messageIndexes],
              spans: [...p.spans],
            })),
          }))(scoreGroomingThread(item.thread, lexicon));
    return { redFlags, grooming, lexicon: { locale: lexicon.locale, version: lexicon.version } };
  };
  return Object.assign(signalsOf, {
    prepare(): void {
      for (const locale of bundled.keys()) lexiconFor(locale);
    },
  });
}
