import { describe, expect, it } from 'vitest';
import type { OutboxEntry } from '../../../electron/core/store';
import { holdBack, nextRun, splitRun } from '../../../electron/core/sync/outboxRuns';

function entry(key: string, kind: OutboxEntry['kind'], itemIds: string[] = [`item-${key}`], failedAttempts = 0): OutboxEntry {
  return { idempotencyKey: key, kind, accountId: 'mod-1', itemIds, payload: {}, attempts: failedAttempts, failedAttempts };
}

const keys = (entries: readonly OutboxEntry[]) => entries.map((e) => e.idempotencyKey);
const none = new Set<string>();

describe('nextRun', () => {
  it('takes the oldest kind, and entries of other items of that kind after an entry of another kind', () => {
    const due = [entry('d1', 'decision'), entry('d2', 'decision'), entry('a1', 'action'), entry('d3', 'decision')];
    expect(keys(nextRun(due, none))).toEqual(['d1', 'd2', 'd3']);
    expect(keys(nextRun(due.slice(2, 3), none))).toEqual(['a1']);
    expect(nextRun([], none)).toEqual([]);
  });

  it('keeps an item’s order across kinds: nothing goes before an older entry of its item', () => {
    // An escalation: the decision, then the actions and the report that follow from it, all about item x.
    const due = [
      entry('escalate', 'decision', ['x']),
      entry('remove', 'action', ['x']),
      entry('report', 'report', ['x']),
      entry('correction', 'decision', ['x']),
      entry('other', 'decision', ['y']),
      entry('multi', 'action', ['y', 'z']),
      entry('z-after', 'decision', ['z']),
    ];
    expect(keys(nextRun(due, none))).toEqual(['escalate', 'other']);
    expect(
      keys(
        nextRun(
          due.filter((e) => !['escalate', 'other'].includes(e.idempotencyKey)),
          none,
        ),
      ),
    ).toEqual(['remove', 'multi']);
  });

  it('keeps report runs within the upstream’s 50 per request', () => {
    const reports = Array.from({ length: 60 }, (_, i) => entry(`r${i}`, 'report'));
    expect(nextRun(reports, none)).toHaveLength(50);
  });

  it('sends an entry that failed before alone, after the fresh ones, fewest failures first', () => {
    const due = [entry('p', 'decision', ['x'], 3), entry('q', 'decision', ['y'], 1), entry('a', 'decision', ['z']), entry('b', 'decision', ['w'])];
    expect(keys(nextRun(due, none))).toEqual(['a', 'b']);
    expect(keys(nextRun(due.slice(0, 2), none))).toEqual(['q']);
    expect(keys(nextRun(due.slice(0, 1), none))).toEqual(['p']);
  });

  it('passes over entries tried in this drain, and the later entries of their items', () => {
    const due = [entry('p', 'decision', ['x']), entry('p-fix', 'decision', ['x']), entry('clean', 'decision', ['y'])];
    expect(keys(nextRun(due, new Set(['p'])))).toEqual(['clean']);
  });

  it('does not let a later entry of an item lead past an older one that failed more often', () => {
    const due = [entry('old', 'action', ['x'], 2), entry('new', 'decision', ['x'])];
    expect(keys(nextRun(due, none))).toEqual(['old']);
  });
});

describe('holdBack', () => {
  it('holds entries about the items of held ones, and whatever is behind those in turn', () => {
    const held = [entry('failed', 'decision', ['x'])];
    const part = [entry('x2', 'decision', ['x']), entry('xy', 'action', ['x', 'y']), entry('y2', 'decision', ['y']), entry('z', 'decision', ['z'])];
    const { go, held: behind } = holdBack(part, held);
    expect(keys(go)).toEqual(['z']);
    expect(keys(behind)).toEqual(['x2', 'xy', 'y2']);
  });
});

describe('splitRun', () => {
  const run = ['a', 'b', 'c', 'd', 'e'].map((k) => entry(k, 'decision'));

  it('puts the entry a 400 names alone between the ones before and after it', () => {
    expect(splitRun(run, 'entries.2.note').map(keys)).toEqual([['a', 'b'], ['c'], ['d', 'e']]);
    expect(splitRun(run, 'entries.0').map(keys)).toEqual([['a'], ['b', 'c', 'd', 'e']]);
    expect(splitRun(run, 'entries.4.report.additionalInfo').map(keys)).toEqual([['a', 'b', 'c', 'd'], ['e']]);
  });

  it('halves the run when the 400 names no entry of it', () => {
    for (const field of [undefined, 'entries', 'body', 'entries.9.note', 'entriesX.1']) {
      expect(splitRun(run, field).map(keys), String(field)).toEqual([
        ['a', 'b', 'c'],
        ['d', 'e'],
      ]);
    }
  });
});
