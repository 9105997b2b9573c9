/**
 * The workstation's database is encrypted under a key kept in its Platform keychain; tests that
 * look inside the file (what was written, what the outbox holds) open it with that key.
 */
import Database from 'better-sqlite3-multiple-ciphers';
import { STORE_ROOT_KEY } from '../../electron/core';
import type { Keychain } from '../../electron/core/platform';
import { openStore, type Store } from '../../electron/core/store';
import { deriveStoreKeys } from '../../electron/core/store/keys';

/** The root key a core started with this keychain made or found. */
export async function storeRootKeyOf(keychain: Keychain): Promise<string> {
  const key = await keychain.get(STORE_ROOT_KEY);
  if (!key) throw new Error('This keychain holds no workstation root key: was a core ever started with it?');
  return key;
}

/** A connection to the workstation's database, read-only unless a test must tamper with it. */
export function openDbFile(file: string, rootKey: string, options: { writable?: boolean } = {}): Database.Database {
  const db = new Database(file, { readonly: !options.writable });
  db.pragma(`cipher = 'sqlcipher'`);
  db.pragma('legacy = 4');
  db.pragma(`key = "x'${deriveStoreKeys(rootKey).database}'"`);
  return db;
}

/** The store over the workstation's file, as core opens it, for tests that write past the API. */
export function openStoreFile(file: string, rootKey: string): Store {
  return openStore(file, { rootKey });
}

/** Rows of a query, through a connection opened and closed for the purpose. */
export function readRows<T>(file: string, rootKey: string, sql: string, ...params: unknown[]): T[] {
  const db = openDbFile(file, rootKey);
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

/** The number of rows in each table. */
export function rowCounts(file: string, rootKey: string, tables: readonly string[]): Record<string, number> {
  return Object.fromEntries(tables.map((table) => [table, readRows<{ n: number }>(file, rootKey, `SELECT count(*) AS n FROM ${table}`)[0]!.n]));
}
