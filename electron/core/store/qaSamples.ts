import type { Db } from './database';
import { outboxWrites } from './outbox';
import type { TeamQaInput } from './teamLog';

export type StratumColumn = 'moderator_id' | 'category' | 'severity';

export interface QaSampleRow {
  id: string;
  seed: number;
  size: number;
  mode: 'random' | 'stratified';
  stratifyBy: 'moderator' | 'category' | 'severity' | null;
  fromMs: number | null;
  toMs: number | null;
  createdAt: string;
}

export interface QaSampleItemRow {
  sampleId: string;
  position: number;
  decisionId: string;
  stratum: string | null;
  reviewAction: string | null;
  reviewReasonCode: string | null;
  reviewNote: string | null;
  reviewedAt: string | null;
  verdict: 'agree' | 'overturn' | null;
  verdictReason: string | null;
  verdictKey: string | null;
  /** The outbox state of the verdict's upload, when there is one. */
  uploadState: string | null;
}

const ITEM_COLUMNS = `i.sample_id AS sampleId, i.position, i.decision_id AS decisionId, i.stratum, i.review_action AS reviewAction,
  i.review_reason_code AS reviewReasonCode, i.review_note AS reviewNote, i.reviewed_at AS reviewedAt, i.verdict,
  i.verdict_reason AS verdictReason, i.verdict_key AS verdictKey, o.state AS uploadState`;

/**
 * The sampling population: stored decisions in the period that decided something (skips are
 * hand-backs, not judgments), made by someone other than the reviewer drawing the sample.
 */
const POPULATION = `FROM team_decisions WHERE decided_at >= @fromMs AND decided_at < @toMs AND action <> 'skip' AND moderator_id <> @reviewer`;
/** XOR of the stored sample key and the seed's key, in SQLite's integer arithmetic (it has no XOR operator). */
const RANK = `((sample_key | @mix) - (sample_key & @mix))`;

