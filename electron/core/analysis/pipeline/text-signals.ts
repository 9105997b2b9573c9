import type { ItemSignals, RedFlagSpan, ReviewItem } from '../../../api';
import { bundledLexicon, compileLexicon, type CompiledLexicon, findRedFlags, scoreGroomingThread, type TextLocale } from '../text';

const compiled = new Map<TextLocale, CompiledLexicon>();

function lexiconFor(locale: TextLocale): CompiledLexicon {
  let lexicon = compiled.get(locale);
  if (!lexicon) {
    lexicon = compileLexicon(bundledLexicon(locale));
    compiled.set(locale, lexicon);
  }
  return lexicon;
}

/** The item's text fields with the ids their red-flag spans refer to. */
function textFields(item: ReviewItem): Array<{ fieldId: string; text: string }> {
  return [
    ...(item.caption === null ? [] : [{ fieldId: 'caption', text: item.caption }]),
    ...item.comments.map((c) => ({ fieldId: `comment:${c.id}`, text: c.text })),
    ...item.thread.map((m) => ({ fieldId: `thread:${m.id}`, text: m.text })),
  ];
}

/** Red flags in every text field and the thread's grooming risk, read with the item locale's bundled lexicon. */
export function textSignals(item: ReviewItem): Omit<ItemSignals, 'media'> {
  const lexicon = lexiconFor(item.locale);
  const redFlags: RedFlagSpan[] = textFields(item).flatMap(({ fieldId, text }) =>
    findRedFlags(text, lexicon).map((m) => ({ fieldId, start: m.start, end: m.end, entryId: m.entryId, category: m.category, severity: m.severity })),
  );
  const grooming =
    item.thread.length === 0
      ? null
      : (({ score, level, patterns }) => ({
          score,
          level,
          patterns: patterns.map((p) => ({ pattern: p.pattern, weight: p.weight, messageIds: [...p.messageIds], spans: [...p.spans] })),
        }))(scoreGroomingThread(item.thread, item.locale));
  return { redFlags, grooming, lexicon: { locale: lexicon.locale, version: lexicon.version } };
}
