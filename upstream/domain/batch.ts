import type { BatchResult } from '@workstation/protocol';

export const conflict = <Code extends string>(
  idempotencyKey: string,
  code: Code,
  message: string,
): Extract<BatchResult<Code>, { status: 'conflict' }> => ({ idempotencyKey, status: 'conflict', conflict: { code, message } });

/** Entries run one after another, each in its own transaction, so a later one sees the earlier ones. */
export async function recordEach<Entry, Result>(entries: readonly Entry[], record: (entry: Entry) => Promise<Result>): Promise<Result[]> {
  const results: Result[] = [];
  for (const entry of entries) results.push(await record(entry));
  return results;
}

/** Id lists travel as one jsonb parameter, which PGlite and node-postgres both pass the same way. */
export const jsonList = (ids: readonly string[]): string => JSON.stringify(ids);
