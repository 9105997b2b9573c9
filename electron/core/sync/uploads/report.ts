import { reportEntrySchema, type ReportBatchResult, type ReportEntry } from '@workstation/protocol';
import type { UploadKind } from './kind';

export const reportUpload: UploadKind<typeof reportEntrySchema> = {
  schema: reportEntrySchema,
  maxPerRequest: 50,
  send: (client, token, entries) => client.uploadReports(token, entries),
  // A report's answer also carries the upstream's report id and status, which the moderator follows.
  settle(store, results, settlementOf, at) {
    store.settleReportUploads(
      (results as readonly ReportBatchResult[]).map((r) => ({
        idempotencyKey: r.idempotencyKey,
        settlement: settlementOf(r),
        report: r.status === 'conflict' ? null : { idempotencyKey: r.idempotencyKey, reportId: r.reportId, status: r.reportStatus },
      })),
      at,
    );
  },
};

/** The upstream's ReportEntry (POST /reports/batch) for a submitted escalation. */
export function reportPayload(escalationId: string, report: ReportEntry['report']): ReportEntry {
  return { idempotencyKey: escalationId, report };
}
