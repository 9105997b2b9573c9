import type { z } from 'zod';
import type { OutboxEntry, OutboxKind, Settlement, Store } from '../store';
import {
  actionUploadSchema,
  type BatchResult,
  decisionUploadSchema,
  reportUploadSchema,
  type UpstreamClient,
} from './upstreamClient';

export interface UploadDeps {
  store: Store;
  client: UpstreamClient;
  clock: () => Date;
  log: (line: string) => void;
}

/**
 * The payloads of a run, parsed for its endpoint. An entry this version cannot read is settled as
 * a conflict at once, with a message saying so, instead of failing every request it would be in.
 */
function readable<S extends z.ZodType>(deps: UploadDeps, run: readonly OutboxEntry[], schema: S): Array<z.output<S>> {
  const parsed = run.map((e) => ({ e, parsed: schema.safeParse(e.payload) }));
  const unreadable = parsed.filter((p) => !p.parsed.success).map(({ e }) => e);
  if (unreadable.length > 0) {
    deps.log(`[sync] ${unreadable.length} outbox entries hold a payload this version cannot upload: ${unreadable.map((e) => `${e.idempotencyKey} (${e.kind})`).join(', ')}; kept as conflicts`);
    deps.store.settle(
      unreadable.map((e) => ({
        idempotencyKey: e.idempotencyKey,
        settlement: { state: 'conflict', code: 'unreadable_entry', message: `This workstation cannot read this queued ${e.kind} any more, so it was not uploaded; make it again.` },
      })),
      deps.clock().toISOString(),
    );
  }
  return parsed.flatMap((p) => (p.parsed.success ? [p.parsed.data] : []));
}

function settlementOf(r: BatchResult, kind: OutboxKind): Settlement {
  if (r.status !== 'conflict') return { state: r.status };
  return { state: 'conflict', code: r.conflict?.code ?? 'conflict', message: r.conflict?.message ?? `The upstream refused this ${kind}` };
}

/**
 * Uploads one run of same-kind entries to its endpoint and settles them with the answers; report
 * answers also record the upstream's report id. Returns the answers; UpstreamError when the
 * request failed (nothing is settled then).
 */
export async function uploadRun(deps: UploadDeps, token: string, run: readonly OutboxEntry[]): Promise<BatchResult[]> {
  const kind = run[0]?.kind;
  const at = () => deps.clock().toISOString();
  const settled = (results: BatchResult[], k: OutboxKind) => {
    deps.store.settle(results.map((r) => ({ idempotencyKey: r.idempotencyKey, settlement: settlementOf(r, k) })), at());
    return results;
  };
  switch (kind) {
    case undefined:
      return [];
    case 'decision': {
      const entries = readable(deps, run, decisionUploadSchema);
      return entries.length === 0 ? [] : settled(await deps.client.uploadDecisions(token, entries), kind);
    }
    case 'action': {
      const entries = readable(deps, run, actionUploadSchema);
      return entries.length === 0 ? [] : settled(await deps.client.uploadActions(token, entries), kind);
    }
    case 'report': {
      const entries = readable(deps, run, reportUploadSchema);
      if (entries.length === 0) return [];
      const results = await deps.client.uploadReports(token, entries);
      deps.store.settleReportUploads(
        results.map((r) => ({
          idempotencyKey: r.idempotencyKey,
          settlement: settlementOf(r, kind),
          report: r.reportId === undefined ? null : { idempotencyKey: r.idempotencyKey, reportId: r.reportId, status: r.reportStatus ?? 'received' },
        })),
        at(),
      );
      return results;
    }
  }
}
