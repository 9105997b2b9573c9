import { randomUUID } from 'node:crypto';
import { ApiError, type Decision, type DecisionAction, type ReasonCode } from '../../api';
import type { StoredDecision, Store } from '../store';
import type { DecisionUpload } from '../sync';
import { currentAssignment } from './queue';

export interface DecideInput {
  itemId: string;
  action: DecisionAction;
  reasonCode: string | null;
  note: string | null;
}

export interface ReviewDeps {
  store: Store;
  clock: () => Date;
  /** How long a decision can be taken back before it is allowed to leave for the upstream. */
  undoMs: number;
  reasonCodes: () => readonly ReasonCode[];
}

export function toApiDecision(d: StoredDecision): Decision {
  return {
    id: d.id,
    itemId: d.itemId,
    action: d.action,
    reasonCode: d.reasonCode,
    note: d.note,
    decidedAt: d.decidedAt,
    undoUntil: d.undoUntil,
    upload: d.upload,
  };
}

const needsReason: ReadonlySet<DecisionAction> = new Set(['remove', 'escalate']);

function checkReason(deps: ReviewDeps, input: DecideInput): void {
  if (input.reasonCode === null) {
    if (needsReason.has(input.action)) {
      throw new ApiError('bad_request', `A ${input.action} decision needs a reason code from the policy.`, 'reasonCode');
    }
    return;
  }
  const codes = deps.reasonCodes();
  if (!codes.some((c) => c.code === input.reasonCode)) {
    throw new ApiError(
      'bad_request',
      `Reason code ${input.reasonCode} is not in the current policy (${codes.length} codes known).`,
      'reasonCode',
    );
  }
}

/**
 * Records a decision on an item of the moderator's current batch. A second decision on an
 * already decided item is a correction: it names the one it supersedes, and both are kept.
 */
export function decide(deps: ReviewDeps, accountId: string, input: DecideInput): Decision {
  checkReason(deps, input);
  const assignment = currentAssignment(deps.store, accountId);
  const item = assignment ? deps.store.item(assignment.id, input.itemId) : null;
  if (!assignment || !item) {
    throw new ApiError('not_found', `Item ${input.itemId} is not in your current batch.`, 'itemId');
  }
  if (item.status === 'pending' && deps.store.leaseLostAt(assignment.id) !== null) {
    throw new ApiError('conflict', `The lease on this batch expired and item ${item.id} went back to the pool; lease a new batch.`, 'itemId');
  }
  const now = deps.clock();
  const decidedAt = now.toISOString();
  const previous = item.status === 'pending' ? null : deps.store.latestDecisionForItem(assignment.id, item.id, decidedAt);
  const record = {
    id: randomUUID(),
    itemId: item.id,
    assignmentId: assignment.id,
    accountId,
    action: input.action,
    reasonCode: input.reasonCode,
    note: input.note,
    decidedAt,
    undoUntil: new Date(now.getTime() + deps.undoMs).toISOString(),
    supersedes: previous?.id ?? null,
  };
  const upload: DecisionUpload = {
    idempotencyKey: record.id,
    itemId: record.itemId,
    assignmentId: record.assignmentId,
    action: record.action,
    reasonCode: record.reasonCode,
    note: record.note,
    decidedAt: record.decidedAt,
    supersedes: record.supersedes,
  };
  deps.store.recordDecision(record, upload);
  const stored = deps.store.decision(record.id, decidedAt);
  if (!stored) throw new Error(`Decision ${record.id} was written but cannot be read back`);
  return toApiDecision(stored);
}

const undoRefusal = {
  unknown: ['not_found', 'There is no such decision to undo.'],
  not_yours: ['forbidden', 'That decision was made by another account.'],
  already_undone: ['conflict', 'That decision was already undone.'],
  window_closed: ['conflict', 'The undo window has closed; record a correcting decision instead.'],
} as const;

export function undo(deps: ReviewDeps, accountId: string, decisionId: string): { itemId: string } {
  const result = deps.store.undoDecision(decisionId, accountId, deps.clock().toISOString());
  if (result.ok) return { itemId: result.decision.itemId };
  const [code, message] = undoRefusal[result.reason];
  throw new ApiError(code, message, 'decisionId');
}
