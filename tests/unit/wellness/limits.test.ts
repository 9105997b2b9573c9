import { describe, expect, it } from 'vitest';
import { DEFAULT_WELLNESS_POLICY } from '@workstation/protocol';
import type { ViewingPreferences } from '../../../electron/api';
import {
  BUILT_IN_POLICY,
  breaksTaken,
  budgetsOf,
  checkPreferences,
  countIdle,
  effectivePreferences,
  floorOf,
  lastBreakEnd,
  longestStretchMs,
  reviewMs,
  shiftStartedAt,
  stateOf,
  teamCsv,
} from '../../../electron/core/wellness';
import type { BreakRow, ReviewStretch } from '../../../electron/core/store';

const T = Date.parse('2031-05-06T08:00:00.000Z');
const min = (m: number) => T + m * 60_000;
const iso = (ms: number) => new Date(ms).toISOString();
const stretch = (from: number, to: number): ReviewStretch => ({ startedAt: iso(min(from)), endedAt: iso(min(to)) });

describe('review time from stretches', () => {
  const stretches = [stretch(0, 40), stretch(42, 60), stretch(75, 100), stretch(400, 410)];

  it('sums review time inside a window, cut at its edges', () => {
    expect(reviewMs(stretches, min(0), min(100))).toBe(83 * 60_000);
    expect(reviewMs(stretches, min(30), min(50))).toBe(18 * 60_000);
  });

  it('a gap of four hours ends the shift; the next review starts a new one', () => {
    expect(shiftStartedAt(stretches, min(405))).toBe(min(400));
    expect(shiftStartedAt(stretches.slice(0, 3), min(200))).toBe(min(0));
    expect(shiftStartedAt(stretches.slice(0, 3), min(100 + 240))).toBeNull();
  });

  it('a gap at least the break length is a break: time since the last break counts from after it', () => {
    const breakMs = 10 * 60_000;
    expect(lastBreakEnd(stretches.slice(0, 3), breakMs, null, min(100))).toBe(min(75));
    // The 2-minute gap at 40 is no break.
    expect(lastBreakEnd(stretches.slice(0, 2), breakMs, null, min(60))).toBe(min(0));
    // A pause already as long as a break counts as one before the next call.
    expect(lastBreakEnd(stretches.slice(0, 2), breakMs, null, min(71))).toBe(min(71));
    // A break core made due and saw through counts from when it ended.
    expect(lastBreakEnd(stretches.slice(0, 2), breakMs, min(50), min(60))).toBe(min(50));
    expect(breaksTaken(stretches, breakMs, min(0), min(1440))).toBe(2);
    expect(longestStretchMs(stretches, breakMs, min(0), min(1440))).toBe(58 * 60_000);
  });
});

describe('a break counts only idle time', () => {
  const due: BreakRow = {
    id: 'b',
    accountId: 'm',
    reason: 'minutes',
    dueAt: iso(min(0)),
    requiredSeconds: 600,
    countedSeconds: 0,
    idleFrom: null,
    idleSeen: null,
    doneAt: null,
  };

  it('nothing while the person is active, idle time after it was due, banked across comings and goings', () => {
    expect(countIdle(due, min(5), 0)).toMatchObject({ totalSeconds: 0, done: false });
    // Idle for 20 minutes, but only the 5 since the break was due count.
    const first = countIdle(due, min(5), 20 * 60);
    expect(first).toMatchObject({ totalSeconds: 300, done: false });
    const same = countIdle({ ...due, ...first }, min(7), 22 * 60);
    expect(same.totalSeconds).toBe(420);
    // Back at the keyboard: the 7 minutes are banked.
    const back = countIdle({ ...due, ...same }, min(8), 0);
    expect(back).toMatchObject({ countedSeconds: 420, idleFrom: null, totalSeconds: 420 });
    const again = countIdle({ ...due, ...back }, min(10), 60);
    expect(again.totalSeconds).toBe(480);
    const done = countIdle({ ...due, ...again }, min(12), 180);
    expect(done).toMatchObject({ totalSeconds: 600, done: true });
  });
});

