import type { Severity, WellnessPolicy } from '@workstation/protocol';
import type { Db } from './database';
import { outboxWrites } from './outbox';

export interface StoredWellnessPolicy {
  policy: WellnessPolicy;
  syncedAt: string;
}

export interface ReviewStretch {
  startedAt: string;
  endedAt: string;
}

export interface ShownItem {
  itemId: string;
  firstShownAt: string;
  category: string;
  severity: Severity;
}

export type BreakReason = 'minutes' | 'high_severity_items';

export interface BreakRow {
  id: string;
  accountId: string;
  reason: BreakReason;
  dueAt: string;
  requiredSeconds: number;
  /** Idle seconds already banked from idle periods that have ended. */
  countedSeconds: number;
  /** The idle period under way: from when, and when core last saw it still going. */
  idleFrom: string | null;
  idleSeen: string | null;
  doneAt: string | null;
}

export interface CapHit {
  cap: string;
  category: string;
  at: string;
}

export interface CheckIn {
  at: string;
  mood: number;
  shared: boolean;
}

const BREAK_COLUMNS = `id, account_id AS accountId, reason, due_at AS dueAt, required_seconds AS requiredSeconds,
  counted_seconds AS countedSeconds, idle_from AS idleFrom, idle_seen AS idleSeen, done_at AS doneAt`;

