import type { Migration } from './types';

/** Leased batches and their items, kept whole as the upstream sent them. */
export const migration: Migration = {
  version: 1,
  name: 'assignments-and-items',
  sql: `
    CREATE TABLE assignments (
      id TEXT PRIMARY KEY,
      account_id TEXT NOT NULL,
      leased_at TEXT NOT NULL,
      lease_expires_at TEXT NOT NULL
    );
    CREATE INDEX assignments_by_account ON assignments (account_id, leased_at);

    CREATE TABLE items (
      id TEXT NOT NULL,
      assignment_id TEXT NOT NULL REFERENCES assignments (id),
      position INTEGER NOT NULL,
      account_handle TEXT NOT NULL,
      platform_account_id TEXT NOT NULL,
      kind TEXT NOT NULL,
      payload TEXT NOT NULL,
      status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'decided', 'skipped')),
      PRIMARY KEY (assignment_id, id)
    );
    CREATE INDEX items_by_id ON items (id);

    CREATE TABLE media (
      sha256 TEXT PRIMARY KEY,
      mime_type TEXT NOT NULL,
      bytes BLOB NOT NULL,
      fetched_at TEXT NOT NULL
    );
  `,
};
