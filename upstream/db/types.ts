/** The one query interface the service uses; PGlite and node-postgres both sit behind it. */
export interface Db {
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Runs several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  /** Commits when fn resolves, rolls back when it throws. Nested calls use savepoints. */
  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export class DbError extends Error {
  override name = 'DbError';
}

/**
 * SQLSTATE class 22, data exception: the database cannot store a value as given (a NUL in text,
 * a number out of its column's range). PGlite and node-postgres both carry the SQLSTATE in `code`.
 */
export function isDataException(error: unknown): error is Error & { code: string } {
  return error instanceof Error && /^22[0-9A-Z]{3}$/.test(String((error as { code?: unknown }).code));
}
