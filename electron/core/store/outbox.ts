import type { Db } from './database';

/** What an entry carries, and so which upstream endpoint takes it. */
export type OutboxKind = 'decision' | 'action' | 'report';

export interface OutboxEntry {
  idempotencyKey: string;
  kind: OutboxKind;
  accountId: string;
  payload: unknown;
  attempts: number;
}

export type Settlement =
  | { state: 'accepted' | 'duplicate' }
  | { state: 'conflict'; code: string; message: string };

export interface OutboxConflict {
  idempotencyKey: string;
  kind: OutboxKind;
  code: string;
  message: string;
  payload: unknown;
}

interface RawEntry {
  idempotency_key: string;
  kind: OutboxKind;
  account_id: string;
  payload: string;
  attempts: number;
}

/**
 * The outbox writes other store modules make inside their own transactions, so a record and the
 * entry that carries it to the upstream are written together.
 */
export function outboxWrites(db: Db) {
  const insert = db.prepare(
    `INSERT INTO outbox (idempotency_key, kind, account_id, payload, created_at, not_before, next_attempt_at)
     VALUES (@key, @kind, @accountId, @payload, @createdAt, @notBefore, @notBefore)`,
  );
  const settle = db.prepare(
    `UPDATE outbox SET state = @state, conflict_code = @code, conflict_message = @message, settled_at = @at,
       attempts = attempts + 1, last_error = NULL
     WHERE idempotency_key = @key AND state = 'pending'`,
  );
  return {
    /** Queues an entry that may leave from notBefore on. */
    enqueue(e: { key: string; kind: OutboxKind; accountId: string; payload: unknown; createdAt: string; notBefore: string }): void {
      insert.run({ ...e, payload: JSON.stringify(e.payload) });
    },
    settle(idempotencyKey: string, settlement: Settlement, at: string): void {
      settle.run({
        key: idempotencyKey,
        state: settlement.state,
        code: settlement.state === 'conflict' ? settlement.code : null,
        message: settlement.state === 'conflict' ? settlement.message : null,
        at,
      });
    },
  };
}

/** The queue of writes waiting for the upstream. Entries leave only by an upstream answer or an undo. */
export function outboxQueries(db: Db) {
  const writes = outboxWrites(db);
  const head = db.prepare(
    `SELECT idempotency_key, kind, account_id, payload, attempts, not_before, next_attempt_at FROM outbox
     WHERE state = 'pending' AND account_id = ?
     ORDER BY created_at, rowid LIMIT ?`,
  );
  const retry = db.prepare(
    `UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ?
     WHERE idempotency_key = ? AND state = 'pending'`,
  );
  const pending = db.prepare(`SELECT count(*) AS n FROM outbox WHERE state = 'pending' AND account_id = ?`);
  const nextDue = db.prepare(
    `SELECT max(not_before, next_attempt_at) AS at FROM outbox WHERE state = 'pending' AND account_id = ?
     ORDER BY created_at, rowid LIMIT 1`,
  );
  const conflicts = db.prepare(
    `SELECT idempotency_key AS idempotencyKey, kind, conflict_code AS code, conflict_message AS message, payload
     FROM outbox WHERE state = 'conflict' AND account_id = ? ORDER BY settled_at DESC`,
  );

  return {
    /**
     * The oldest pending entries, in the order they were made, up to the first one not yet due.
     * Nothing overtakes an older entry waiting out a backoff: a correction must not reach the
     * upstream before the decision it corrects.
     */
    dueEntries(accountId: string, now: string, limit: number): OutboxEntry[] {
      const rows = head.all(accountId, limit) as Array<RawEntry & { not_before: string; next_attempt_at: string }>;
      const waiting = rows.findIndex((r) => r.not_before > now || r.next_attempt_at > now);
      return (waiting === -1 ? rows : rows.slice(0, waiting)).map((r) => ({
        idempotencyKey: r.idempotency_key,
        kind: r.kind,
        accountId: r.account_id,
        payload: JSON.parse(r.payload) as unknown,
        attempts: r.attempts,
      }));
    },
    settle(results: ReadonlyArray<{ idempotencyKey: string; settlement: Settlement }>, at: string): void {
      db.transaction(() => {
        for (const { idempotencyKey, settlement } of results) writes.settle(idempotencyKey, settlement, at);
      })();
    },
    scheduleRetry(keys: readonly string[], nextAttemptAt: string, error: string): void {
      db.transaction(() => {
        for (const key of keys) retry.run(nextAttemptAt, error, key);
      })();
    },
    pendingCount(accountId: string): number {
      return (pending.get(accountId) as { n: number }).n;
    },
    /** When the oldest pending entry (the one everything else waits behind) becomes due, or null when nothing is pending. */
    nextDueAt(accountId: string): string | null {
      return (nextDue.get(accountId) as { at: string } | undefined)?.at ?? null;
    },
    conflicts(accountId: string): OutboxConflict[] {
      return (conflicts.all(accountId) as Array<Omit<OutboxConflict, 'payload'> & { payload: string }>).map((r) => ({
        ...r,
        payload: JSON.parse(r.payload) as unknown,
      }));
    },
  };
}