describe('budgets and the state they add up to', () => {
  const limits = DEFAULT_WELLNESS_POLICY.limits.default;
  const base = {
    limits,
    reviewMinutesToday: 10,
    minutesSinceBreak: 10,
    highSeverityItemsSinceBreak: 0,
    highSeverityItemsShift: 0,
    clearHour: new Map<string, { seconds: number; resetsAt: string }>(),
    clearShift: new Map<string, number>(),
    labels: new Map([['hate', 'Hate']]),
    nextDayAt: '2031-05-07T00:00:00.000Z',
    nextShiftAt: null,
  };

  it('ok below the warning fraction, warning from 80%, reached at the limit', () => {
    expect(stateOf(budgetsOf(base), false)).toBe('ok');
    const warned = budgetsOf({ ...base, minutesSinceBreak: 40 });
    expect(warned.find((b) => b.kind === 'break_minutes')).toMatchObject({ used: 40, limit: 50, state: 'warning' });
    expect(stateOf(warned, false)).toBe('warning');
    const capped = budgetsOf({ ...base, clearHour: new Map([['hate', { seconds: 300, resetsAt: 'x' }]]) });
    expect(capped.find((b) => b.kind === 'clear_per_hour')).toMatchObject({
      category: 'hate',
      categoryLabel: 'Hate',
      state: 'reached',
      resetsAt: 'x',
    });
    expect(stateOf(capped, false)).toBe('capped');
  });

  it('the day over comes first, then a break due, then a cap', () => {
    const over = budgetsOf({ ...base, reviewMinutesToday: 240, highSeverityItemsShift: 60 });
    expect(stateOf(over, true)).toBe('day_over');
    expect(stateOf(budgetsOf({ ...base, highSeverityItemsShift: 60 }), true)).toBe('break_due');
    expect(stateOf(budgetsOf({ ...base, highSeverityItemsShift: 60 }), false)).toBe('capped');
  });

  it('lists clear-view budgets only for categories seen clear', () => {
    expect(budgetsOf(base).some((b) => b.kind === 'clear_per_hour' || b.kind === 'clear_per_shift')).toBe(false);
  });
});

describe('viewing preferences may only be safer than the floor', () => {
  const floor = floorOf(BUILT_IN_POLICY);

  it('the floor is the policy’s default per severity', () => {
    expect(floor.S1).toEqual({ tier: 'heavy', grayscale: true, previewSize: 240, warningScreen: false });
    expect(floor.S3.previewSize).toBe(200);
  });

  it('refuses each weaker field, naming it; accepts the floor and anything safer', () => {
    const weaker: Array<[Partial<ViewingPreferences['S1']>, string, RegExp]> = [
      [{ tier: 'light' }, 'preferences.S1.tier', /blur 'light' shows more than the floor, 'heavy'/],
      [{ grayscale: false }, 'preferences.S1.grayscale', /colour by default/],
      [{ previewSize: 480 }, 'preferences.S1.previewSize', /at most 240 px/],
    ];
    for (const [change, field, message] of weaker) {
      let thrown: unknown;
      try {
        checkPreferences(BUILT_IN_POLICY, { ...floor, S1: { ...floor.S1, ...change } });
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toMatchObject({ code: 'forbidden', field });
      expect((thrown as Error).message).toMatch(message);
    }
    expect(() => checkPreferences(BUILT_IN_POLICY, floor)).not.toThrow();
    expect(() =>
      checkPreferences(BUILT_IN_POLICY, { ...floor, S0: { tier: 'heavy', grayscale: true, previewSize: 100, warningScreen: true } }),
    ).not.toThrow();
  });

  it('stored preferences a later, stricter policy undercuts are raised to its floor', () => {
    const stricter = {
      ...BUILT_IN_POLICY,
      viewing: { ...BUILT_IN_POLICY.viewing, S0: { ...BUILT_IN_POLICY.viewing.S0, defaultTier: 'heavy' as const, previewSize: 120 } },
    };
    const applied = effectivePreferences(stricter, { ...floor, S0: { ...floor.S0, previewSize: 200, warningScreen: true } });
    expect(applied.S0).toEqual({ tier: 'heavy', grayscale: true, previewSize: 120, warningScreen: true });
  });
});

describe('team CSV', () => {
  it('one row per day and category, text quoted where it must be', () => {
    const csv = teamCsv({
      teamId: 't',
      teamName: 'T',
      from: '2031-05-01',
      to: '2031-05-02',
      categories: [],
      moderators: 3,
      capsHit: [],
      days: [
        {
          day: '2031-05-01',
          moderators: 3,
          reviewMinutes: 300,
          breaksTaken: 4,
          capsHit: 1,
          highSeverityItems: 7,
          categories: [
            { category: 'hate', viewedSeconds: 10, clearSeconds: 1, weightedSeconds: 2, items: 3 },
            { category: 'a,"b"', viewedSeconds: 1, clearSeconds: 0, weightedSeconds: 0, items: 1 },
          ],
          checkIn: { average: 3.3, count: 3 },
        },
        { day: '2031-05-02', moderators: 1, reviewMinutes: 20, breaksTaken: 0, capsHit: 0, highSeverityItems: 0, categories: [], checkIn: null },
      ],
    });
    expect(csv.split('\r\n')).toEqual([
      'day,category,viewed_seconds,clear_seconds,weighted_seconds,items,team_moderators,team_review_minutes,team_breaks_taken,team_caps_hit,team_high_severity_items,check_in_average,check_in_count',
      '2031-05-01,hate,10,1,2,3,3,300,4,1,7,3.3,3',
      '2031-05-01,"a,""b""",1,0,0,1,3,300,4,1,7,3.3,3',
      '2031-05-02,,,,,,1,20,0,0,0,,',
      '',
    ]);
  });
});