/** QA samples: drawing them from the stored log, blind re-reviews and verdicts. */
export function qaSampleQueries(db: Db, teamLog: { recordLocalQa(q: TeamQaInput): void }) {
  const outbox = outboxWrites(db);
  const insertSample = db.prepare(
    `INSERT INTO qa_samples (id, seed, size, mode, stratify_by, from_ms, to_ms, created_at) VALUES (@id, @seed, @size, @mode, @stratifyBy, @fromMs, @toMs, @createdAt)`,
  );
  const insertItem = db.prepare(`INSERT INTO qa_sample_items (sample_id, position, decision_id, stratum) VALUES (?, ?, ?, ?)`);
  const samples = db.prepare(
    `SELECT s.id, s.seed, s.size, s.mode, s.stratify_by AS stratifyBy, s.from_ms AS fromMs, s.to_ms AS toMs, s.created_at AS createdAt,
            (SELECT count(*) FROM qa_sample_items i WHERE i.sample_id = s.id AND i.verdict IS NOT NULL) AS done
     FROM qa_samples s ORDER BY s.created_at DESC, s.rowid DESC`,
  );
  const sample = db.prepare(
    `SELECT id, seed, size, mode, stratify_by AS stratifyBy, from_ms AS fromMs, to_ms AS toMs, created_at AS createdAt FROM qa_samples WHERE id = ?`,
  );
  const items = db.prepare(
    `SELECT ${ITEM_COLUMNS} FROM qa_sample_items i LEFT JOIN outbox o ON o.idempotency_key = i.verdict_key WHERE i.sample_id = ? ORDER BY i.position`,
  );
  const item = db.prepare(
    `SELECT ${ITEM_COLUMNS} FROM qa_sample_items i LEFT JOIN outbox o ON o.idempotency_key = i.verdict_key WHERE i.sample_id = ? AND i.decision_id = ?`,
  );
  const review = db.prepare(
    `UPDATE qa_sample_items SET review_action = @action, review_reason_code = @reasonCode, review_note = @note, reviewed_at = @at
     WHERE sample_id = @sampleId AND decision_id = @decisionId AND reviewed_at IS NULL`,
  );
  const verdict = db.prepare(
    `UPDATE qa_sample_items SET verdict = @verdict, verdict_reason = @reason, verdict_key = @key
     WHERE sample_id = @sampleId AND decision_id = @decisionId AND reviewed_at IS NOT NULL AND verdict IS NULL`,
  );

  return {
    /** How many decisions of the population each stratum holds (one '' stratum without a column). */
    qaStrata(column: StratumColumn | null, fromMs: number, toMs: number, reviewer: string): Array<{ stratum: string; n: number }> {
      const select =
        column === null
          ? `SELECT '' AS stratum, count(*) AS n ${POPULATION}`
          : `SELECT ${column} AS stratum, count(*) AS n ${POPULATION} GROUP BY ${column}`;
      return (db.prepare(select).all({ fromMs, toMs, reviewer }) as Array<{ stratum: string; n: number }>).filter((s) => s.n > 0);
    },
    /**
     * Population members whose rank (sample key XOR mix) is below their stratum's bound: a small
     * superset of the sample, so the caller sorts a few rows instead of the population.
     */
    qaCandidates(
      column: StratumColumn | null,
      fromMs: number,
      toMs: number,
      mix: number,
      bounds: ReadonlyMap<string, number>,
      reviewer: string,
    ): Array<{ id: string; stratum: string; rank: number }> {
      const params: Record<string, unknown> = { fromMs, toMs, mix, reviewer };
      const strata = [...bounds.entries()];
      strata.forEach(([stratum, bound], i) => {
        params[`s${i}`] = stratum;
        params[`b${i}`] = bound;
      });
      const stratum = column ?? `''`;
      const bound = `CASE ${stratum} ${strata.map((_, i) => `WHEN @s${i} THEN @b${i}`).join(' ')} ELSE -1 END`;
      return db.prepare(`SELECT id, ${stratum} AS stratum, ${RANK} AS rank ${POPULATION} AND ${RANK} < ${bound}`).all(params) as Array<{
        id: string;
        stratum: string;
        rank: number;
      }>;
    },
    /** The `size` lowest-ranked members of the whole population: a random sample in one pass. */
    qaTopRanked(fromMs: number, toMs: number, mix: number, size: number, reviewer: string): Array<{ id: string; rank: number }> {
      return db
        .prepare(`SELECT id, ${RANK} AS rank ${POPULATION} ORDER BY rank, id LIMIT @size`)
        .all({ fromMs, toMs, mix, size, reviewer }) as Array<{ id: string; rank: number }>;
    },
    createQaSample(s: QaSampleRow, members: ReadonlyArray<{ decisionId: string; stratum: string | null }>): void {
      db.transaction(() => {
        insertSample.run(s);
        members.forEach((m, position) => insertItem.run(s.id, position, m.decisionId, m.stratum));
      })();
    },
    qaSamples(): Array<QaSampleRow & { done: number }> {
      return samples.all() as Array<QaSampleRow & { done: number }>;
    },
    qaSample(id: string): QaSampleRow | null {
      return (sample.get(id) as QaSampleRow | undefined) ?? null;
    },
    qaSampleItems(sampleId: string): QaSampleItemRow[] {
      return items.all(sampleId) as QaSampleItemRow[];
    },
    qaSampleItem(sampleId: string, decisionId: string): QaSampleItemRow | null {
      return (item.get(sampleId, decisionId) as QaSampleItemRow | undefined) ?? null;
    },
    /** The blind re-review; false when one was recorded already. */
    recordQaReview(r: { sampleId: string; decisionId: string; action: string; reasonCode: string | null; note: string | null; at: string }): boolean {
      return review.run(r).changes === 1;
    },
    /**
     * The verdict with the outbox entry that uploads it (about the decision's item), and the
     * decision's new outcome, in one transaction; false when there is no recorded re-review or
     * a verdict was given already.
     */
    recordQaVerdict(v: {
      sampleId: string;
      decisionId: string;
      key: string;
      verdict: 'agree' | 'overturn';
      reason: string | null;
      accountId: string;
      itemId: string;
      qa: TeamQaInput;
      payload: unknown;
      at: string;
    }): boolean {
      return db.transaction(() => {
        if (verdict.run({ sampleId: v.sampleId, decisionId: v.decisionId, verdict: v.verdict, reason: v.reason, key: v.key }).changes !== 1)
          return false;
        outbox.enqueue({ key: v.key, kind: 'qa', accountId: v.accountId, itemIds: [v.itemId], payload: v.payload, createdAt: v.at, notBefore: v.at });
        teamLog.recordLocalQa(v.qa);
        return true;
      })();
    },
  };
}
