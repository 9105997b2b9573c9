import type { Db } from './database';

/** What an entry carries, and so which upstream endpoint takes it: a supervisor's QA results and appeal outcomes, a day's wellness aggregates too. */
export type OutboxKind = 'decision' | 'action' | 'report' | 'qa' | 'appeal' | 'wellness';

export interface OutboxEntry {
  idempotencyKey: string;
  kind: OutboxKind;
  accountId: string;
  /** The review items the entry is about; its order is kept per item. None for a wellness aggregate. */
  itemIds: string[];
  payload: unknown;
  attempts: number;
  /** Uploads the upstream answered without taking the entry (a 5xx, an unusable reply). */
  failedAttempts: number;
}

export type Settlement = { state: 'accepted' | 'duplicate' } | { state: 'conflict'; code: string; message: string };

export interface OutboxConflict {
  idempotencyKey: string;
  kind: OutboxKind;
  itemIds: string[];
  code: string;
  message: string;
}

/** A pending entry the upstream keeps failing; it is still retried. */
export interface FailingEntry {
  idempotencyKey: string;
  kind: OutboxKind;
  itemIds: string[];
  failedAttempts: number;
  lastError: string | null;
  failingSince: string;
}

/** How a failed upload is retried. */
export interface Retry {
  at: string;
  nextAttemptAt: string;
  error: string;
  /** False when the failure says nothing about the entries (the network, rate limiting). */
  countsAgainstEntries: boolean;
}

interface RawEntry {
  idempotency_key: string;
  kind: OutboxKind;
  account_id: string;
  item_ids: string;
  payload: string;
  attempts: number;
  failed_attempts: number;
  due_at: string;
}

const itemIdsOf = (r: { item_ids: string }): string[] => JSON.parse(r.item_ids) as string[];

/**
 * The outbox writes other store modules make inside their own transactions, so a record and the
 * entry that carries it to the upstream are written together.
 */
