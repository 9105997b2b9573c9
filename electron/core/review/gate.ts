import {
  type Account,
  ApiError,
  type BankMatch,
  type DecisionAction,
  type MediaSignals,
  type ReasonCode,
  type ReviewItem,
  type SkipReason,
} from '../../api';
import { CHILD_SAFETY } from '../signals';

/** What analysis has established about an item so far, as far as deciding it is concerned. */
export interface ItemReadiness {
  /** Images not yet hashed and matched (not downloaded, or still on the worker pool). */
  pendingMedia: number;
  totalMedia: number;
  /** The first child-safety hash-bank match among the item's images. */
  childSafetyMatch: BankMatch | null;
}

export function readinessOf(media: readonly MediaSignals[]): ItemReadiness {
  const match = media.flatMap((m) => m.bankMatches).find((m) => m.category === CHILD_SAFETY) ?? null;
  return { pendingMedia: media.filter((m) => m.status === 'pending').length, totalMedia: media.length, childSafetyMatch: match };
}

/**
 * A reason that files child sexual exploitation: it obliges a report to NCMEC, which only the
 * child-safety escalation makes. A bare removal under it would act without reporting.
 */
function isChildSafetyReason(reason: ReasonCode): boolean {
  return reason.category === CHILD_SAFETY || reason.actions.includes('report_ncmec');
}

/**
 * Hash before decide (DESIGN.md): no decision on an item whose images are not yet hashed and
 * matched, since a child-safety match may still turn up. Thrown as a conflict the caller can
 * resolve by waiting.
 */
export function refuseWhileAnalysing(itemId: string, readiness: ItemReadiness, what: string): void {
  if (readiness.pendingMedia === 0) return;
  throw new ApiError(
    'conflict',
    `Item ${itemId} is still being analysed (${readiness.pendingMedia} of ${readiness.totalMedia} images not yet hashed and matched against the banks), ` +
      `so ${what} is not possible yet; it can be decided once its signals are in.`,
    'itemId',
  );
}

export function childSafetyOnlyMessage(itemId: string, match: BankMatch): string {
  return (
    `Item ${itemId} matched the child-safety hash bank '${match.bank}' (entry ${match.entryId}, distance ${match.distance}). ` +
    'It can be decided only through the child-safety escalation report, which removes the content, terminates the account and files the report together, ' +
    'or handed back for a specialist (skip with the reason needs_specialist and a note saying why).'
  );
}

export interface DecisionRequest {
  itemId: string;
  action: DecisionAction;
  reason: ReasonCode | null;
  skipReason: SkipReason | null;
  note: string | null;
}

/** True for the one plain decision a child-safety match allows: handing it back to a specialist, saying why. */
function isSpecialistHandback(request: DecisionRequest): boolean {
  return request.action === 'skip' && request.skipReason === 'needs_specialist' && (request.note ?? '').trim() !== '';
}

/**
 * The rules a moderator's own decision (review.decide) must pass besides its shape. The escalation
 * submit records its escalate decision without them: it is the path these rules point to.
 */
export function checkDecisionAllowed(request: DecisionRequest, readiness: ItemReadiness): void {
  refuseWhileAnalysing(request.itemId, readiness, `a decision (${request.action})`);
  if (readiness.childSafetyMatch && !isSpecialistHandback(request)) {
    throw new ApiError('conflict', childSafetyOnlyMessage(request.itemId, readiness.childSafetyMatch), 'action');
  }
  if (request.reason && isChildSafetyReason(request.reason)) {
    throw new ApiError(
      'conflict',
      `Reason ${request.reason.code} (${request.reason.label}) files child sexual exploitation, which must be reported: ` +
        'use Escalate, child safety, so the report is made with the removal. A plain decision cannot carry it.',
      'reasonCode',
    );
  }
}

/** Reported as child safety, or matched a child-safety bank here: material for cleared reviewers only. */
function isChildSafetyItem(item: ReviewItem, readiness: ItemReadiness): boolean {
  return item.reportReason === 'child_safety' || readiness.childSafetyMatch !== null;
}

/**
 * The upstream leases child-safety items only to cleared moderators; this catches the ones the
 * workstation recognised itself (a newer bank here). Such an item may only be handed back.
 */
export function refuseUncleared(account: Pick<Account, 'username' | 'childSafetyCleared'>, item: ReviewItem, readiness: ItemReadiness): void {
  if (account.childSafetyCleared || !isChildSafetyItem(item, readiness)) return;
  throw new ApiError(
    'forbidden',
    `Item ${item.id} is child-safety material, reviewed only by moderators with child-safety clearance, which ${account.username} does not have. ` +
      'Hand it back for a specialist (skip with the reason needs_specialist and a note).',
    'itemId',
  );
}
