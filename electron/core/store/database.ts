import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { migrate } from './migrate';

export type Db = Database.Database;

/**
 * Opens (creating if needed) the workstation database. WAL keeps readers off the writer's back;
 * synchronous=FULL because a decision acknowledged to the moderator must survive a power cut.
 */
export function openDatabase(file: string): Db {
  if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  try {
    migrate(db);
  } catch (error) {
    // A refused or half-migrated file must not stay open: it would keep its WAL and lock until GC.
    db.close();
    throw error;
  }
  return db;
}