/** What the wellness service keeps: the verified policy, review time, items shown, breaks, caps hit, check-ins, preferences. */
export function wellnessQueries(db: Db) {
  const outbox = outboxWrites(db);
  const getPolicy = db.prepare(`SELECT policy, synced_at AS syncedAt FROM wellness_policy WHERE id = 1`);
  const putPolicy = db.prepare(
    `INSERT INTO wellness_policy (id, version, policy, synced_at) VALUES (1, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET version = excluded.version, policy = excluded.policy, synced_at = excluded.synced_at`,
  );
  const lastStretch = db.prepare(
    `SELECT started_at AS startedAt, ended_at AS endedAt FROM review_stretches WHERE account_id = ? ORDER BY started_at DESC LIMIT 1`,
  );
  const extendStretch = db.prepare(`UPDATE review_stretches SET ended_at = ? WHERE account_id = ? AND started_at = ? AND ended_at < ?`);
  const newStretch = db.prepare(`INSERT OR IGNORE INTO review_stretches (account_id, started_at, ended_at) VALUES (?, ?, ?)`);
  const stretches = db.prepare(
    `SELECT started_at AS startedAt, ended_at AS endedAt FROM review_stretches WHERE account_id = ? AND ended_at >= ? ORDER BY started_at`,
  );
  const showItem = db.prepare(
    `INSERT INTO items_shown (account_id, item_id, first_shown_at, category, severity) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (account_id, item_id) DO UPDATE SET
       category = CASE WHEN excluded.severity > items_shown.severity THEN excluded.category ELSE items_shown.category END,
       severity = max(items_shown.severity, excluded.severity)`,
  );
  const shown = db.prepare(
    `SELECT item_id AS itemId, first_shown_at AS firstShownAt, category, severity FROM items_shown
     WHERE account_id = ? AND first_shown_at >= ? ORDER BY first_shown_at`,
  );
  const latestBreak = db.prepare(`SELECT ${BREAK_COLUMNS} FROM breaks WHERE account_id = ? ORDER BY due_at DESC, rowid DESC LIMIT 1`);
  const insertBreak = db.prepare(
    `INSERT INTO breaks (id, account_id, reason, due_at, required_seconds) VALUES (@id, @accountId, @reason, @dueAt, @requiredSeconds)`,
  );
  const updateBreak = db.prepare(
    `UPDATE breaks SET counted_seconds = @countedSeconds, idle_from = @idleFrom, idle_seen = @idleSeen, done_at = @doneAt WHERE id = @id`,
  );
  const capHit = db.prepare(`INSERT OR IGNORE INTO caps_hit (account_id, cap, category, at) VALUES (?, ?, ?, ?)`);
  const capsHit = db.prepare(`SELECT cap, category, at FROM caps_hit WHERE account_id = ? AND at >= ? ORDER BY at`);
  const addCheckIn = db.prepare(`INSERT INTO check_ins (id, account_id, at, mood, shared) VALUES (?, ?, ?, ?, ?)`);
  const checkIns = db.prepare(`SELECT at, mood, shared FROM check_ins WHERE account_id = ? AND at >= ? ORDER BY at DESC`);
  const getPreferences = db.prepare(`SELECT preferences FROM viewing_preferences WHERE account_id = ?`);
  const putPreferences = db.prepare(
    `INSERT INTO viewing_preferences (account_id, preferences, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (account_id) DO UPDATE SET preferences = excluded.preferences, updated_at = excluded.updated_at`,
  );
  const decisionsSince = db.prepare(
    `SELECT count(*) AS decisions,
       count(*) FILTER (WHERE NOT EXISTS (
         SELECT 1 FROM exposure_events e WHERE e.account_id = d.account_id AND e.item_id = d.item_id AND e.area_fraction > 0
       )) AS withoutClearView
     FROM decisions d WHERE d.account_id = ? AND d.decided_at >= ? AND d.decided_at < ? AND d.undone_at IS NULL`,
  );
  const cancelDay = db.prepare(
    `UPDATE outbox SET state = 'cancelled', settled_at = ?
     WHERE kind = 'wellness' AND account_id = ? AND state = 'pending' AND json_extract(payload, '$.day') = ?`,
  );
  const lastUpload = db.prepare(
    `SELECT max(json_extract(payload, '$.computedAt')) AS at FROM outbox
     WHERE kind = 'wellness' AND account_id = ? AND json_extract(payload, '$.day') = ? AND state IN ('pending', 'accepted', 'duplicate')`,
  );

  return {
    wellnessPolicy(): StoredWellnessPolicy | null {
      const r = getPolicy.get() as { policy: string; syncedAt: string } | undefined;
      return r ? { policy: JSON.parse(r.policy) as WellnessPolicy, syncedAt: r.syncedAt } : null;
    },
    putWellnessPolicy(policy: WellnessPolicy, syncedAt: string): void {
      putPolicy.run(policy.version, JSON.stringify(policy), syncedAt);
    },
    /** A review call at `at`: extends the last stretch when it ended at most gapMs before, else starts one. */
    noteReviewActivity(accountId: string, at: string, gapMs: number): void {
      db.transaction(() => {
        const last = lastStretch.get(accountId) as ReviewStretch | undefined;
        if (last && Date.parse(at) - Date.parse(last.endedAt) <= gapMs) extendStretch.run(at, accountId, last.startedAt, at);
        else if (!last || at > last.endedAt) newStretch.run(accountId, at, at);
      })();
    },
    /** Stretches still going at or after `since`, oldest first. */
    reviewStretches(accountId: string, since: string): ReviewStretch[] {
      return stretches.all(accountId, since) as ReviewStretch[];
    },
    /** An item shown to the moderator; its severity only ever rises as analysis learns more. */
    noteItemShown(accountId: string, itemId: string, at: string, category: string, severity: Severity): void {
      showItem.run(accountId, itemId, at, category, severity);
    },
    itemsShown(accountId: string, since: string): ShownItem[] {
      return shown.all(accountId, since) as ShownItem[];
    },
    /** The latest break core made due, done or still open (doneAt null). */
    latestBreak(accountId: string): BreakRow | null {
      return (latestBreak.get(accountId) as BreakRow | undefined) ?? null;
    },
    startBreak(b: { id: string; accountId: string; reason: BreakReason; dueAt: string; requiredSeconds: number }): void {
      insertBreak.run(b);
    },
    updateBreak(b: Pick<BreakRow, 'id' | 'countedSeconds' | 'idleFrom' | 'idleSeen' | 'doneAt'>): void {
      updateBreak.run(b);
    },
    /** The first time a limit is reached in its period; later calls in the same period change nothing. */
    noteCapHit(accountId: string, cap: string, category: string, periodStart: string, at: string): boolean {
      const already = (capsHit.all(accountId, periodStart) as CapHit[]).some((c) => c.cap === cap && c.category === category);
      if (already) return false;
      capHit.run(accountId, cap, category, at);
      return true;
    },
    capsHit(accountId: string, since: string): CapHit[] {
      return capsHit.all(accountId, since) as CapHit[];
    },
    addCheckIn(id: string, accountId: string, c: CheckIn): void {
      addCheckIn.run(id, accountId, c.at, c.mood, c.shared ? 1 : 0);
    },
    /** Check-ins since a moment, newest first. */
    checkIns(accountId: string, since: string): CheckIn[] {
      return (checkIns.all(accountId, since) as Array<{ at: string; mood: number; shared: number }>).map((c) => ({ ...c, shared: c.shared === 1 }));
    },
    viewingPreferences(accountId: string): unknown {
      const r = getPreferences.get(accountId) as { preferences: string } | undefined;
      return r ? (JSON.parse(r.preferences) as unknown) : null;
    },
    putViewingPreferences(accountId: string, preferences: unknown, at: string): void {
      putPreferences.run(accountId, JSON.stringify(preferences), at);
    },
    /** Decisions in [since, until) not undone, and how many were on items nothing was served clear of. */
    decisionsWithoutClearView(accountId: string, since: string, until: string): { decisions: number; withoutClearView: number } {
      return decisionsSince.get(accountId, since, until) as { decisions: number; withoutClearView: number };
    },
    /**
     * Queues a day's aggregate for upload in place of one still waiting for the same day: the
     * upstream keeps the newest anyway, so only the latest needs to travel. Aggregates are about
     * no review item, so no item's order holds them back.
     */
    enqueueWellnessDay(e: { key: string; accountId: string; day: string; payload: unknown; at: string }): void {
      db.transaction(() => {
        cancelDay.run(e.at, e.accountId, e.day);
        outbox.enqueue({ key: e.key, kind: 'wellness', accountId: e.accountId, itemIds: [], payload: e.payload, createdAt: e.at, notBefore: e.at });
      })();
    },
    /** When the last aggregate of this day queued (or uploaded) was computed; null when none was. */
    lastWellnessDayComputedAt(accountId: string, day: string): string | null {
      return (lastUpload.get(accountId, day) as { at: string | null }).at;
    },
  };
}
