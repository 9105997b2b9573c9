import {
  appealDecisionEntrySchema,
  decisionEntrySchema,
  enforcementEntrySchema,
  qaEntrySchema,
  reportEntrySchema,
  wellnessDaySchema,
  type BatchResult,
} from '@workstation/protocol';
import type { z } from 'zod';
import type { OutboxEntry, Settlement, Store } from '../store';
import type { UpstreamClient } from './client';

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
 * Uploads one run of same-kind entries to its endpoint and settles them with the answers; report
 * answers also record the upstream's report id. Returns the answers; UpstreamError when the
 * request failed (nothing is settled then).
 */
export async function uploadRun(deps: UploadDeps, token: string, run: readonly OutboxEntry[]): Promise<BatchResult[]> {
  const kind = run[0]?.kind;
  const at = () => deps.clock().toISOString();
  const settled = (results: BatchResult[]) => {
    deps.store.settle(
      results.map((r) => ({ idempotencyKey: r.idempotencyKey, settlement: settlementOf(r) })),
      at(),
    );
    return results;
  };
  switch (kind) {
    case undefined:
      return [];
    case 'decision': {
      const entries = readable(deps, run, decisionEntrySchema);
      return entries.length === 0 ? [] : settled(await deps.client.uploadDecisions(token, entries));
    }
    case 'action': {
      const entries = readable(deps, run, enforcementEntrySchema);
      return entries.length === 0 ? [] : settled(await deps.client.uploadActions(token, entries));
    }
    case 'qa': {
      const entries = readable(deps, run, qaEntrySchema);
      return entries.length === 0 ? [] : settled(await deps.client.uploadQa(token, entries));
    }
    case 'appeal': {
      const entries = readable(deps, run, appealDecisionEntrySchema);
      return entries.length === 0 ? [] : settled(await deps.client.uploadAppealOutcomes(token, entries));
    }
    case 'wellness': {
      const entries = readable(deps, run, wellnessDaySchema);
      return entries.length === 0 ? [] : settled(await deps.client.uploadWellnessDays(token, entries));
    }
    case 'report': {
      const entries = readable(deps, run, reportEntrySchema);
      if (entries.length === 0) return [];
      const results = await deps.client.uploadReports(token, entries);
      deps.store.settleReportUploads(
        results.map((r) => ({
          idempotencyKey: r.idempotencyKey,
          settlement: settlementOf(r),
          report: r.status === 'conflict' ? null : { idempotencyKey: r.idempotencyKey, reportId: r.reportId, status: r.reportStatus },
        })),
        at(),
      );
      return results;
    }
  }
}
