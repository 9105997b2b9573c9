import type { BatchResult, DecisionAction, DecisionEntry, DecisionRecord, DecisionsQuery } from '@workstation/protocol';
import { chainHash } from '@workstation/protocol/checksums';
import type { Db } from '../db';
import { conflict } from './batch';
import { reasonCodeExists } from './policy';

export type ConflictCode = 'reassigned' | 'already_actioned' | 'unknown_item' | 'bad_reason_code' | 'chain_mismatch';

export type DecisionResult = BatchResult<ConflictCode>;

const REASON_REQUIRED: ReadonlySet<DecisionAction> = new Set(['remove', 'escalate']);

interface ItemState {
  final_account_id: string | null;
  lease_account_id: string | null;
  lease_active: boolean;
}

async function isKnownKey(tx: Db, key: string): Promise<boolean> {
  return (await tx.query('SELECT 1 FROM decisions WHERE idempotency_key = $1', [key])).length > 0;
}

async function conflictFor(
  tx: Db,
  accountId: string,
  entry: DecisionEntry,
  item: ItemState,
): Promise<{ code: ConflictCode; message: string } | null> {
  const inAssignment = await tx.query(
    `SELECT 1 FROM assignment_items ai JOIN assignments a ON a.id = ai.assignment_id
     WHERE ai.assignment_id = $1 AND ai.item_id = $2 AND a.account_id = $3`,
    [entry.assignmentId, entry.itemId, accountId],
  );
  if (inAssignment.length === 0) {
    return { code: 'unknown_item', message: `item ${entry.itemId} was never part of your assignment ${entry.assignmentId}` };
  }
  if (entry.chain && chainHash(entry.chain.prevHash, { ...entry, ...entry.chain, accountId }) !== entry.chain.hash) {
    return {
      code: 'chain_mismatch',
      message: `chain.hash of decision ${entry.idempotencyKey} is not SHA-256 of chain.prevHash and the record's fields; the workstation's chain or this entry was altered`,
    };
  }
  if (entry.reasonCode === null && REASON_REQUIRED.has(entry.action)) {
    return { code: 'bad_reason_code', message: `'${entry.action}' needs a reasonCode from the policy` };
  }
  if (entry.reasonCode !== null && !(await reasonCodeExists(tx, entry.reasonCode))) {
    return { code: 'bad_reason_code', message: `reason code ${entry.reasonCode} is not in the current policy` };
  }
  if (item.final_account_id !== null && item.final_account_id !== accountId) {
    return { code: 'already_actioned', message: `another reviewer already decided item ${entry.itemId}` };
  }
  if (item.lease_active && item.lease_account_id !== accountId) {
    return { code: 'reassigned', message: `item ${entry.itemId} is now leased to another reviewer` };
  }
  return null;
}

/**
 * Records one entry as its own transaction. The item row lock serialises decisions on the same
 * item; the primary key on the idempotency key turns a concurrent retry into 'duplicate'.
 */
export async function recordDecision(db: Db, accountId: string, entry: DecisionEntry): Promise<DecisionResult> {
  const key = entry.idempotencyKey;
  return db.transaction(async (tx) => {
    const [item] = await tx.query<ItemState>(
      `SELECT i.final_account_id, a.account_id AS lease_account_id,
              coalesce(i.lease_expires_at > now(), false) AS lease_active
       FROM items i LEFT JOIN assignments a ON a.id = i.lease_assignment_id
       WHERE i.id = $1 FOR UPDATE OF i`,
      [entry.itemId],
    );
    if (await isKnownKey(tx, key)) return { idempotencyKey: key, status: 'duplicate' };
    if (!item) return conflict(key, 'unknown_item', `item ${entry.itemId} does not exist`);
    const refused = await conflictFor(tx, accountId, entry, item);
    if (refused) return conflict(key, refused.code, refused.message);

    const inserted = await tx.query(
      `INSERT INTO decisions (idempotency_key, item_id, assignment_id, account_id, action, reason_code, note, decided_at, supersedes,
                              signals, handling_ms, viewing, workstation_id, chain_seq, chain_prev, chain_hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11, $12::jsonb, $13, $14, $15, $16)
       ON CONFLICT (idempotency_key) DO NOTHING RETURNING 1`,
      [
        key,
        entry.itemId,
        entry.assignmentId,
        accountId,
        entry.action,
        entry.reasonCode,
        entry.note,
        entry.decidedAt,
        entry.supersedes,
        entry.signals ? JSON.stringify(entry.signals) : null,
        entry.handlingMs ?? null,
        entry.viewing ? JSON.stringify(entry.viewing) : null,
        entry.chain?.workstationId ?? null,
        entry.chain?.seq ?? null,
        entry.chain?.prevHash ?? null,
        entry.chain?.hash ?? null,
      ],
    );
    if (inserted.length === 0) return { idempotencyKey: key, status: 'duplicate' };

    // Latest decision wins (corrections included); a skip as the latest word returns the item to the pool.
    await tx.query(
      `UPDATE items SET lease_assignment_id = NULL, lease_expires_at = NULL,
         final_account_id = (SELECT CASE WHEN d.action = 'skip' THEN NULL ELSE d.account_id END
                             FROM decisions d WHERE d.item_id = $1
                             ORDER BY d.decided_at DESC, d.received_at DESC LIMIT 1)
       WHERE id = $1`,
      [entry.itemId],
    );
    return { idempotencyKey: key, status: 'accepted' };
  });
}

export async function listDecisions(db: Db, filter: DecisionsQuery): Promise<DecisionRecord[]> {
  const rows = await db.query<{
    idempotency_key: string;
    item_id: string;
    assignment_id: string;
    account_id: string;
    action: DecisionAction;
    reason_code: string | null;
    note: string | null;
    decided_at: Date;
    received_at: Date;
    supersedes: string | null;
  }>(
    `SELECT * FROM decisions
     WHERE ($1::text IS NULL OR account_id = $1) AND ($2::text IS NULL OR item_id = $2)
     ORDER BY received_at DESC, idempotency_key LIMIT $3`,
    [filter.accountId ?? null, filter.itemId ?? null, filter.limit],
  );
  return rows.map((r) => ({
    idempotencyKey: r.idempotency_key,
    itemId: r.item_id,
    assignmentId: r.assignment_id,
    accountId: r.account_id,
    action: r.action,
    reasonCode: r.reason_code,
    note: r.note,
    decidedAt: r.decided_at.toISOString(),
    receivedAt: r.received_at.toISOString(),
    supersedes: r.supersedes,
  }));
}
