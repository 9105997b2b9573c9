import type { EnforcementAction, EnforcementParams } from '@workstation/protocol';
import type { Db } from './database';
import { outboxWrites } from './outbox';

export interface ActionRecord {
  id: string;
  /** The moderator who applied it. */
  accountId: string;
  kind: 'content' | 'account';
  action: EnforcementAction;
  itemIds: string[];
  platformAccountId: string | null;
  reasonCode: string;
  params: EnforcementParams;
  note: string | null;
  decidedAt: string;
  /** The escalation whose submission mandated it, if any. */
  escalationId: string | null;
}

export interface StoredAction extends ActionRecord {
  upload: 'queued' | 'uploaded' | 'conflict';
  conflict: { code: string; message: string } | null;
}

interface RawAction {
  id: string;
  account_id: string;
  kind: 'content' | 'account';
  action: EnforcementAction;
  item_ids: string;
  platform_account_id: string | null;
  reason_code: string;
  params: string;
  note: string | null;
  decided_at: string;
  escalation_id: string | null;
  outbox_state: string | null;
  conflict_code: string | null;
  conflict_message: string | null;
}

function toStored(r: RawAction): StoredAction {
  const upload = r.outbox_state === 'accepted' || r.outbox_state === 'duplicate' ? 'uploaded' : r.outbox_state === 'conflict' ? 'conflict' : 'queued';
  return {
    id: r.id,
    accountId: r.account_id,
    kind: r.kind,
    action: r.action,
    itemIds: JSON.parse(r.item_ids) as string[],
    platformAccountId: r.platform_account_id,
    reasonCode: r.reason_code,
    params: JSON.parse(r.params) as EnforcementParams,
    note: r.note,
    decidedAt: r.decided_at,
    escalationId: r.escalation_id,
    upload,
    conflict: upload === 'conflict' ? { code: r.conflict_code ?? 'conflict', message: r.conflict_message ?? '' } : null,
  };
}

/** Enforcement actions and their outbox entries (kind 'action'), always written together. */
export function enforcementActionQueries(db: Db) {
  const outbox = outboxWrites(db);
  const insert = db.prepare(
    `INSERT INTO enforcement_actions (id, account_id, kind, action, item_ids, platform_account_id, reason_code, params, note, decided_at, escalation_id)
     VALUES (@id, @accountId, @kind, @action, @itemIds, @platformAccountId, @reasonCode, @params, @note, @decidedAt, @escalationId)`,
  );
  const byId = db.prepare(
    `SELECT a.*, o.state AS outbox_state, o.conflict_code, o.conflict_message
     FROM enforcement_actions a LEFT JOIN outbox o ON o.idempotency_key = a.id WHERE a.id = ?`,
  );

  return {
    /** Records the action and queues its upload (actions have no undo window), all or nothing. */
    recordAction(a: ActionRecord, uploadPayload: unknown): void {
      db.transaction(() => {
        insert.run({ ...a, itemIds: JSON.stringify(a.itemIds), params: JSON.stringify(a.params) });
        outbox.enqueue({
          key: a.id,
          kind: 'action',
          accountId: a.accountId,
          itemIds: a.itemIds,
          payload: uploadPayload,
          createdAt: a.decidedAt,
          notBefore: a.decidedAt,
        });
      })();
    },
    action(id: string): StoredAction | null {
      const r = byId.get(id) as RawAction | undefined;
      return r ? toStored(r) : null;
    },
  };
}
