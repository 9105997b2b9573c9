import type { Account, AppealDecisionEntry, AuditRecord, BatchResult, ChainHead, ChainHeadBody, Correction, QaEntry } from '@workstation/protocol';
import type { Db } from '../../db';
import { conflict } from '../batch';
import { reasonCodeExists } from '../policy';
import { type AppealRow, requireSupervisorOf, toAppealRecord } from './log';

export type ReviewConflictCode = 'unknown_decision' | 'not_your_team' | 'own_decision' | 'bad_reason_code' | 'unknown_appeal' | 'already_decided';
export type ReviewResult = BatchResult<ReviewConflictCode>;

interface DecidedRow {
  account_id: string;
  team_id: string | null;
}

/** The decision a review is about and why this reviewer may not review it, if they may not. */
async function reviewable(tx: Db, reviewer: Account, decisionKey: string, key: string, what: string): Promise<ReviewResult | null> {
  const [decision] = await tx.query<DecidedRow>(
    'SELECT d.account_id, a.team_id FROM decisions d JOIN accounts a ON a.id = d.account_id WHERE d.idempotency_key = $1',
    [decisionKey],
  );
  if (!decision) return conflict(key, 'unknown_decision', `there is no decision ${decisionKey}`);
  if (decision.team_id === null || decision.team_id !== reviewer.teamId) {
    return conflict(key, 'not_your_team', `decision ${decisionKey} was made outside your team; only its own supervisors review it`);
  }
  if (decision.account_id === reviewer.id) {
    return conflict(key, 'own_decision', `decision ${decisionKey} is your own; ${what} is made by a reviewer other than the one who decided`);
  }
  return null;
}

async function badReason(tx: Db, key: string, reasonCode: string | null): Promise<ReviewResult | null> {
  if (reasonCode === null || (await reasonCodeExists(tx, reasonCode))) return null;
  return conflict(key, 'bad_reason_code', `reason code ${reasonCode} is not in the current policy`);
}

async function correct(
  tx: Db,
  c: { id: string; decisionKey: string; source: 'qa' | 'appeal'; action: string; reasonCode: string | null; reason: string; by: string },
): Promise<void> {
  await tx.query(
    `INSERT INTO corrections (id, decision_key, source, action, reason_code, reason, corrected_by) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [c.id, c.decisionKey, c.source, c.action, c.reasonCode, c.reason, c.by],
  );
}

/** A supervisor's QA result; an overturn also becomes a correction the moderator reads on their next sync. */
export async function recordQa(db: Db, reviewer: Account, entry: QaEntry): Promise<ReviewResult> {
  const key = entry.idempotencyKey;
  return db.transaction(async (tx) => {
    if ((await tx.query('SELECT 1 FROM qa_reviews WHERE idempotency_key = $1', [key])).length > 0)
      return { idempotencyKey: key, status: 'duplicate' };
    const refused = (await reviewable(tx, reviewer, entry.decisionKey, key, 'QA')) ?? (await badReason(tx, key, entry.reasonCode));
    if (refused) return refused;
    await tx.query(
      `INSERT INTO qa_reviews (idempotency_key, decision_key, reviewer_id, action, reason_code, note, verdict, reason, reviewed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [key, entry.decisionKey, reviewer.id, entry.action, entry.reasonCode, entry.note, entry.verdict, entry.reason, entry.reviewedAt],
    );
    if (entry.verdict === 'overturn') {
      await correct(tx, {
        id: key,
        decisionKey: entry.decisionKey,
        source: 'qa',
        action: entry.action,
        reasonCode: entry.reasonCode,
        reason: entry.reason!,
        by: reviewer.id,
      });
    }
    return { idempotencyKey: key, status: 'accepted' };
  });
}

