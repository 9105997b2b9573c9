import { randomUUID } from 'node:crypto';
import type { QaEntry } from '@workstation/protocol';
import { ApiError, type Account, type DecisionAction, type QaItem, type QaSample, type Stratum } from '../../api';
import { type QaSampleItemRow, sampleKeyOf, type Store, type StratumColumn } from '../store';
import { memberNames, teamDecisionOrThrow } from './log';

const COLUMN: Record<Stratum, StratumColumn> = { moderator: 'moderator_id', category: 'category', severity: 'severity' };
const RANKS = 2 ** 31;
const ALL_TIME = { from: 0, to: 8.64e15 };

/**
 * Proportional allocation by largest remainder (Hamilton): each stratum gets its share of the
 * sample rounded down, and the seats left go to the largest remainders, ties by stratum name.
 */
export function allocate(strata: ReadonlyArray<{ stratum: string; n: number }>, size: number): Map<string, number> {
  const total = strata.reduce((sum, s) => sum + s.n, 0);
  const quotas = strata.map((s) => ({ ...s, exact: (size * s.n) / total }));
  const seats = new Map(quotas.map((q) => [q.stratum, Math.floor(q.exact)]));
  let left = size - [...seats.values()].reduce((a, b) => a + b, 0);
  const byRemainder = [...quotas].sort((a, b) => b.exact - Math.floor(b.exact) - (a.exact - Math.floor(a.exact)) || (a.stratum < b.stratum ? -1 : 1));
  for (const q of byRemainder) {
    if (left === 0) break;
    seats.set(q.stratum, seats.get(q.stratum)! + 1);
    left -= 1;
  }
  return seats;
}

export interface DrawInput {
  seed: number;
  size: number;
  mode: 'random' | 'stratified';
  stratifyBy?: Stratum;
  from?: string;
  to?: string;
}

/**
 * Picks the sample: in each stratum the decisions whose stored sample key XOR the seed's key is
 * smallest. The same stored log, seed, size and mode give the same sample, in any order of
 * download. The store returns only rows under a bound likely to hold enough; a stratum short
 * of them asks again with its bound doubled.
 */
export function drawMembers(store: Store, input: DrawInput, excludeModerator: string): Array<{ decisionId: string; stratum: string | null }> {
  const column = input.mode === 'stratified' && input.stratifyBy ? COLUMN[input.stratifyBy] : null;
  const fromMs = input.from === undefined ? ALL_TIME.from : Date.parse(input.from);
  const toMs = input.to === undefined ? ALL_TIME.to : Date.parse(input.to);
  const mix = sampleKeyOf(`qa-seed:${input.seed}`);
  if (column === null) {
    const members = store.qaTopRanked(fromMs, toMs, mix, input.size, excludeModerator);
    if (members.length === 0)
      throw new ApiError('conflict', 'There are no stored decisions of other reviewers to sample in that period; download the period first.');
    return members.map((m) => ({ decisionId: m.id, stratum: null }));
  }
  const strata = store.qaStrata(column, fromMs, toMs, excludeModerator);
  const population = strata.reduce((sum, s) => sum + s.n, 0);
  if (population === 0)
    throw new ApiError('conflict', 'There are no stored decisions of other reviewers to sample in that period; download the period first.');
  const seats = allocate(strata, Math.min(input.size, population));
  const sizes = new Map(strata.map((s) => [s.stratum, s.n]));
  const bounds = new Map(
    [...seats].filter(([, n]) => n > 0).map(([stratum, n]) => [stratum, Math.min(RANKS, Math.ceil((RANKS * (2 * n + 20)) / sizes.get(stratum)!))]),
  );
  for (;;) {
    const found = new Map<string, Array<{ id: string; rank: number }>>();
    for (const c of store.qaCandidates(column, fromMs, toMs, mix, bounds, excludeModerator)) {
      if (!found.has(c.stratum)) found.set(c.stratum, []);
      found.get(c.stratum)!.push(c);
    }
    const short = [...bounds].filter(([stratum, bound]) => (found.get(stratum)?.length ?? 0) < seats.get(stratum)! && bound < RANKS);
    if (short.length > 0) {
      for (const [stratum, bound] of short) bounds.set(stratum, Math.min(RANKS, bound * 2));
      continue;
    }
    const picked = [...found].flatMap(([stratum, members]) =>
      members
        .sort((a, b) => a.rank - b.rank || (a.id < b.id ? -1 : 1))
        .slice(0, seats.get(stratum) ?? 0)
        .map((m) => ({ ...m, stratum })),
    );
    return picked.sort((a, b) => a.rank - b.rank || (a.id < b.id ? -1 : 1)).map((m) => ({ decisionId: m.id, stratum: m.stratum }));
  }
}

export function draw(store: Store, account: Account, input: DrawInput, now: string): QaSample {
  const members = drawMembers(store, input, account.id);
  const id = `qa-sample-${randomUUID()}`;
  store.createQaSample(
    {
      id,
      seed: input.seed,
      size: members.length,
      mode: input.mode,
      stratifyBy: input.mode === 'stratified' ? (input.stratifyBy ?? null) : null,
      fromMs: input.from === undefined ? null : Date.parse(input.from),
      toMs: input.to === undefined ? null : Date.parse(input.to),
      createdAt: now,
    },
    members,
  );
  return sample(store, id);
}

const stateOf = (i: QaSampleItemRow) => (i.verdict !== null ? 'done' : i.reviewedAt !== null ? 'recorded' : 'blind');

