import type { z } from 'zod';
import type { OutboxEntry, OutboxKind, Settlement, Store } from '../store';
import {
  actionUploadSchema,
  type BatchResult,
  decisionUploadSchema,
  reportUploadSchema,
  type UpstreamClient,
} from './upstreamClient';

/** Per request, within the upstream's batch limits (reports: 50, decisions and actions: 500). */
const MAX_PER_REQUEST: Record<OutboxKind, number> = { decision: 500, action: 500, report: 50 };

/**
 * The oldest due entries of one kind, in creation order, up to the first entry of another kind:
 * each kind has its own endpoint, and nothing may overtake an older entry of another kind.
 */
export function leadingRun(entries: readonly OutboxEntry[]): OutboxEntry[] {
  const kind = entries[0]?.kind;
  const end = entries.findIndex((e) => e.kind !== kind);
  return entries.slice(0, end === -1 ? entries.length : end).slice(0, kind ? MAX_PER_REQUEST[kind] : 0);
}

function payloads<S extends z.ZodType>(run: readonly OutboxEntry[], schema: S): Array<z.output<S>> {
  return run.map((e) => {
    const parsed = schema.safeParse(e.payload);
    if (!parsed.success) throw new Error(`Outbox entry ${e.idempotencyKey} (${e.kind}) holds a payload this version cannot upload`);
    return parsed.data;
  });
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
export async function uploadRun(deps: { store: Store; client: UpstreamClient; clock: () => Date }, token: string, run: readonly OutboxEntry[]): Promise<BatchResult[]> {
  const kind = run[0]?.kind;
  if (!kind) return [];
  const at = () => deps.clock().toISOString();
  switch (kind) {
    case 'decision': {
      const results = await deps.client.uploadDecisions(token, payloads(run, decisionUploadSchema));
      deps.store.settle(results.map((r) => ({ idempotencyKey: r.idempotencyKey, settlement: settlementOf(r, kind) })), at());
      return results;
    }
    case 'action': {
      const results = await deps.client.uploadActions(token, payloads(run, actionUploadSchema));
      deps.store.settle(results.map((r) => ({ idempotencyKey: r.idempotencyKey, settlement: settlementOf(r, kind) })), at());
      return results;
    }
    case 'report': {
      const results = await deps.client.uploadReports(token, payloads(run, reportUploadSchema));
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

/** The item an outbox entry is about, for showing its conflict to the moderator. */
export function itemOfEntry(kind: OutboxKind, payload: unknown): string {
  switch (kind) {
    case 'decision': {
      const parsed = decisionUploadSchema.safeParse(payload);
      return parsed.success ? parsed.data.itemId : 'unknown';
    }
    case 'action': {
      const parsed = actionUploadSchema.safeParse(payload);
      return parsed.success ? (parsed.data.itemIds[0] ?? 'unknown') : 'unknown';
    }
    case 'report': {
      const parsed = reportUploadSchema.safeParse(payload);
      return parsed.success ? parsed.data.report.itemId : 'unknown';
    }
  }
}
