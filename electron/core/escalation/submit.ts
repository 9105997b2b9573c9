import { randomUUID } from 'node:crypto';
import { escalationReportSchema, type EscalationReport } from '@workstation/protocol';
import { ApiError, type EscalationSummary } from '../../api';
import { reasonAllowing } from '../enforcement';
import { batchItem, recordDecision, refuseWhileAnalysing, type ReviewDeps } from '../review';
import type { ActionRecord, EscalationRow } from '../store';
import { actionPayload, reportPayload } from '../sync';
import { type EscalationDeps, ownDraft, refuseOtherKindForMatch, toSummary } from './drafts';
import { REQUIRED_BY_KIND } from './prefill';

/** The full report, or bad_request naming the first missing or wrong element (e.g. report.incidentSummary.incidentType). */
function validReport(row: EscalationRow): EscalationReport {
  const parsed = escalationReportSchema.safeParse(row.report);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = ['report', ...(issue?.path ?? [])].join('.');
    const more = parsed.error.issues.length > 1 ? ` (and ${parsed.error.issues.length - 1} more problems)` : '';
    throw new ApiError('bad_request', `The report cannot be submitted: ${path} is missing or invalid: ${issue?.message ?? 'invalid'}${more}.`, path);
  }
  if (parsed.data.itemId !== row.itemId || parsed.data.kind !== row.kind) {
    throw new ApiError('bad_request', `The report must be a ${row.kind} report about item ${row.itemId}.`, 'report.itemId');
  }
  return parsed.data;
}

/** Remove the content always; terminate the account too for child safety (zero tolerance). */
function mandatedActions(row: EscalationRow, report: EscalationReport, reasonCode: string, at: string): ActionRecord[] {
  const base = {
    accountId: row.accountId,
    itemIds: [row.itemId],
    platformAccountId: report.personOrUserReported.espIdentifier,
    reasonCode,
    params: {},
    note: `mandated by escalation ${row.id}`,
    decidedAt: at,
    escalationId: row.id,
  };
  const remove: ActionRecord = { ...base, id: randomUUID(), kind: 'content', action: 'remove_content' };
  if (row.kind !== 'child_safety') return [remove];
  return [remove, { ...base, id: randomUUID(), kind: 'account', action: 'terminate_account' }];
}

/**
 * Validates the full report and then, in one local transaction, records the item's escalate
 * decision (no undo window: submitting is the confirmation), queues the mandated actions and the
 * report in that order, and pins the item's media as evidence. Either all of it is in the outbox
 * or none of it is.
 */
export function submitDraft(deps: EscalationDeps & { review: ReviewDeps }, moderatorId: string, draftId: string): EscalationSummary {
  const row = ownDraft(deps, moderatorId, draftId);
  if (row.status !== 'draft') throw new ApiError('conflict', `Escalation ${row.id} was already submitted.`, 'draftId');
  const item = batchItem(deps.store, moderatorId, row.itemId, 'draftId');
  // The safety rules first: they say what to do instead, which finishing the form would not change.
  const readiness = deps.readiness(item.item);
  refuseWhileAnalysing(item.id, readiness, 'submitting the escalation');
  refuseOtherKindForMatch(item.id, row.kind, readiness);
  const report = validReport(row);
  const reason = reasonAllowing(deps.reasonCodes(), row.reasonCode, REQUIRED_BY_KIND[row.kind], 'reasonCode');
  if (item.platformAccountId !== report.personOrUserReported.espIdentifier) {
    throw new ApiError(
      'bad_request',
      `The reported account must be the one that posted item ${row.itemId} (${item.platformAccountId}).`,
      'report.personOrUserReported.espIdentifier',
    );
  }
  const evidence = [...new Set([...report.files.map((f) => f.sha256), ...item.item.media.map((m) => m.sha256)])];
  deps.store.transaction(() => {
    const decision = recordDecision({ ...deps.review, undoMs: 0 }, moderatorId, {
      itemId: row.itemId,
      action: 'escalate',
      reasonCode: reason.code,
      note: `${row.kind} report ${row.id}`,
    });
    for (const action of mandatedActions(row, report, reason.code, decision.decidedAt)) deps.store.recordAction(action, actionPayload(action));
    if (
      !deps.store.queueEscalationReport({
        id: row.id,
        accountId: moderatorId,
        itemId: report.itemId,
        report,
        uploadPayload: reportPayload(row.id, report),
        at: decision.decidedAt,
        evidence,
      })
    ) {
      throw new ApiError('conflict', `Escalation ${row.id} was submitted meanwhile.`, 'draftId');
    }
  });
  const submitted = deps.store.escalationDraft(row.id);
  if (!submitted) throw new Error(`Escalation ${row.id} was submitted but cannot be read back`);
  return toSummary(submitted);
}