export function outboxWrites(db: Db) {
  const insert = db.prepare(
    `INSERT INTO outbox (idempotency_key, kind, account_id, item_ids, payload, created_at, not_before, next_attempt_at)
     VALUES (@key, @kind, @accountId, @itemIds, @payload, @createdAt, @notBefore, @notBefore)`,
  );
  const settle = db.prepare(
    `UPDATE outbox SET state = @state, conflict_code = @code, conflict_message = @message, settled_at = @at,
       attempts = attempts + 1, last_error = NULL
     WHERE idempotency_key = @key AND state = 'pending'`,
  );
  const cancel = db.prepare(`UPDATE outbox SET state = 'cancelled', settled_at = ? WHERE idempotency_key = ? AND state = 'pending'`);
  return {
    /** Queues an entry about `itemIds` that may leave from notBefore on. */
    enqueue(e: {
      key: string;
      kind: OutboxKind;
      accountId: string;
      itemIds: readonly string[];
      payload: unknown;
      createdAt: string;
      notBefore: string;
    }): void {
      insert.run({ ...e, itemIds: JSON.stringify([...new Set(e.itemIds)]), payload: JSON.stringify(e.payload) });
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
    /** Takes back an entry that has not been settled; false when it already was. */
    cancel(idempotencyKey: string, at: string): boolean {
      return cancel.run(at, idempotencyKey).changes === 1;
    },
  };
}

/**
 * The queue of writes waiting for the upstream. Entries leave only by an upstream answer or an
 * undo. Order is kept per review item: an entry never leaves before an older pending entry about
 * one of its items, but entries about other items do not wait for it.
 */
export function outboxQueries(db: Db) {
  const writes = outboxWrites(db);
  const pendingInOrder = db.prepare(
    `SELECT idempotency_key, kind, account_id, item_ids, payload, attempts, failed_attempts,
       max(not_before, next_attempt_at) AS due_at
     FROM outbox WHERE account_id = ? AND state = 'pending'
     ORDER BY created_at, rowid`,
  );
  const retry = db.prepare(
    `UPDATE outbox SET attempts = attempts + 1, next_attempt_at = @nextAttemptAt, last_error = @error,
       failed_attempts = failed_attempts + @counts,
       failing_since = CASE WHEN @counts = 1 THEN coalesce(failing_since, @at) ELSE failing_since END
     WHERE idempotency_key = @key AND state = 'pending'`,
  );
  const pending = db.prepare(`SELECT count(*) AS n FROM outbox WHERE state = 'pending' AND account_id = ?`);
  const conflicts = db.prepare(
    `SELECT idempotency_key, kind, item_ids, conflict_code, conflict_message
     FROM outbox WHERE state = 'conflict' AND account_id = ? ORDER BY settled_at DESC`,
  );
  const failing = db.prepare(
    `SELECT idempotency_key, kind, item_ids, failed_attempts, last_error, failing_since
     FROM outbox WHERE state = 'pending' AND account_id = ? AND failed_attempts >= ?
     ORDER BY failing_since, rowid`,
  );

  const inOrder = (accountId: string) => pendingInOrder.iterate(accountId) as IterableIterator<RawEntry>;
  const stateOf = db.prepare(`SELECT state FROM outbox WHERE idempotency_key = ?`);

  return {
    /** Where one entry stands: pending, accepted, duplicate, conflict or cancelled; null when there is none. */
    outboxState(idempotencyKey: string): string | null {
      return (stateOf.get(idempotencyKey) as { state: string } | undefined)?.state ?? null;
    },
    /**
     * Pending entries that may leave now, oldest first, up to limit: due themselves, and not
     * behind an older pending entry about one of their items that is not (a decision inside its
     * undo window, an entry waiting out a backoff). A correction never reaches the upstream
     * before the decision it corrects; a failing entry holds back only its own items.
     */
    dueEntries(accountId: string, now: string, limit: number): OutboxEntry[] {
      const waiting = new Set<string>();
      const due: OutboxEntry[] = [];
      for (const r of inOrder(accountId)) {
        if (due.length === limit) break;
        const itemIds = itemIdsOf(r);
        if (r.due_at > now || itemIds.some((id) => waiting.has(id))) {
          for (const id of itemIds) waiting.add(id);
          continue;
        }
        due.push({
          idempotencyKey: r.idempotency_key,
          kind: r.kind,
          accountId: r.account_id,
          itemIds,
          payload: JSON.parse(r.payload) as unknown,
          attempts: r.attempts,
          failedAttempts: r.failed_attempts,
        });
      }
      return due;
    },
    settle(results: ReadonlyArray<{ idempotencyKey: string; settlement: Settlement }>, at: string): void {
      db.transaction(() => {
        for (const { idempotencyKey, settlement } of results) writes.settle(idempotencyKey, settlement, at);
      })();
    },
    /** Puts failed entries back for another attempt at nextAttemptAt, with the error they met. */
    scheduleRetry(keys: readonly string[], r: Retry): void {
      db.transaction(() => {
        for (const key of keys) retry.run({ key, nextAttemptAt: r.nextAttemptAt, error: r.error, counts: r.countsAgainstEntries ? 1 : 0, at: r.at });
      })();
    },
    pendingCount(accountId: string): number {
      return (pending.get(accountId) as { n: number }).n;
    },
    /**
     * When the next entry may leave (no later than now if one may leave already), or null when
     * nothing is pending: the earliest due time of the entries no older pending entry holds back,
     * since every other entry waits for one of those. Stops at the first such entry that is due,
     * so the usual case (the oldest entry may leave) reads one row.
     */
    nextDueAt(accountId: string, now: string): string | null {
      const seen = new Set<string>();
      let next: string | null = null;
      for (const r of inOrder(accountId)) {
        const itemIds = itemIdsOf(r);
        if (!itemIds.some((id) => seen.has(id)) && (next === null || r.due_at < next)) next = r.due_at;
        if (next !== null && next <= now) break;
        for (const id of itemIds) seen.add(id);
      }
      return next;
    },
    conflicts(accountId: string): OutboxConflict[] {
      return (conflicts.all(accountId) as Array<RawEntry & { conflict_code: string; conflict_message: string }>).map((r) => ({
        idempotencyKey: r.idempotency_key,
        kind: r.kind,
        itemIds: itemIdsOf(r),
        code: r.conflict_code,
        message: r.conflict_message,
      }));
    },
    /** Pending entries with at least minFailedAttempts failed uploads, longest failing first. */
    failingEntries(accountId: string, minFailedAttempts: number): FailingEntry[] {
      return (failing.all(accountId, minFailedAttempts) as Array<RawEntry & { last_error: string | null; failing_since: string }>).map((r) => ({
        idempotencyKey: r.idempotency_key,
        kind: r.kind,
        itemIds: itemIdsOf(r),
        failedAttempts: r.failed_attempts,
        lastError: r.last_error,
        failingSince: r.failing_since,
      }));
    },
  };
}
