import {
  enforcementActionSchema,
  type BatchResult,
  type EnforcementEntry,
  type EnforcementParams,
  type EnforcementQuery,
  type EnforcementRecord,
} from '@workstation/protocol';
import type { Db } from '../db';
import { conflict, jsonList } from './batch';
import { itemsNeverAssignedTo } from './items';

export type EnforcementConflictCode = 'unknown_item' | 'unknown_account' | 'bad_reason_code' | 'action_not_allowed' | 'already_actioned';
export type EnforcementResult = BatchResult<EnforcementConflictCode>;

const ENFORCEMENT_ACTIONS: ReadonlySet<string> = new Set(enforcementActionSchema.options);

async function isKnownKey(tx: Db, key: string): Promise<boolean> {
  return (await tx.query('SELECT 1 FROM enforcement_actions WHERE idempotency_key = $1', [key])).length > 0;
}

/**
 * Records one entry in its own transaction. Item rows (in id order) and then the account row are
 * locked first, so two actions on the same content or account serialise without deadlocking and a
 * concurrent retry finds the key already written.
 */
export async function recordEnforcementAction(db: Db, moderatorId: string, entry: EnforcementEntry): Promise<EnforcementResult> {
  const key = entry.idempotencyKey;
  return db.transaction(async (tx) => {
    const items = await tx.query<{ id: string; removed_by_action: string | null }>(
      `SELECT id, removed_by_action FROM items WHERE id IN (SELECT jsonb_array_elements_text($1::jsonb)) ORDER BY id FOR UPDATE`,
      [jsonList(entry.itemIds)],
    );
    const [account] = entry.accountId
      ? await tx.query<{ terminated_by_action: string | null }>('SELECT terminated_by_action FROM platform_accounts WHERE id = $1 FOR UPDATE', [
          entry.accountId,
        ])
      : [];
    if (await isKnownKey(tx, key)) return { idempotencyKey: key, status: 'duplicate' };

    const foreign = await itemsNeverAssignedTo(tx, moderatorId, entry.itemIds);
    if (foreign.length > 0) return conflict(key, 'unknown_item', `items ${foreign.join(', ')} do not exist or were never assigned to you`);
    if (entry.accountId && !account) return conflict(key, 'unknown_account', `platform account ${entry.accountId} does not exist`);

    const [reason] = await tx.query<{ actions: string[] }>('SELECT actions FROM reason_codes WHERE code = $1', [entry.reasonCode]);
    if (!reason) return conflict(key, 'bad_reason_code', `reason code ${entry.reasonCode} is not in the current policy`);
    if (!reason.actions.includes(entry.action)) {
      const allowed = reason.actions.filter((a) => ENFORCEMENT_ACTIONS.has(a)).join(', ');
      return conflict(key, 'action_not_allowed', `${entry.reasonCode} does not allow ${entry.action}; it allows ${allowed}`);
    }

    // Removed content and terminated accounts are final: anything further on them changes nothing.
    const removed = items.filter((i) => i.removed_by_action !== null).map((i) => i.id);
    if (entry.kind === 'content' && removed.length > 0) return conflict(key, 'already_actioned', `items ${removed.join(', ')} are already removed`);
    if (entry.kind === 'account' && account?.terminated_by_action) {
      return conflict(key, 'already_actioned', `platform account ${entry.accountId} is already terminated`);
    }

    const inserted = await tx.query(
      `INSERT INTO enforcement_actions (idempotency_key, account_id, kind, action, item_ids, platform_account_id, reason_code, params, decided_at)
       VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8::jsonb, $9)
       ON CONFLICT (idempotency_key) DO NOTHING RETURNING 1`,
      [
        key,
        moderatorId,
        entry.kind,
        entry.action,
        jsonList(entry.itemIds),
        entry.accountId ?? null,
        entry.reasonCode,
        JSON.stringify(entry.params),
        entry.decidedAt,
      ],
    );
    if (inserted.length === 0) return { idempotencyKey: key, status: 'duplicate' };
    await tx.query(`INSERT INTO enforcement_action_items (idempotency_key, item_id) SELECT $1, value FROM jsonb_array_elements_text($2::jsonb)`, [
      key,
      jsonList([...new Set(entry.itemIds)]),
    ]);
    if (entry.action === 'remove_content') {
      await tx.query('UPDATE items SET removed_by_action = $1 WHERE id IN (SELECT jsonb_array_elements_text($2::jsonb))', [
        key,
        jsonList(entry.itemIds),
      ]);
    }
    if (entry.action === 'terminate_account') {
      await tx.query('UPDATE platform_accounts SET terminated_by_action = $1 WHERE id = $2', [key, entry.accountId]);
    }
    return { idempotencyKey: key, status: 'accepted' };
  });
}

export async function listEnforcementActions(db: Db, filter: EnforcementQuery): Promise<EnforcementRecord[]> {
  const rows = await db.query<{
    idempotency_key: string;
    kind: EnforcementRecord['kind'];
    action: EnforcementRecord['action'];
    item_ids: string[];
    platform_account_id: string | null;
    reason_code: string;
    params: EnforcementParams;
    decided_at: Date;
    account_id: string;
    received_at: Date;
  }>(
    `SELECT * FROM enforcement_actions e
     WHERE ($1::text IS NULL OR EXISTS (SELECT 1 FROM enforcement_action_items x WHERE x.item_id = $1 AND x.idempotency_key = e.idempotency_key))
       AND ($2::text IS NULL OR e.platform_account_id = $2)
     ORDER BY e.received_at DESC, e.idempotency_key LIMIT $3`,
    [filter.itemId ?? null, filter.accountId ?? null, filter.limit],
  );
  return rows.map((r) => ({
    idempotencyKey: r.idempotency_key,
    kind: r.kind,
    action: r.action,
    itemIds: r.item_ids,
    accountId: r.platform_account_id,
    reasonCode: r.reason_code,
    params: r.params,
    decidedAt: r.decided_at.toISOString(),
    moderatorId: r.account_id,
    receivedAt: r.received_at.toISOString(),
  }));
}
