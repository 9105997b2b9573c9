import { randomUUID } from 'node:crypto';
import { ApiError, type AppliedAction, type ApplyActionInput, type ReasonCode, type ReviewItem } from '../../api';
import { batchItem, childSafetyOnlyMessage, type ItemReadiness, refuseWhileAnalysing } from '../review';
import type { ActionRecord, StoredAction, Store } from '../store';
import { actionPayload } from '../sync';

export interface EnforcementDeps {
  store: Store;
  clock: () => Date;
  reasonCodes: () => readonly ReasonCode[];
  readiness: (item: ReviewItem) => ItemReadiness;
}

/** The reason code as the policy has it, refusing one the policy lacks or one that does not allow the action. */
export function reasonAllowing(codes: readonly ReasonCode[], reasonCode: string | null, actions: readonly string[], field: string): ReasonCode {
  const reason = codes.find((c) => c.code === reasonCode);
  if (!reason) {
    throw new ApiError('bad_request', `Reason code ${reasonCode ?? '(none)'} is not in the current policy (${codes.length} codes known).`, field);
  }
  const missing = actions.filter((a) => !reason.actions.includes(a));
  if (missing.length > 0) {
    throw new ApiError(
      'bad_request',
      `Reason code ${reason.code} does not allow ${missing.join(' or ')}; it allows ${reason.actions.join(', ') || 'nothing'}.`,
      field,
    );
  }
  return reason;
}

function toAppliedAction(a: StoredAction): AppliedAction {
  return {
    id: a.id,
    kind: a.kind,
    action: a.action,
    itemIds: a.itemIds,
    accountId: a.platformAccountId,
    reasonCode: a.reasonCode,
    params: a.params,
    note: a.note,
    decidedAt: a.decidedAt,
    upload: a.upload,
    conflict: a.conflict,
  };
}

/**
 * Records an enforcement action on items of the moderator's batch and queues its upload. Shape
 * rules (parameters per action) were checked by the contract; here: the items are in the batch,
 * the account is the one behind them, and the policy's reason code allows the action.
 */
export function applyAction(deps: EnforcementDeps, moderatorId: string, input: ApplyActionInput): AppliedAction {
  const rows = input.itemIds.map((itemId, i) => batchItem(deps.store, moderatorId, itemId, `itemIds.${i}`));
  if (input.accountId !== null && !rows.some((r) => r.platformAccountId === input.accountId)) {
    throw new ApiError(
      'bad_request',
      `Account ${input.accountId} posted none of the items ${input.itemIds.join(', ')}; act on the account behind them.`,
      'accountId',
    );
  }
  reasonAllowing(deps.reasonCodes(), input.reasonCode, [input.action], 'reasonCode');
  // An action alone on a child-safety match would act without the report the law requires.
  rows.forEach((row, i) => {
    const readiness = deps.readiness(row.item);
    refuseWhileAnalysing(row.id, readiness, `an enforcement action (${input.action})`);
    if (readiness.childSafetyMatch) throw new ApiError('conflict', childSafetyOnlyMessage(row.id, readiness.childSafetyMatch), `itemIds.${i}`);
  });
  const record: ActionRecord = {
    id: randomUUID(),
    accountId: moderatorId,
    kind: input.kind,
    action: input.action,
    itemIds: [...new Set(input.itemIds)],
    platformAccountId: input.accountId,
    reasonCode: input.reasonCode,
    params: input.params,
    note: input.note,
    decidedAt: deps.clock().toISOString(),
    escalationId: null,
  };
  deps.store.recordAction(record, actionPayload(record));
  const stored = deps.store.action(record.id);
  if (!stored) throw new Error(`Action ${record.id} was written but cannot be read back`);
  return toAppliedAction(stored);
}
