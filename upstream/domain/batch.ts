/** Why an entry of a batch upload was refused; the client settles the entry and shows the message. */
export interface Conflict<Code extends string> {
  code: Code;
  message: string;
}

/**
 * The per-entry answer every batch upload gives: accepted, duplicate (a known idempotency key,
 * nothing written) or conflict. `Extra` is what accepted and duplicate answers also carry.
 */
export type EntryResult<Code extends string, Extra extends object = object> =
  | ({ idempotencyKey: string; status: 'accepted' | 'duplicate' } & Extra)
  | ConflictResult<Code>;

export interface ConflictResult<Code extends string> {
  idempotencyKey: string;
  status: 'conflict';
  conflict: Conflict<Code>;
}

export const conflict = <Code extends string>(idempotencyKey: string, code: Code, message: string): ConflictResult<Code> =>
  ({ idempotencyKey, status: 'conflict', conflict: { code, message } });

/** Entries run one after another, each in its own transaction, so a later one sees the earlier ones. */
export async function recordEach<Entry, Result>(entries: readonly Entry[], record: (entry: Entry) => Promise<Result>): Promise<Result[]> {
  const results: Result[] = [];
  for (const entry of entries) results.push(await record(entry));
  return results;
}

/** Id lists travel as one jsonb parameter, which PGlite and node-postgres both pass the same way. */
export const jsonList = (ids: readonly string[]): string => JSON.stringify(ids);
