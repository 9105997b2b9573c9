import type { Migration } from './types';

/**
 * A decision and its outbox entry are written in one transaction, so nothing decided can exist
 * without a way to reach the upstream. The idempotency key is the decision's id: retries after a
 * lost reply are answered 'duplicate' by the upstream instead of counting twice.
 */
export const migration: Migration = {
  version: 2,
  name: 'decisions-and-outbox',
  sql: `
    CREATE TABLE decisions (
      id TEXT PRIMARY KEY,
      item_id TEXT NOT NULL,
      assignment_id TEXT NOT NULL,
      account_id TEXT NOT NULL,
      action TEXT NOT NULL CHECK (action IN ('approve', 'remove', 'escalate', 'skip')),
      reason_code TEXT,
      note TEXT,
      decided_at TEXT NOT NULL,
      undo_until TEXT NOT NULL,
      supersedes TEXT REFERENCES decisions (id),
      undone_at TEXT
    );
    CREATE INDEX decisions_by_item ON decisions (item_id, decided_at);

    CREATE TABLE outbox (
      idempotency_key TEXT PRIMARY KEY,
      kind TEXT NOT NULL,
      account_id TEXT NOT NULL,
      payload TEXT NOT NULL,
      created_at TEXT NOT NULL,
      not_before TEXT NOT NULL,
      next_attempt_at TEXT NOT NULL,
      attempts INTEGER NOT NULL DEFAULT 0,
      state TEXT NOT NULL DEFAULT 'pending'
        CHECK (state IN ('pending', 'accepted', 'duplicate', 'conflict', 'cancelled')),
      conflict_code TEXT,
      conflict_message TEXT,
      last_error TEXT,
      settled_at TEXT
    );
    CREATE INDEX outbox_due ON outbox (state, next_attempt_at);
  `,
};
