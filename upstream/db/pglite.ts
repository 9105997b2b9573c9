import { PGlite, type Transaction } from '@electric-sql/pglite';
import { withSavepoint } from './savepoint';
import { DbError, type Db } from './types';

type PgliteSession = Pick<Transaction, 'query' | 'exec'>;

function sessionDb(session: PgliteSession): Db {
  const db: Db = {
    async query<T>(sql: string, params: unknown[] = []) {
      return (await session.query<T>(sql, params)).rows;
    },
    async exec(sql: string) {
      await session.exec(sql);
    },
    transaction: (fn) => withSavepoint(db, fn),
    async close() {
      throw new DbError('close() was called on a transaction; close the database it came from instead');
    },
  };
  return db;
}

/**
 * Embedded Postgres. PGlite is one session: its own mutex queues every query behind an open
 * transaction, so transactions here are serialised rather than concurrent.
 */
export async function openPglite(dataDir?: string): Promise<Db> {
  const pglite = await PGlite.create(dataDir ? { dataDir } : {});
  const root = sessionDb(pglite);
  return {
    query: root.query,
    exec: root.exec,
    transaction: (fn) => pglite.transaction((tx) => fn(sessionDb(tx))),
    close: () => pglite.close(),
  };
}
