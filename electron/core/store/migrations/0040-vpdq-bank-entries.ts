import type { Migration } from './types';

/**
 * Hash banks hold vPDQ video hashes too (kind 'vpdq': 66 hex digits per frame). SQLite cannot
 * alter a CHECK constraint, so the entries table is rebuilt with the wider one. A vPDQ hash runs
 * to hundreds of kilobytes and is only ever matched in memory, so the (kind, hash) index leaves
 * it out.
 */
export const migration: Migration = {
  version: 40,
  name: 'vpdq-bank-entries',
  sql: `
    CREATE TABLE hash_bank_entries_with_vpdq (
      bank TEXT NOT NULL REFERENCES hash_banks (name) ON DELETE CASCADE,
      entry_id TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('pdq', 'sha256', 'md5', 'vpdq')),
      hash TEXT NOT NULL,
      PRIMARY KEY (bank, entry_id)
    );
    INSERT INTO hash_bank_entries_with_vpdq (bank, entry_id, kind, hash) SELECT bank, entry_id, kind, hash FROM hash_bank_entries;
    DROP TABLE hash_bank_entries;
    ALTER TABLE hash_bank_entries_with_vpdq RENAME TO hash_bank_entries;
    CREATE INDEX hash_bank_entries_by_hash ON hash_bank_entries (kind, hash) WHERE kind <> 'vpdq';
  `,
};
