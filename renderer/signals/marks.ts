/**
 * Where the item's text gets <mark>s: red-flag lexicon hits and the phrases that made the grooming
 * assessment fire, both as UTF-16 ranges into one text field. Kept pure so overlapping and
 * out-of-range spans are tested without a DOM.
 */
import type { ItemSignals } from '../../electron/api';

export type MarkKind = 'redFlag' | 'grooming';

export interface TextMark {
  start: number;
  end: number;
  kind: MarkKind;
  /** The lexicon category (redFlag) or the grooming pattern name. */
  label: string;
  /** 1..3 for red flags; grooming marks carry none. */
  severity: number | null;
}

export interface TextSegment {
  text: string;
  mark: TextMark | null;
}

/** Field ids as core names them: 'caption', 'comment:<id>', 'thread:<message id>'. */
export const fieldId = {
  caption: 'caption',
  comment: (id: string) => `comment:${id}`,
  thread: (id: string) => `thread:${id}`,
} as const;

/** All marks of one field; grooming spans only exist on thread messages. */
export function marksForField(signals: ItemSignals, field: string): TextMark[] {
  const marks: TextMark[] = signals.redFlags
    .filter((flag) => flag.fieldId === field)
    .map((flag) => ({ start: flag.start, end: flag.end, kind: 'redFlag', label: flag.category, severity: flag.severity }));
  for (const pattern of signals.grooming?.patterns ?? []) {
    for (const span of pattern.spans) {
      if (fieldId.thread(span.messageId) !== field) continue;
      marks.push({ start: span.start, end: span.end, kind: 'grooming', label: pattern.pattern, severity: null });
    }
  }
  return marks;
}

/**
 * Splits text into plain and marked runs. Where marks overlap, the one starting first wins (the
 * longer on a tie) and the other is cut to what is left of it, so no character is shown twice.
 */
export function segmentText(text: string, marks: readonly TextMark[]): TextSegment[] {
  const ordered = marks
    .map((m) => ({ ...m, start: Math.max(0, m.start), end: Math.min(text.length, m.end) }))
    .filter((m) => m.end > m.start)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const segments: TextSegment[] = [];
  let at = 0;
  for (const mark of ordered) {
    const start = Math.max(mark.start, at);
    if (start >= mark.end) continue;
    if (start > at) segments.push({ text: text.slice(at, start), mark: null });
    segments.push({ text: text.slice(start, mark.end), mark: { ...mark, start } });
    at = mark.end;
  }
  if (at < text.length) segments.push({ text: text.slice(at), mark: null });
  return segments;
}

/** Thread messages the grooming assessment names as evidence. */
export function groomingMessageIds(signals: ItemSignals): Set<string> {
  return new Set((signals.grooming?.patterns ?? []).flatMap((p) => p.messageIds));
}
