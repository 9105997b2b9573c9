import type { Db } from './database';

export type ClearRevealKind = 'hover_region' | 'hold_full';
/** Logged by earlier versions for blur steps; steps are exposure events now. */
type RevealStepKind = 'blur_step' | 'grayscale_off';

export interface RevealRow {
  id: string;
  itemId: string;
  sha256: string;
  kind: ClearRevealKind | RevealStepKind;
  /** The blur tier a step went to (rows of earlier versions); null for clear reveals. */
  tier: string | null;
  /** The moderator shown the image. */
  accountId: string;
  startedAt: string;
  endedAt: string | null;
  durationMs: number | null;
  areaFraction: number | null;
  /** When the clear image first left the core under this reveal; null if it never did. */
  clearServedAt: string | null;
}

export type EndRevealResult = { ok: true } | { ok: false; reason: 'unknown' | 'not_yours' | 'already_ended' | 'not_a_reveal' };

const CLEAR_KINDS = `('hover_region', 'hold_full')`;

/** The reveal log: every time an image was shown clear, whole or through the lens. */
export function revealLogQueries(db: Db) {
  const insert = db.prepare(
    `INSERT INTO reveal_log (id, item_id, sha256, kind, tier, account_id, started_at, ended_at, duration_ms, area_fraction)
     VALUES (@id, @itemId, @sha256, @kind, @tier, @accountId, @startedAt, @endedAt, NULL, NULL)`,
  );
  const byId = db.prepare(
    `SELECT id, item_id AS itemId, sha256, kind, tier, account_id AS accountId, started_at AS startedAt, ended_at AS endedAt,
            duration_ms AS durationMs, area_fraction AS areaFraction, clear_served_at AS clearServedAt
     FROM reveal_log WHERE id = ?`,
  );
  const end = db.prepare(`UPDATE reveal_log SET ended_at = ?, duration_ms = ?, area_fraction = ? WHERE id = ? AND ended_at IS NULL`);
  const served = db.prepare(`UPDATE reveal_log SET clear_served_at = ? WHERE id = ? AND clear_served_at IS NULL`);
  const viewed = db.prepare(`SELECT 1 FROM reveal_log WHERE sha256 = ? AND kind IN ${CLEAR_KINDS} AND clear_served_at IS NOT NULL LIMIT 1`);

  const itemViewing = db.prepare(
    `SELECT count(*) AS clearReveals, coalesce(sum(duration_ms), 0) AS clearMs
     FROM reveal_log WHERE item_id = ? AND account_id = ? AND kind IN ${CLEAR_KINDS}`,
  );

  return {
    /** How often and how long one moderator was shown one item's media clear: what a decision's upload says of viewing. */
    itemClearViewing(itemId: string, accountId: string): { clearReveals: number; clearMs: number } {
      return itemViewing.get(itemId, accountId) as { clearReveals: number; clearMs: number };
    },
    beginReveal(r: { id: string; itemId: string; sha256: string; kind: ClearRevealKind; accountId: string; startedAt: string }): void {
      insert.run({ ...r, tier: null, endedAt: null });
    },
    reveal(id: string): RevealRow | null {
      return (byId.get(id) as RevealRow | undefined) ?? null;
    },
    endReveal(id: string, accountId: string, e: { endedAt: string; durationMs: number; areaFraction: number }): EndRevealResult {
      const r = byId.get(id) as RevealRow | undefined;
      if (!r) return { ok: false, reason: 'unknown' };
      if (r.accountId !== accountId) return { ok: false, reason: 'not_yours' };
      if (r.kind !== 'hover_region' && r.kind !== 'hold_full') return { ok: false, reason: 'not_a_reveal' };
      if (end.run(e.endedAt, e.durationMs, e.areaFraction, id).changes !== 1) return { ok: false, reason: 'already_ended' };
      return { ok: true };
    },
    /** Records that the clear image was served under this reveal (the first time counts). */
    markClearServed(id: string, at: string): void {
      served.run(at, id);
    },
    /** Whether anyone on this workstation was shown this file clear: an escalation's fileViewedByEsp. */
    wasShownClear(sha256: string): boolean {
      return viewed.get(sha256) !== undefined;
    },
  };
}
