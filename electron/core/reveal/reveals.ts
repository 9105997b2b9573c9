import { randomUUID } from 'node:crypto';
import { ApiError } from '../../api';
import { type AnalysisService, CHILD_SAFETY } from '../signals';
import { batchItem } from '../review';
import type { ClearRevealKind, RevealRow, Store } from '../store';

export interface RevealDeps {
  store: Store;
  analysis: Pick<AnalysisService, 'mediaSignals'>;
  clock: () => Date;
}

/**
 * A reveal is a hover or a held key: seconds. One left open longer (a crashed or frozen window
 * that never sent reveal.end) no longer unlocks the clear image.
 */
export const REVEAL_MAX_OPEN_MS = 60_000;

const endRefusal = {
  unknown: ['not_found', 'There is no such reveal.'],
  not_yours: ['forbidden', 'That reveal was started by another account.'],
  already_ended: ['conflict', 'That reveal has already ended.'],
  not_a_reveal: ['bad_request', 'That id is a logged blur step, not a reveal; steps have nothing to end.'],
} as const;

/** The item of the batch and one of its images; not_found otherwise. */
function batchImage(deps: RevealDeps, moderatorId: string, itemId: string, sha256: string): void {
  const row = batchItem(deps.store, moderatorId, itemId);
  if (!row.item.media.some((m) => m.sha256 === sha256)) {
    throw new ApiError('not_found', `Item ${itemId} has no image ${sha256}.`, 'sha256');
  }
}

/** Hash before render holds for reveals too: an unanalysed image or a child-safety match is never shown clear. */
function refuseUnsafe(deps: RevealDeps, sha256: string): void {
  const signals = deps.analysis.mediaSignals(sha256);
  if (signals.status !== 'analysed') {
    throw new ApiError('conflict', `Image ${sha256} has not been analysed, so it cannot be revealed; wait for its signals.`, 'sha256');
  }
  const match = signals.bankMatches.find((m) => m.category === CHILD_SAFETY);
  if (match) {
    throw new ApiError(
      'forbidden',
      `This image matched the child-safety hash bank '${match.bank}' (entry ${match.entryId}); it is never shown. Escalate it without viewing.`,
      'sha256',
    );
  }
}

export function beginReveal(
  deps: RevealDeps,
  moderatorId: string,
  input: { itemId: string; sha256: string; kind: ClearRevealKind },
): { revealId: string } {
  batchImage(deps, moderatorId, input.itemId, input.sha256);
  refuseUnsafe(deps, input.sha256);
  const revealId = randomUUID();
  deps.store.beginReveal({ id: revealId, ...input, accountId: moderatorId, startedAt: deps.clock().toISOString() });
  return { revealId };
}

/**
 * Closes a reveal: how long it was open by core's clock, and how much of the image it showed by
 * what core served under it (`shown`, from the exposure record), never by what a renderer says.
 */
export function endReveal(
  deps: RevealDeps,
  moderatorId: string,
  revealId: string,
  shown: (reveal: RevealRow) => { areaFraction: number },
): { ok: true } {
  const reveal = deps.store.reveal(revealId);
  const refuse = (reason: keyof typeof endRefusal): never => {
    const [code, message] = endRefusal[reason];
    throw new ApiError(code, message, 'revealId');
  };
  if (!reveal) return refuse('unknown');
  if (reveal.accountId !== moderatorId) return refuse('not_yours');
  if (reveal.kind !== 'hover_region' && reveal.kind !== 'hold_full') return refuse('not_a_reveal');
  if (reveal.endedAt !== null) return refuse('already_ended');
  const endedAt = deps.clock();
  const result = deps.store.endReveal(revealId, moderatorId, {
    endedAt: endedAt.toISOString(),
    durationMs: Math.max(0, endedAt.getTime() - Date.parse(reveal.startedAt)),
    areaFraction: shown(reveal).areaFraction,
  });
  if (!result.ok) refuse(result.reason);
  return { ok: true };
}

const REVEAL_NEEDED: Record<ClearRevealKind, string> = {
  hold_full: 'the whole image clear needs a hold reveal (hold_full)',
  hover_region: 'a lens needs a hover reveal (hover_region)',
};

/**
 * Refuses a clear preview (the whole image, or a lens region) unless it is asked under an open
 * reveal of that kind, of this moderator, for this item and image, started less than
 * REVEAL_MAX_OPEN_MS ago; then the caller renders it and reports back with clearServed.
 */
export function checkClearAllowed(
  deps: RevealDeps,
  moderatorId: string,
  request: { itemId: string; sha256: string; revealId: string; kind: ClearRevealKind },
): void {
  const reveal = deps.store.reveal(request.revealId);
  const refuse = (why: string): never => {
    throw new ApiError('forbidden', `The clear image is shown only during a reveal: ${why}`, 'revealId');
  };
  if (!reveal || reveal.accountId !== moderatorId) return refuse('there is no such reveal of yours.');
  if (reveal.kind !== 'hover_region' && reveal.kind !== 'hold_full') return refuse('that id is a blur step, not a reveal.');
  if (reveal.kind !== request.kind) return refuse(`${REVEAL_NEEDED[request.kind]}; that reveal is a ${reveal.kind}.`);
  if (reveal.itemId !== request.itemId || reveal.sha256 !== request.sha256) return refuse('that reveal is of another image.');
  if (reveal.endedAt !== null) return refuse('that reveal has ended.');
  if (deps.clock().getTime() - Date.parse(reveal.startedAt) > REVEAL_MAX_OPEN_MS)
    return refuse('that reveal was left open too long; start a new one.');
  refuseUnsafe(deps, request.sha256);
}

export function clearServed(deps: RevealDeps, revealId: string): void {
  deps.store.markClearServed(revealId, deps.clock().toISOString());
}