/** An appeal's outcome, by a reviewer other than the moderator who made the decision; an overturn corrects it. */
export async function decideAppeal(db: Db, reviewer: Account, entry: AppealDecisionEntry): Promise<ReviewResult> {
  const key = entry.idempotencyKey;
  return db.transaction(async (tx) => {
    const [appeal] = await tx.query<{ decision_key: string; decided_key: string | null }>(
      'SELECT decision_key, decided_key FROM appeals WHERE id = $1 FOR UPDATE',
      [entry.appealId],
    );
    if (!appeal) return conflict(key, 'unknown_appeal', `there is no appeal ${entry.appealId}`);
    if (appeal.decided_key === key) return { idempotencyKey: key, status: 'duplicate' };
    const refused = (await reviewable(tx, reviewer, appeal.decision_key, key, 'an appeal')) ?? (await badReason(tx, key, entry.reasonCode));
    if (refused) return refused;
    if (appeal.decided_key !== null) return conflict(key, 'already_decided', `appeal ${entry.appealId} was already decided by another reviewer`);
    await tx.query(`UPDATE appeals SET outcome = $2, reason = $3, decided_by = $4, decided_at = $5, decided_key = $6 WHERE id = $1`, [
      entry.appealId,
      entry.outcome,
      entry.reason,
      reviewer.id,
      entry.decidedAt,
      key,
    ]);
    if (entry.outcome === 'overturned') {
      await correct(tx, {
        id: key,
        decisionKey: appeal.decision_key,
        source: 'appeal',
        action: entry.action!,
        reasonCode: entry.reasonCode,
        reason: entry.reason,
        by: reviewer.id,
      });
    }
    return { idempotencyKey: key, status: 'accepted' };
  });
}

export async function listAppeals(db: Db, supervisor: Account, teamId: string): Promise<Array<Extract<AuditRecord, { type: 'appeal' }>>> {
  requireSupervisorOf(supervisor, teamId);
  const rows = await db.query<AppealRow>(
    `SELECT ap.*, d.account_id AS moderator_id FROM appeals ap JOIN decisions d ON d.idempotency_key = ap.decision_key
     JOIN accounts a ON a.id = d.account_id WHERE a.team_id = $1 ORDER BY ap.created_at, ap.id`,
    [teamId],
  );
  return rows.map(toAppealRecord);
}

/** Corrections of the moderator's own decisions after seq `since`, oldest first. */
export async function correctionsOf(
  db: Db,
  moderatorId: string,
  since: number,
  limit: number,
): Promise<{ corrections: Correction[]; cursor: number }> {
  const rows = await db.query<{
    seq: string;
    id: string;
    decision_key: string;
    item_id: string;
    source: 'qa' | 'appeal';
    action: 'approve';
    reason_code: string | null;
    reason: string;
    display_name: string;
    created_at: Date;
  }>(
    `SELECT c.seq, c.id, c.decision_key, d.item_id, c.source, c.action, c.reason_code, c.reason, r.display_name, c.created_at
     FROM corrections c JOIN decisions d ON d.idempotency_key = c.decision_key JOIN accounts r ON r.id = c.corrected_by
     WHERE d.account_id = $1 AND c.seq > $2 ORDER BY c.seq LIMIT $3`,
    [moderatorId, since, limit],
  );
  const corrections = rows.map((r) => ({
    seq: Number(r.seq),
    id: r.id,
    decisionKey: r.decision_key,
    itemId: r.item_id,
    source: r.source,
    action: r.action,
    reasonCode: r.reason_code,
    reason: r.reason,
    correctedBy: r.display_name,
    correctedAt: r.created_at.toISOString(),
  }));
  return { corrections, cursor: corrections.at(-1)?.seq ?? since };
}

interface HeadRow {
  workstation_id: string;
  account_id: string;
  seq: number;
  hash: string;
  reported_at: Date;
  received_at: Date;
}

const toHead = (r: HeadRow): ChainHead => ({
  workstationId: r.workstation_id,
  accountId: r.account_id,
  seq: r.seq,
  hash: r.hash,
  reportedAt: r.reported_at.toISOString(),
  receivedAt: r.received_at.toISOString(),
});

export async function recordChainHead(db: Db, account: Account, head: ChainHeadBody): Promise<ChainHead> {
  const [row] = await db.query<HeadRow>(
    `INSERT INTO chain_heads (workstation_id, account_id, seq, hash, reported_at) VALUES ($1, $2, $3, $4, $5) RETURNING *`,
    [head.workstationId, account.id, head.seq, head.hash, head.reportedAt],
  );
  return toHead(row!);
}

/** The latest head of every workstation a member of the team reported from. */
export async function teamChainHeads(db: Db, supervisor: Account, teamId: string): Promise<ChainHead[]> {
  requireSupervisorOf(supervisor, teamId);
  const rows = await db.query<HeadRow>(
    `SELECT DISTINCT ON (h.workstation_id) h.* FROM chain_heads h JOIN accounts a ON a.id = h.account_id
     WHERE a.team_id = $1 ORDER BY h.workstation_id, h.seq DESC, h.received_at DESC`,
    [teamId],
  );
  return rows.map(toHead);
}
