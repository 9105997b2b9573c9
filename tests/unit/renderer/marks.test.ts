import { describe, expect, it } from 'vitest';
import type { ItemSignals } from '../../../electron/api';
import { groomingMessageIds, marksForField, segmentText, type TextMark } from '../../../renderer/signals/marks';

const mark = (start: number, end: number, label = 'hate'): TextMark => ({ start, end, kind: 'redFlag', label, severity: 2 });

describe('segmentText', () => {
  it('splits text into plain and marked runs that join back to the text', () => {
    const segments = segmentText('you are vermin, go away', [mark(8, 14)]);
    expect(segments.map((s) => [s.text, s.mark?.label ?? null])).toEqual([
      ['you are ', null],
      ['vermin', 'hate'],
      [', go away', null],
    ]);
  });

  it('cuts overlapping marks so no character appears twice, the earlier one first', () => {
    const text = 'abcdefghij';
    const segments = segmentText(text, [mark(4, 8, 'second'), mark(2, 6, 'first')]);
    expect(segments.map((s) => s.text).join('')).toBe(text);
    expect(segments.map((s) => [s.text, s.mark?.label ?? null])).toEqual([
      ['ab', null],
      ['cdef', 'first'],
      ['gh', 'second'],
      ['ij', null],
    ]);
  });

  it('drops marks outside the text and clamps ones running past its end', () => {
    const segments = segmentText('short', [mark(10, 12), mark(3, 99), mark(-2, 1)]);
    expect(segments.map((s) => [s.text, s.mark !== null])).toEqual([
      ['s', true],
      ['ho', false],
      ['rt', true],
    ]);
  });
});

describe('marksForField', () => {
  const signals: ItemSignals = {
    media: [],
    redFlags: [
      { fieldId: 'caption', start: 0, end: 3, entryId: 'e1', category: 'hate', severity: 3 },
      { fieldId: 'thread:m2', start: 4, end: 9, entryId: 'e2', category: 'grooming_secrecy', severity: 2 },
    ],
    grooming: {
      score: 0.8,
      level: 'high',
      patterns: [
        { pattern: 'age_question', weight: 0.4, messageIds: ['m1'], messageIndexes: [0], spans: [{ messageId: 'm1', start: 0, end: 8 }] },
        { pattern: 'secrecy', weight: 0.4, messageIds: ['m2', 'm3'], messageIndexes: [1, 2], spans: [{ messageId: 'm2', start: 0, end: 4 }] },
      ],
    },
    lexicon: { locale: 'en', version: 1 },
  };

  it('gives each field its red flags and, on thread messages, its grooming phrases', () => {
    expect(marksForField(signals, 'caption')).toEqual([{ start: 0, end: 3, kind: 'redFlag', label: 'hate', severity: 3 }]);
    expect(marksForField(signals, 'thread:m2')).toEqual([
      { start: 4, end: 9, kind: 'redFlag', label: 'grooming_secrecy', severity: 2 },
      { start: 0, end: 4, kind: 'grooming', label: 'secrecy', severity: null },
    ]);
    expect(marksForField(signals, 'comment:m2')).toEqual([]);
  });

  it('names every message the grooming assessment cites', () => {
    expect([...groomingMessageIds(signals)].sort()).toEqual(['m1', 'm2', 'm3']);
    expect(groomingMessageIds({ ...signals, grooming: null }).size).toBe(0);
  });
});
