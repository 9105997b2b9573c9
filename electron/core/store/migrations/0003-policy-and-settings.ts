import type { Migration } from './types';

/** The synced policy (reason codes) and small key/value state such as the last successful sync. */
export const migration: Migration = {
  version: 3,
  name: 'policy-and-settings',
  sql: `
    CREATE TABLE policy (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      version INTEGER NOT NULL,
      reason_codes TEXT NOT NULL,
      synced_at TEXT NOT NULL
    );
    CREATE TABLE settings (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL
    );
  `,
};
