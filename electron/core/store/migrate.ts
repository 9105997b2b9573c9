import type Database from 'better-sqlite3-multiple-ciphers';
import { migrations, type Migration } from './migrations';

export class MigrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MigrationError';
  }
}

/** Applies every migration newer than the database's user_version, each in its own transaction. */
export function migrate(db: Database.Database, all: readonly Migration[] = migrations): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = all.at(-1)?.version ?? 0;
  if (current > latest) {
    throw new MigrationError(
      `The local database is at schema ${current}, newer than this app knows (${latest}). ` +
        'Update the workstation app, or move the data folder aside to start fresh.',
    );
  }
  let applied = 0;
  for (const m of all) {
    if (m.version <= current) continue;
    db.transaction(() => {
      db.exec(m.sql);
      m.backfill?.(db);
      db.pragma(`user_version = ${m.version}`);
    })();
    applied++;
  }
  return applied;
}
