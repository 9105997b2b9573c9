import { randomUUID } from 'node:crypto';
import type { DecisionSignals } from '@workstation/protocol';
import { ApiError, type Decision, type DecisionAction, type ReasonCode, type ReviewItem, type SkipReason } from '../../api';
import type { Store } from '../store';
import { decisionPayload } from '../sync';
import { checkDecisionAllowed, type ItemReadiness } from './gate';
import { currentAssignment } from './batch';
import { toApiDecision } from './toApiDecision';

export interface DecideInput {
  itemId: string;
  action: DecisionAction;
  reasonCode: string | null;
  skipReason?: SkipReason | null;
  note: string | null;
}

export interface ReviewDeps {
  store: Store;
  clock: () => Date;
  /** How long a decision can be taken back before it is allowed to leave for the upstream. */
  undoMs: number;
  reasonCodes: () => readonly ReasonCode[];
  /** What analysis has established about the item now: decisions wait for it. */
  readiness: (item: ReviewItem) => ItemReadiness;
  /** The item's signals as a decision's upload summarises them for supervisors. */
  signalSummary: (item: ReviewItem) => DecisionSignals;
}

const needsReason: ReadonlySet<DecisionAction> = new Set(['remove', 'escalate']);

/** The policy's reason code named by the input, or null when none is named; bad_request when the policy lacks it. */
function reasonOf(deps: ReviewDeps, input: DecideInput): ReasonCode | null {
  if (input.reasonCode === null) {
    if (needsReason.has(input.action)) {
      throw new ApiError('bad_request', `A ${input.action} decision needs a reason code from the policy.`, 'reasonCode');
    }
    return null;
  }
  const codes = deps.reasonCodes();
  const reason = codes.find((c) => c.code === input.reasonCode);
  if (!reason) {
    throw new ApiError('bad_request', `Reason code ${input.reasonCode} is not in the current policy (${codes.length} codes known).`, 'reasonCode');
  }
  return reason;
}

/** A skip says why, as a stable English code first, since the upstream and supervisors do not share the moderator's UI language. */
function noteOf(input: DecideInput): string | null {
  const skipReason = input.skipReason ?? null;
  if (input.action !== 'skip') {
    if (skipReason !== null) throw new ApiError('bad_request', `A skip reason goes only with a skip, not with ${input.action}.`, 'skipReason');
    return input.note;
  }
  if (skipReason === null)
    throw new ApiError('bad_request', 'A skip needs a reason: not_my_language, needs_specialist or technical_problem.', 'skipReason');
  const typed = input.note?.trim() ?? '';
  return typed === '' ? `Skipped: ${skipReason}` : `Skipped: ${skipReason} — ${typed}`;
}

function batchRow(deps: ReviewDeps, accountId: string, itemId: string) {
  const assignment = currentAssignment(deps.store, accountId);
  const item = assignment ? deps.store.item(assignment.id, itemId) : null;
  if (!assignment || !item) {
    throw new ApiError('not_found', `Item ${itemId} is not in your current batch.`, 'itemId');
  }
  if (item.status === 'pending' && deps.store.leaseLostAt(assignment.id) !== null) {
    throw new ApiError('conflict', `The lease on this batch expired and item ${item.id} went back to the pool; lease a new batch.`, 'itemId');
  }
  return { assignment, item };
}

/**
 * A moderator's decision (review.decide): the item must be analysed, a child-safety match leaves
 * only the escalation report or a specialist handback, and a child-safety reason only the report.
 */
export function decide(deps: ReviewDeps, accountId: string, input: DecideInput): Decision {
  const reason = reasonOf(deps, input);
  const note = noteOf(input);
  const row = batchRow(deps, accountId, input.itemId);
  checkDecisionAllowed(
    { itemId: row.item.id, action: input.action, reason, skipReason: input.skipReason ?? null, note: input.note },
    deps.readiness(row.item.item),
  );
  return write(deps, accountId, row, { ...input, note });
}

/**
 * Records a decision without the moderator's rules: for the escalation submit, whose report is
 * the decision's justification and the one path those rules point to.
 */
export function recordDecision(deps: ReviewDeps, accountId: string, input: DecideInput): Decision {
  reasonOf(deps, input);
  return write(deps, accountId, batchRow(deps, accountId, input.itemId), input);
}

/**
 * Writes the decision with its outbox entry. A second decision on an already decided item is a
 * correction: it names the one it supersedes, and both are kept.
 */
function write(deps: ReviewDeps, accountId: string, { assignment, item }: ReturnType<typeof batchRow>, input: DecideInput): Decision {
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
  const shownAt = deps.store.itemFirstShownAt(assignment.id, item.id);
  // What supervisors audit: the signals, the time it took, and how much was seen clear (the chain link the store adds).
  const upload = decisionPayload(record, {
    signals: deps.signalSummary(item.item),
    ...(shownAt === null ? {} : { handlingMs: Math.max(0, now.getTime() - Date.parse(shownAt)) }),
    viewing: deps.store.itemClearViewing(item.id, accountId),
  });
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
