import { openPglite } from './pglite';
import { openPostgres } from './postgres';
import type { Db } from './types';

export type { Db } from './types';
export { DbError, isDataException } from './types';
export { migrate, loadMigrations, type Migration } from './migrate';

export interface DbOptions {
  /** When set, a node-postgres pool on this URL; otherwise embedded PGlite. */
  databaseUrl?: string;
  /** PGlite data directory; in-memory when absent. Ignored with databaseUrl. */
  dataDir?: string;
}

export function openDb(options: DbOptions = {}): Promise<Db> {
  return options.databaseUrl ? openPostgres(options.databaseUrl) : openPglite(options.dataDir);
}
