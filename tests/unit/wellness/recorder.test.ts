import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createExposureRecorder, EXPOSURE_EVENT_MAX_MS, peakClearSeconds, type ServedView } from '../../../electron/core/exposure';
import { openStore, type Store } from '../../../electron/core/store';

let store: Store;
let now: number;
let exposure: ReturnType<typeof createExposureRecorder>;
const T0 = Date.parse('2031-05-06T08:00:00.000Z');

const view = (itemId: string, sha: string, overrides: Partial<ServedView> = {}): ServedView => ({
  accountId: 'mod',
  itemId,
  sha256: sha.repeat(64),
  category: 'unflagged_image',
  severity: 'S1',
  view: 'tier',
  tier: 'heavy',
  grayscale: true,
  width: 240,
  height: 180,
  areaFraction: 0,
  lens: null,
  revealId: null,
  weight: 0.03,
  policyVersion: 1,
  ...overrides,
});
const seconds = () => store.exposureEvents('mod', '2000-01-01', '9999-01-01').map((e) => [e.itemId, e.sha256[0], e.tier, e.seconds]);
const advance = (s: number) => (now += s * 1000);

beforeEach(() => {
  store = openStore(':memory:');
  now = T0;
  exposure = createExposureRecorder({ store, clock: () => new Date(now) });
});
afterEach(() => store.close());

describe('exposure events', () => {
  it('an image served again replaces its event; the item’s other images stay on screen beside it', () => {
    exposure.served(view('i1', 'a'));
    exposure.served(view('i1', 'b'));
    advance(4);
    exposure.served(view('i1', 'a', { tier: 'medium', weight: 0.1 }));
    advance(2);
    exposure.itemDecided('mod', 'i1');
    expect(seconds()).toEqual([
      ['i1', 'a', 'heavy', 4],
      ['i1', 'b', 'heavy', 6],
      ['i1', 'a', 'medium', 2],
    ]);
  });

  it('another item’s preview or the item shown closes the previous item’s events; none counts more than its cap', () => {
    exposure.served(view('i1', 'a'));
    advance(3);
    exposure.served(view('i2', 'c'));
    advance(EXPOSURE_EVENT_MAX_MS / 1000 + 30);
    exposure.itemShown('mod', 'i3');
    expect(seconds()).toEqual([
      ['i1', 'a', 'heavy', 3],
      ['i2', 'c', 'heavy', 60],
    ]);
  });

  it('sums count open events up to now, each at most its cap, by category', () => {
    exposure.served(view('i1', 'a'));
    exposure.served(view('i1', 'b', { category: 'hate', severity: 'S1', weight: 1, view: 'clear', tier: 'clear', areaFraction: 1 }));
    advance(10);
    const sums = exposure.sums('mod', '2000-01-01', '9999-01-01');
    expect(sums).toEqual([
      { category: 'hate', severity: 'S1', viewedSeconds: 10, clearSeconds: 10, weightedSeconds: 10, items: 1 },
      { category: 'unflagged_image', severity: 'S1', viewedSeconds: 10, clearSeconds: 0, weightedSeconds: expect.closeTo(0.3, 9), items: 1 },
    ]);
    advance(600);
    expect(exposure.sums('mod', '2000-01-01', '9999-01-01').map((s) => s.viewedSeconds)).toEqual([60, 60]);
  });

  it('a reveal’s end closes what it served, says what it showed, and puts the blurred view back on the record', () => {
    exposure.served(view('i1', 'a'));
    advance(1);
    exposure.served(view('i1', 'a', { view: 'lens', areaFraction: 0.05, lens: { x: 0.3, y: 0.5, r: 0.1 }, revealId: 'r1', weight: 0.08 }));
    advance(1);
    exposure.served(view('i1', 'a', { view: 'lens', areaFraction: 0.05, lens: { x: 0.7, y: 0.5, r: 0.1 }, revealId: 'r1', weight: 0.08 }));
    advance(1);
    const shown = exposure.revealEnded('mod', 'r1');
    expect(shown.clearServed).toBe(true);
    // Two circles apart: twice one circle's share of a 240x180 image.
    const one = (Math.PI * (0.1 * 180) ** 2) / (240 * 180);
    expect(shown.areaFraction).toBeCloseTo(2 * one, 2);
    const events = store.exposureEvents('mod', '2000-01-01', '9999-01-01');
    expect(events.map((e) => [e.view, e.seconds])).toEqual([
      ['tier', 1],
      ['lens', 1],
      ['lens', 1],
      ['tier', null],
    ]);
    expect(exposure.revealEnded('mod', 'nothing-served')).toEqual({ areaFraction: 0, clearServed: false });
  });

  it('peaks: the most clear seconds of a category starting inside any hour', () => {
    const clear = (at: number, s: number) => ({
      ...view('i', 'a'),
      id: String(at),
      startedAt: new Date(T0 + at * 1000).toISOString(),
      endedAt: 'x',
      seconds: s,
      areaFraction: 1,
    });
    const peaks = peakClearSeconds([clear(0, 10), clear(600, 20), clear(4000, 5), clear(4100, 30)], 3_600_000);
    // The hour ending at 4100 s holds the events at 600, 4000 and 4100.
    expect(peaks.get('unflagged_image')).toBe(55);
  });
});
