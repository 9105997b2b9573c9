import type { Migration } from './types';

/**
 * Hash banks: named, versioned sets of PDQ / SHA-256 / MD5 hashes with a policy category, kept
 * current by deltas from the upstream. The (kind, hash) index serves exact lookups.
 */
export const migration: Migration = {
  version: 4,
  name: 'hash-banks',
  sql: `
    CREATE TABLE hash_banks (
      name TEXT PRIMARY KEY,
      category TEXT NOT NULL,
      version INTEGER NOT NULL,
      updated_at TEXT NOT NULL
    );
    CREATE TABLE hash_bank_entries (
      bank TEXT NOT NULL REFERENCES hash_banks (name) ON DELETE CASCADE,
      entry_id TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('pdq', 'sha256', 'md5')),
      hash TEXT NOT NULL,
      PRIMARY KEY (bank, entry_id)
    );
    CREATE INDEX hash_bank_entries_by_hash ON hash_bank_entries (kind, hash);
  `,
};
