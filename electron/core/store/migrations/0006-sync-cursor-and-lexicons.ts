import type { Migration } from './types';

/**
 * What the delta sync keeps besides policy and banks: the cursor into the upstream's change log,
 * each locale's synced red-flag lexicon, and each bank's display name. The display name is part
 * of the bank's checksummed form (openapi.yaml, Checksums), so without it a bank cannot be verified.
 */
export const migration: Migration = {
  version: 6,
  name: 'sync-cursor-and-lexicons',
  sql: `
    CREATE TABLE sync_cursor (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      cursor TEXT NOT NULL,
      stored_at TEXT NOT NULL
    );
    CREATE TABLE lexicons (
      locale TEXT PRIMARY KEY,
      version INTEGER NOT NULL,
      updated_at TEXT NOT NULL,
      entries TEXT NOT NULL
    );
    CREATE TABLE hash_bank_display_names (
      bank TEXT PRIMARY KEY REFERENCES hash_banks (name) ON DELETE CASCADE,
      display_name TEXT NOT NULL
    );
  `,
};
