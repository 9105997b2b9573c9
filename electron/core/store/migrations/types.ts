import type Database from 'better-sqlite3-multiple-ciphers';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
  /** Runs after sql in the same transaction: for backfills SQL alone cannot compute (a hash chain). */
  readonly backfill?: (db: Database.Database) => void;
}
