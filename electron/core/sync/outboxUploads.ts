import type { BatchResult } from '@workstation/protocol';
import type { z } from 'zod';
import type { OutboxEntry, Settlement, Store } from '../store';
import type { UpstreamClient } from './client';
import { UPLOADS } from './uploads';

export interface UploadDeps {
  store: Store;
  client: UpstreamClient;
  clock: () => Date;
  log: (line: string) => void;
}

/**
 * The payloads of a run, parsed with the schema the upstream checks them with. An entry that does
 * not pass is settled as a conflict at once, with a message saying so, instead of failing every
 * request it would be in.
 */
function readable<S extends z.ZodType>(deps: UploadDeps, run: readonly OutboxEntry[], schema: S): Array<z.output<S>> {
  const parsed = run.map((e) => ({ e, parsed: schema.safeParse(e.payload) }));
  const unreadable = parsed.flatMap(({ e, parsed: p }) => (p.success ? [] : [{ e, issue: p.error.issues[0] }]));
  if (unreadable.length > 0) {
    deps.log(
      `[sync] ${unreadable.length} outbox entries hold a payload the upstream would not take: ${unreadable.map(({ e }) => `${e.idempotencyKey} (${e.kind})`).join(', ')}; kept as conflicts`,
    );
    deps.store.settle(
      unreadable.map(({ e, issue }) => ({
        idempotencyKey: e.idempotencyKey,
        settlement: {
          state: 'conflict',
          code: 'unreadable_entry',
          message: `This queued ${e.kind} is not one the upstream takes (${issue?.path.join('.') || 'entry'}: ${issue?.message ?? 'invalid'}), so it was not uploaded; make it again.`,
        },
      })),
      deps.clock().toISOString(),
    );
  }
  return parsed.flatMap((p) => (p.parsed.success ? [p.parsed.data] : []));
}

function settlementOf(r: BatchResult): Settlement {
  return r.status === 'conflict' ? { state: 'conflict', code: r.conflict.code, message: r.conflict.message } : { state: r.status };
}

/**
 * Uploads one run of same-kind entries to its kind's endpoint and settles them with the answers.
 * Returns the answers; UpstreamError when the request failed (nothing is settled then).
 */
export async function uploadRun(deps: UploadDeps, token: string, run: readonly OutboxEntry[]): Promise<BatchResult[]> {
  const kind = run[0]?.kind;
  if (kind === undefined) return [];
  const upload = UPLOADS[kind];
  const entries = readable(deps, run, upload.schema);
  if (entries.length === 0) return [];
  const results = await upload.send(deps.client, token, entries);
  const at = deps.clock().toISOString();
  if (upload.settle) upload.settle(deps.store, results, settlementOf, at);
  else
    deps.store.settle(
      results.map((r) => ({ idempotencyKey: r.idempotencyKey, settlement: settlementOf(r) })),
      at,
    );
  return results;
}
