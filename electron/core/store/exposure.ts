import type { Severity } from '@workstation/protocol';
import type { Db } from './database';

export type ExposureView = 'tier' | 'lens' | 'clear';

export interface ExposureEventRow {
  id: string;
  accountId: string;
  itemId: string;
  sha256: string;
  category: string;
  severity: Severity;
  view: ExposureView;
  /** The blurred tier served (under a lens, the tier around the circle), or 'clear'. */
  tier: string;
  grayscale: boolean;
  width: number;
  height: number;
  /** The share of the image served clear: 1 for 'clear', the circle's share for a lens, 0 for a blurred tier. */
  areaFraction: number;
  lens: { x: number; y: number; r: number } | null;
  revealId: string | null;
  /** What one second of this view counts in the exposure model (severity x clarity x colour). */
  weight: number;
  policyVersion: number;
  startedAt: string;
  endedAt: string | null;
  seconds: number | null;
}

export type NewExposureEvent = Omit<ExposureEventRow, 'endedAt' | 'seconds'>;

/** Sums over a span of events, open ones counted up to `now` and at most `capSeconds` each. */
export interface ExposureSums {
  category: string;
  severity: Severity;
  viewedSeconds: number;
  clearSeconds: number;
  weightedSeconds: number;
  items: number;
}

interface RawEvent {
  id: string;
  account_id: string;
  item_id: string;
  sha256: string;
  category: string;
  severity: Severity;
  view: ExposureView;
  tier: string;
  grayscale: number;
  width: number;
  height: number;
  area_fraction: number;
  lens_x: number | null;
  lens_y: number | null;
  lens_r: number | null;
  reveal_id: string | null;
  weight: number;
  policy_version: number;
  started_at: string;
  ended_at: string | null;
  seconds: number | null;
}

const toEvent = (r: RawEvent): ExposureEventRow => ({
  id: r.id,
  accountId: r.account_id,
  itemId: r.item_id,
  sha256: r.sha256,
  category: r.category,
  severity: r.severity,
  view: r.view,
  tier: r.tier,
  grayscale: r.grayscale === 1,
  width: r.width,
  height: r.height,
  areaFraction: r.area_fraction,
  lens: r.lens_x === null || r.lens_y === null || r.lens_r === null ? null : { x: r.lens_x, y: r.lens_y, r: r.lens_r },
  revealId: r.reveal_id,
  weight: r.weight,
  policyVersion: r.policy_version,
  startedAt: r.started_at,
  endedAt: r.ended_at,
  seconds: r.seconds,
});

/** Seconds of an event: as closed, or for an open one up to now (to the millisecond), never more than the cap. */
const SECONDS = `CASE WHEN ended_at IS NULL
  THEN min(@capSeconds, max(0, round((julianday(@now) - julianday(started_at)) * 86400000.0) / 1000.0))
  ELSE seconds END`;

/** Every preview core served, as exposure: the rows the exposure service records and sums. */
export function exposureQueries(db: Db) {
  const insert = db.prepare(
    `INSERT INTO exposure_events (id, account_id, item_id, sha256, category, severity, view, tier, grayscale, width, height,
       area_fraction, lens_x, lens_y, lens_r, reveal_id, weight, policy_version, started_at)
     VALUES (@id, @accountId, @itemId, @sha256, @category, @severity, @view, @tier, @grayscale, @width, @height,
       @areaFraction, @lensX, @lensY, @lensR, @revealId, @weight, @policyVersion, @startedAt)`,
  );
  const open = db.prepare(`SELECT * FROM exposure_events WHERE account_id = ? AND ended_at IS NULL ORDER BY started_at, rowid`);
  const close = db.prepare(`UPDATE exposure_events SET ended_at = ?, seconds = ? WHERE id = ? AND ended_at IS NULL`);
  const between = db.prepare(`SELECT * FROM exposure_events WHERE account_id = ? AND started_at >= ? AND started_at < ? ORDER BY started_at, rowid`);
  const ofReveal = db.prepare(`SELECT * FROM exposure_events WHERE reveal_id = ? ORDER BY started_at, rowid`);
  const lastTier = db.prepare(
    `SELECT * FROM exposure_events WHERE account_id = ? AND item_id = ? AND sha256 = ? AND view = 'tier'
     ORDER BY started_at DESC, rowid DESC LIMIT 1`,
  );
  const sums = db.prepare(
    `SELECT category, max(severity) AS severity, sum(s) AS viewedSeconds, sum(s * area_fraction) AS clearSeconds,
       sum(s * weight) AS weightedSeconds, count(DISTINCT item_id) AS items
     FROM (SELECT *, ${SECONDS} AS s FROM exposure_events WHERE account_id = @account AND started_at >= @since AND started_at < @until)
     GROUP BY category ORDER BY weightedSeconds DESC, category`,
  );
  const clearItems = db.prepare(
    `SELECT DISTINCT item_id AS itemId FROM exposure_events WHERE account_id = ? AND area_fraction > 0 AND started_at >= ?`,
  );

  return {
    openExposureEvent(e: NewExposureEvent): void {
      insert.run({
        ...e,
        grayscale: e.grayscale ? 1 : 0,
        lensX: e.lens?.x ?? null,
        lensY: e.lens?.y ?? null,
        lensR: e.lens?.r ?? null,
      });
    },
    openExposureEvents(accountId: string): ExposureEventRow[] {
      return (open.all(accountId) as RawEvent[]).map(toEvent);
    },
    closeExposureEvent(id: string, endedAt: string, seconds: number): void {
      close.run(endedAt, seconds, id);
    },
    /** Events that started in [since, until), open ones included. */
    exposureEvents(accountId: string, since: string, until: string): ExposureEventRow[] {
      return (between.all(accountId, since, until) as RawEvent[]).map(toEvent);
    },
    exposureEventsOfReveal(revealId: string): ExposureEventRow[] {
      return (ofReveal.all(revealId) as RawEvent[]).map(toEvent);
    },
    /** The blurred view last served of this image: what is on screen again once a reveal ends. */
    lastTierEvent(accountId: string, itemId: string, sha256: string): ExposureEventRow | null {
      const r = lastTier.get(accountId, itemId, sha256) as RawEvent | undefined;
      return r ? toEvent(r) : null;
    },
    exposureSums(accountId: string, since: string, until: string, now: string, capSeconds: number): ExposureSums[] {
      return sums.all({ account: accountId, since, until, now, capSeconds }) as ExposureSums[];
    },
    /** Items of which something was served clear (a full reveal or a lens region) since a moment. */
    itemsShownClear(accountId: string, since: string): Set<string> {
      return new Set((clearItems.all(accountId, since) as Array<{ itemId: string }>).map((r) => r.itemId));
    },
  };
}
