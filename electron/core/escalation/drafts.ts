import { randomUUID } from 'node:crypto';
import { escalationReportSchema } from '@workstation/protocol';
import {
  ApiError,
  type DraftReport,
  type EscalationDraft,
  type EscalationSummary,
  type ReasonCode,
  type ReportKind,
  type ReviewItem,
  type Role,
} from '../../api';
import { batchItem, type ItemReadiness } from '../review';
import type { EscalationRow } from '../store';
import { mergePatch } from './mergePatch';
import { defaultReasonCode, prefillReport, type PrefillDeps, REQUIRED_BY_KIND } from './prefill';

export interface EscalationDeps extends PrefillDeps {
  reasonCodes: () => readonly ReasonCode[];
  readiness: (item: ReviewItem) => ItemReadiness;
}

/** A child-safety match is reported as child safety: any other kind would skip the NCMEC report and the account's termination. */
export function refuseOtherKindForMatch(itemId: string, kind: ReportKind, readiness: ItemReadiness): void {
  const match = readiness.childSafetyMatch;
  if (match && kind !== 'child_safety') {
    throw new ApiError(
      'conflict',
      `Item ${itemId} matched the child-safety hash bank '${match.bank}', so it is escalated as child safety, not as ${kind}.`,
      'kind',
    );
  }
}

/** A draft's report as JSON stays under this, so a runaway paste cannot bloat the store. */
const MAX_DRAFT_BYTES = 256 * 1024;

function reasonProblem(codes: readonly ReasonCode[], kind: ReportKind, reasonCode: string | null): string | null {
  const reason = codes.find((c) => c.code === reasonCode);
  if (!reason) return reasonCode === null ? 'choose a reason code from the policy' : `reason code ${reasonCode} is not in the current policy`;
  const missing = REQUIRED_BY_KIND[kind].filter((a) => !reason.actions.includes(a));
  return missing.length > 0 ? `reason code ${reason.code} does not allow ${missing.join(', ')}` : null;
}

/** Everything the full report schema (and the reason code check) still finds wrong; empty when the draft can be submitted. */
function draftProblems(codes: readonly ReasonCode[], row: EscalationRow): EscalationDraft['problems'] {
  const parsed = escalationReportSchema.safeParse(row.report);
  const problems = parsed.success ? [] : parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  const reason = reasonProblem(codes, row.kind, row.reasonCode);
  return reason === null ? problems : [{ path: 'reasonCode', message: reason }, ...problems];
}

function toDraft(codes: readonly ReasonCode[], row: EscalationRow): EscalationDraft {
  return {
    draftId: row.id,
    itemId: row.itemId,
    kind: row.kind,
    status: row.status,
    reportId: row.reportId,
    reasonCode: row.reasonCode,
    report: row.report as DraftReport,
    problems: row.status === 'draft' ? draftProblems(codes, row) : [],
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export function toSummary(row: EscalationRow): EscalationSummary {
  return {
    draftId: row.id,
    itemId: row.itemId,
    kind: row.kind,
    status: row.status,
    reportId: row.reportId,
    preservation: row.preservation,
    updatedAt: row.updatedAt,
  };
}

/** The moderator's own draft; another moderator's is as unknown as a missing one. */
export function ownDraft(deps: Pick<EscalationDeps, 'store'>, moderatorId: string, draftId: string): EscalationRow {
  const row = deps.store.escalationDraft(draftId);
  if (!row || row.accountId !== moderatorId) throw new ApiError('not_found', `There is no escalation draft ${draftId} of yours.`, 'draftId');
  return row;
}

/** The item's draft of this kind: the existing one, or a new one prefilled from what the workstation knows. */
export async function openDraft(
  deps: EscalationDeps,
  session: { accountId: string; token: string },
  input: { itemId: string; kind: ReportKind },
): Promise<EscalationDraft> {
  const existing = deps.store.escalationDraftFor(session.accountId, input.itemId, input.kind);
  if (existing) return toDraft(deps.reasonCodes(), existing);
  const row = batchItem(deps.store, session.accountId, input.itemId);
  refuseOtherKindForMatch(row.id, input.kind, deps.readiness(row.item));
  const report = await prefillReport(deps, session.token, input.kind, row);
  const created = deps.store.openEscalationDraft({
    id: randomUUID(),
    itemId: row.id,
    assignmentId: row.assignmentId,
    accountId: session.accountId,
    kind: input.kind,
    reasonCode: defaultReasonCode(deps.reasonCodes(), input.kind),
    report,
    createdAt: deps.clock().toISOString(),
  });
  return toDraft(deps.reasonCodes(), created);
}

/**
 * Saves what was typed. Lenient: an incomplete or even wrongly typed report is kept (its problems
 * are listed); only the draft's identity (kind, itemId) cannot change, and the size is capped.
 */
export function updateDraft(
  deps: EscalationDeps,
  moderatorId: string,
  input: { draftId: string; patch: { reasonCode?: string | null; report?: Record<string, unknown> } },
): EscalationDraft {
  const row = ownDraft(deps, moderatorId, input.draftId);
  if (row.status !== 'draft') throw new ApiError('conflict', `Escalation ${row.id} was already submitted; it can no longer change.`, 'draftId');
  const report = input.patch.report === undefined ? row.report : mergePatch(row.report, input.patch.report);
  const member = (r: unknown, key: string): unknown => (r as Record<string, unknown>)[key];
  for (const key of ['kind', 'itemId']) {
    if (member(report, key) !== member(row.report, key))
      throw new ApiError('bad_request', `A draft's ${key} cannot change; open a new escalation instead.`, `patch.report.${key}`);
  }
  if (Buffer.byteLength(JSON.stringify(report)) > MAX_DRAFT_BYTES) {
    throw new ApiError('bad_request', `The report would exceed ${MAX_DRAFT_BYTES / 1024} KiB; shorten the text.`, 'patch.report');
  }
  const reasonCode = input.patch.reasonCode === undefined ? row.reasonCode : input.patch.reasonCode;
  const updatedAt = deps.clock().toISOString();
  if (!deps.store.saveEscalationDraft(row.id, { reasonCode, report }, updatedAt)) {
    throw new ApiError('conflict', `Escalation ${row.id} was submitted meanwhile; it can no longer change.`, 'draftId');
  }
  return toDraft(deps.reasonCodes(), { ...row, reasonCode, report, updatedAt });
}

/** A moderator sees their own escalations; a supervisor every escalation made on this workstation. */
export function listEscalations(deps: Pick<EscalationDeps, 'store'>, account: { id: string; role: Role }): { escalations: EscalationSummary[] } {
  const rows = deps.store.escalations(account.role === 'supervisor' ? null : account.id);
  return { escalations: rows.map(toSummary) };
}