export function sample(store: Store, sampleId: string): QaSample {
  const s = store.qaSample(sampleId);
  if (!s) throw new ApiError('not_found', `There is no QA sample ${sampleId} on this workstation.`, 'sampleId');
  return {
    id: s.id,
    seed: s.seed,
    size: s.size,
    mode: s.mode,
    stratifyBy: s.stratifyBy,
    createdAt: s.createdAt,
    items: store.qaSampleItems(sampleId).map((i) => ({ decisionId: i.decisionId, stratum: i.stratum, state: stateOf(i), verdict: i.verdict })),
  };
}

function sampleItem(store: Store, sampleId: string, decisionId: string): QaSampleItemRow {
  sample(store, sampleId);
  const i = store.qaSampleItem(sampleId, decisionId);
  if (!i) throw new ApiError('not_found', `Decision ${decisionId} is not in QA sample ${sampleId}.`, 'decisionId');
  return i;
}

const uploadOf = (state: string | null): 'queued' | 'uploaded' | 'conflict' =>
  state === 'accepted' || state === 'duplicate' ? 'uploaded' : state === 'conflict' ? 'conflict' : 'queued';

/** The sampled decision as the QA reviewer sees it: everything of the original decision stays out until the re-review is recorded. */
export function qaItem(store: Store, sampleId: string, decisionId: string): QaItem {
  const i = sampleItem(store, sampleId, decisionId);
  const d = teamDecisionOrThrow(store, decisionId);
  const items = store.qaSampleItems(sampleId);
  const recorded = i.reviewedAt !== null;
  return {
    sampleId,
    decisionId,
    position: i.position,
    total: items.length,
    item: { kind: d.itemKind, locale: d.itemLocale, text: d.itemText },
    queue: d.queue as QaItem['queue'],
    signals: {
      bankCategory: d.bankCategory,
      classifierBand: d.classifierBand as QaItem['signals']['classifierBand'],
      groomingLevel: d.groomingLevel as QaItem['signals']['groomingLevel'],
    },
    state: stateOf(i),
    review: recorded
      ? { action: i.reviewAction as DecisionAction, reasonCode: i.reviewReasonCode, note: i.reviewNote, reviewedAt: i.reviewedAt! }
      : null,
    original: recorded
      ? {
          action: d.action as DecisionAction,
          reasonCode: d.reasonCode,
          note: d.note,
          moderatorName: memberNames(store).get(d.moderatorId) ?? d.moderatorId,
          decidedAt: new Date(d.decidedAt).toISOString(),
        }
      : null,
    verdict: i.verdict === null ? null : { verdict: i.verdict, reason: i.verdictReason, upload: uploadOf(i.uploadState) },
  };
}

const NEEDS_REASON = new Set<DecisionAction>(['remove', 'escalate']);

function checkReason(store: Store, action: DecisionAction, reasonCode: string | null, field: string): void {
  if (reasonCode === null) {
    if (NEEDS_REASON.has(action)) throw new ApiError('bad_request', `A ${action} needs a reason code from the policy.`, field);
    return;
  }
  if (!(store.policy()?.reasonCodes ?? []).some((c) => c.code === reasonCode)) {
    throw new ApiError('bad_request', `Reason code ${reasonCode} is not in the current policy.`, field);
  }
}

export function recordReview(
  store: Store,
  input: { sampleId: string; decisionId: string; action: DecisionAction; reasonCode: string | null; note: string | null },
  now: string,
): QaItem {
  const i = sampleItem(store, input.sampleId, input.decisionId);
  if (i.reviewedAt !== null) throw new ApiError('conflict', 'This re-review is already recorded; give the verdict instead.', 'decisionId');
  checkReason(store, input.action, input.reasonCode, 'reasonCode');
  store.recordQaReview({ ...input, at: now });
  return qaItem(store, input.sampleId, input.decisionId);
}

/** Agree or overturn; queued for upload with the decision's item, an overturn also names the reason the moderator reads. */
export function giveVerdict(
  store: Store,
  account: Account,
  input: { sampleId: string; decisionId: string; verdict: 'agree' | 'overturn'; reason: string | null },
  now: string,
): QaItem {
  const i = sampleItem(store, input.sampleId, input.decisionId);
  if (i.reviewedAt === null) {
    throw new ApiError('conflict', 'Record your own re-review first: the original decision stays hidden until then.', 'decisionId');
  }
  if (i.verdict !== null) throw new ApiError('conflict', 'This decision already has a verdict.', 'decisionId');
  const d = teamDecisionOrThrow(store, input.decisionId);
  if (d.moderatorId === account.id)
    throw new ApiError('forbidden', 'This is your own decision; QA is made by a reviewer other than the one who decided.', 'decisionId');
  const key = `qa-${randomUUID()}`;
  const reason = input.reason?.trim() || null;
  const payload: QaEntry = {
    idempotencyKey: key,
    decisionKey: d.id,
    action: i.reviewAction as DecisionAction,
    reasonCode: i.reviewReasonCode,
    note: i.reviewNote,
    verdict: input.verdict,
    reason,
    reviewedAt: now,
  };
  const recorded = store.recordQaVerdict({
    sampleId: input.sampleId,
    decisionId: d.id,
    key,
    verdict: input.verdict,
    reason,
    accountId: account.id,
    itemId: d.itemId,
    qa: {
      id: key,
      decisionId: d.id,
      reviewerId: account.id,
      action: payload.action,
      reasonCode: payload.reasonCode,
      verdict: input.verdict,
      reason,
      reviewedAt: now,
    },
    payload,
    at: now,
  });
  if (!recorded) throw new ApiError('conflict', 'This decision already has a verdict.', 'decisionId');
  return qaItem(store, input.sampleId, input.decisionId);
}
