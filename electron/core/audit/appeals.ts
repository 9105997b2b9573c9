import { randomUUID } from 'node:crypto';
import type { AppealDecisionEntry } from '@workstation/protocol';
import { ApiError, type Account, type AppealView, type DecisionAction } from '../../api';
import type { Store } from '../store';
import { memberNames } from './log';

type StoredAppeal = NonNullable<ReturnType<Store['teamAppeal']>>;

const OWN = 'This is an appeal of your own decision; a reviewer other than the one who decided must decide it.';

function view(store: Store, account: Account, a: StoredAppeal, names: ReadonlyMap<string, string>): AppealView {
  const d = store.teamDecision(a.decisionId);
  const queued = a.localKey !== null && store.outboxState(a.localKey) === 'pending';
  const status = a.outcome === null ? 'open' : queued ? 'queued' : 'decided';
  const own = a.moderatorId === account.id;
  return {
    id: a.id,
    decisionId: a.decisionId,
    itemId: d?.itemId ?? '',
    moderatorId: a.moderatorId,
    moderatorName: names.get(a.moderatorId) ?? a.moderatorId,
    statement: a.statement,
    createdAt: a.createdAt,
    original: { action: (d?.action ?? 'approve') as DecisionAction, reasonCode: d?.reasonCode ?? null },
    status,
    outcome: a.outcome,
    reason: a.reason,
    decidable: status === 'open' && !own,
    notDecidableReason: own ? OWN : status === 'open' ? null : 'This appeal has been decided.',
  };
}

export function listAppeals(store: Store, account: Account): AppealView[] {
  const names = memberNames(store);
  return store.teamAppeals().map((a) => view(store, account, a, names));
}

/**
 * Decides an open appeal here, queued for upload exactly once. Never by the moderator who made
 * the appealed decision: that is refused before anything is written (the upstream refuses it too).
 */
export function decideAppeal(
  store: Store,
  account: Account,
  input: { appealId: string; outcome: 'upheld' | 'overturned'; action: DecisionAction | null; reasonCode: string | null; reason: string },
  now: string,
): AppealView {
  const appeal = store.teamAppeal(input.appealId);
  if (!appeal) throw new ApiError('not_found', `There is no appeal ${input.appealId} in the downloaded team log.`, 'appealId');
  if (appeal.moderatorId === account.id) throw new ApiError('forbidden', OWN, 'appealId');
  if (appeal.outcome !== null) throw new ApiError('conflict', 'This appeal has been decided already.', 'appealId');
  const overturned = input.outcome === 'overturned';
  if (overturned && input.reasonCode !== null && !(store.policy()?.reasonCodes ?? []).some((c) => c.code === input.reasonCode)) {
    throw new ApiError('bad_request', `Reason code ${input.reasonCode} is not in the current policy.`, 'reasonCode');
  }
  const decision = store.teamDecision(appeal.decisionId);
  const key = `appeal-${randomUUID()}`;
  const payload: AppealDecisionEntry = {
    idempotencyKey: key,
    appealId: appeal.id,
    outcome: input.outcome,
    action: overturned ? input.action : null,
    reasonCode: overturned ? input.reasonCode : null,
    reason: input.reason,
    decidedAt: now,
  };
  const decided = store.decideTeamAppeal({
    id: appeal.id,
    key,
    outcome: input.outcome,
    reason: input.reason,
    decidedBy: account.id,
    decidedAt: now,
    accountId: account.id,
    itemId: decision?.itemId ?? appeal.decisionId,
    payload,
  });
  if (!decided) throw new ApiError('conflict', 'This appeal has been decided already.', 'appealId');
  return view(store, account, store.teamAppeal(appeal.id)!, memberNames(store));
}
