import pg from 'pg';
import { withSavepoint } from './savepoint';
import { DbError, type Db } from './types';

// int8 (count(*), bigint columns) as a JS number: our counts stay far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

function clientDb(client: pg.PoolClient): Db {
  const db: Db = {
    async query<T>(sql: string, params: unknown[] = []) {
      return (await client.query(sql, params)).rows as T[];
    },
    async exec(sql: string) {
      await client.query(sql);
    },
    transaction: (fn) => withSavepoint(db, fn),
    async close() {
      throw new DbError('close() was called on a transaction; close the database it came from instead');
    },
  };
  return db;
}

/** Real Postgres through a node-postgres pool; each transaction holds one pooled connection. */
export async function openPostgres(databaseUrl: string): Promise<Db> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  try {
    await pool.query('SELECT 1');
  } catch (error) {
    await pool.end();
    throw new DbError(`cannot connect to Postgres at DATABASE_URL (${(error as Error).message}); check the URL and that the server is running`);
  }
  return {
    async query<T>(sql: string, params: unknown[] = []) {
      return (await pool.query(sql, params)).rows as T[];
    },
    async exec(sql: string) {
      await pool.query(sql);
    },
    async transaction<T>(fn: (tx: Db) => Promise<T>) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(clientDb(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
