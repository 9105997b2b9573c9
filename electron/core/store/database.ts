import Database from 'better-sqlite3-multiple-ciphers';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { migrate } from './migrate';

export type Db = Database.Database;

/** 256 bits as 64 hex digits: SQLCipher's raw-key form, so no key derivation runs at every open. */
const KEY_PATTERN = /^[0-9a-f]{64}$/;

class StoreKeyError extends Error {
  override name = 'StoreKeyError';
}

/**
 * An existing database opened read-only and unmigrated, under its key when it has one, for checks
 * run from outside the app (npm run audit:verify): nothing they do can change the file they check.
 */
export function openDatabaseReadOnly(file: string, key?: string): Db {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  if (key !== undefined) keyWith(db, key);
  if (!readable(db)) {
    db.close();
    throw new StoreKeyError(`${file} cannot be read${key === undefined ? ' without its key' : ' with this key'}.`);
  }
  return db;
}

function keyWith(db: Db, key: string): void {
  db.pragma(`cipher = 'sqlcipher'`);
  db.pragma('legacy = 4');
  db.pragma(`key = "x'${key}'"`);
}

/** Reads a page: with a wrong key (or a plain file under a key) SQLite says "file is not a database" here. */
function readable(db: Db): boolean {
  try {
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    return true;
  } catch {
    return false;
  }
}

/**
 * A workstation database from before encryption is encrypted in place, once: it holds reported
 * people's messages, which must not stay readable to whoever copies the file.
 */
function encryptPlainFile(file: string, key: string): void {
  const plain = new Database(file);
  try {
    if (!readable(plain))
      throw new StoreKeyError(`${file} opens neither with this workstation's key nor without one: it is damaged or another machine's.`);
    // SQLCipher re-keys page by page through the rollback journal, so leave WAL for it first.
    plain.pragma('journal_mode = DELETE');
    plain.pragma(`cipher = 'sqlcipher'`);
    plain.pragma('legacy = 4');
    plain.pragma(`rekey = "x'${key}'"`);
  } finally {
    plain.close();
  }
}

/**
 * Opens (creating if needed) the workstation database, encrypted with SQLCipher under `key` when
 * one is given (the workstation always gives one; store unit tests may not). WAL keeps readers off
 * the writer's back; synchronous=FULL because a decision acknowledged to the moderator must
 * survive a power cut.
 */
export function openDatabase(file: string, key?: string): Db {
  if (key !== undefined && !KEY_PATTERN.test(key)) throw new StoreKeyError('The database key must be 64 lowercase hex digits.');
  if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
  const existed = file !== ':memory:' && existsSync(file);
  let db = new Database(file);
  if (key !== undefined) {
    keyWith(db, key);
    if (existed && !readable(db)) {
      db.close();
      encryptPlainFile(file, key);
      db = new Database(file);
      keyWith(db, key);
      if (!readable(db)) {
        db.close();
        throw new StoreKeyError(`${file} cannot be read with this workstation's key: the key in the keychain does not belong to this database.`);
      }
    }
  }
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

/** Re-keys an open encrypted database (npm run db:rotate-key). */
export function rekeyDatabase(db: Db, newKey: string): void {
  if (!KEY_PATTERN.test(newKey)) throw new StoreKeyError('The new database key must be 64 lowercase hex digits.');
  db.pragma('journal_mode = DELETE');
  db.pragma(`rekey = "x'${newKey}'"`);
  db.pragma('journal_mode = WAL');
}
