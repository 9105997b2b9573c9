import { ApiError, type QueueState, type ReviewItem } from '../../api';
import type { AnalysisService } from '../signals';
import type { Session, Sessions } from '../auth';
import type { Keychain } from '../platform';
import { createAuditHandlers } from './auditHandlers';
import type { Handlers } from './dispatch';
import { applyAction } from '../enforcement';
import { type EscalationDeps, listEscalations, openDraft, submitDraft, updateDraft } from '../escalation';
import type { ExposureRecorder } from '../exposure';
import type { createEventHub } from './events';
import { reviewerOf, type PreviewService } from './previews';
import { beginReveal, endReveal } from '../reveal';
import { batchItem, decide, itemView, queueState, refuseUncleared, type ReviewDeps, undo } from '../review';
import type { AssignmentRow, Store } from '../store';
import {
  type DeltaSync,
  type LeaseKeeper,
  leaseBatch,
  prefetchMedia,
  releaseBatch,
  type SyncLoop,
  UpstreamError,
  type UpstreamClient,
} from '../sync';
import { teamCsv, type Reviewer, type Wellness } from '../wellness';

export interface HandlerDeps {
  store: Store;
  analysis: AnalysisService;
  client: UpstreamClient;
  sessions: Sessions;
  sync: SyncLoop;
  leases: LeaseKeeper;
  /** Policy, lexicons and hash banks from the upstream's change log: the one way policy arrives. */
  deltas: DeltaSync;
  /** Below this much lease time left, queue.state reports the lease as expiring. */
  leaseWarningMs: number;
  events: ReturnType<typeof createEventHub>;
  clock: () => Date;
  log: (line: string) => void;
  review: ReviewDeps;
  defaultBatchSize: number;
  /** The public profile address of a platform handle, stated in escalation reports. */
  profileUrl: (handle: string) => string;
  /** The data folder (audit exports are saved in its exports/) and the keychain holding the signing key. */
  dataDir: string;
  keychain: Keychain;
  wellness: Wellness;
  exposure: ExposureRecorder;
  previews: Pick<PreviewService, 'warm'>;
  /** The renderer saw input (Platform.noteInput): browser mode's idle clock. */
  noteInput: () => void;
}

function required(session: Session | null): Session {
  // checkAccess has already refused anonymous callers of non-public calls; this narrows the type.
  if (!session) throw new ApiError('unauthenticated', 'Sign in first.');
  return session;
}

function unavailable(what: string, error: unknown): never {
  if (error instanceof UpstreamError) {
    throw new ApiError('upstream_unavailable', `${what}: ${error.message}`);
  }
  throw error;
}

/** What the upstream answered a wellness lead's call, as the same kind of refusal: its field, its reason. */
function refusedUpstream(what: string, error: unknown): never {
  if (error instanceof UpstreamError && error.failure.kind === 'http') {
    const { status, field } = error.failure;
    if (status === 400) throw new ApiError('bad_request', `${what}: ${error.message}`, field);
    if (status === 403) throw new ApiError('forbidden', `${what}: ${error.message}`);
    if (status === 409) throw new ApiError('conflict', `${what}: ${error.message}`, field);
  }
  return unavailable(what, error);
}

/** Pending items a limit keeps back are marked, and the current item is the first one offered. */
function withWithheld(state: QueueState, withheld: ReadonlyMap<string, string>): QueueState {
  if (withheld.size === 0) return state;
  const items = state.items.map((i) => (withheld.has(i.id) ? { ...i, withheld: withheld.get(i.id)! } : i));
  const offered = state.currentItemId === null ? null : (items.find((i) => i.status === 'pending' && i.withheld === undefined)?.id ?? null);
  return { ...state, items, currentItemId: offered };
}

/**
 * Downloads and analyses items' media in review order and says item.analysed for each item once
 * all its images have results, so the renderer can offer the decision keys. An item already in
 * a run is left to it.
 */
function createItemAnalysis(deps: Pick<HandlerDeps, 'store' | 'client' | 'clock' | 'log' | 'analysis' | 'events'>) {
  const underWay = new Set<string>();
  return {
    async start(token: string, items: readonly ReviewItem[]): Promise<void> {
      const fresh = items.filter((item) => !underWay.has(item.id));
      for (const item of fresh) underWay.add(item.id);
      try {
        const analysed = (itemId: string) => deps.events.emit({ type: 'item.analysed', itemId });
        // Each item is analysed as soon as its media are in, so the first one is ready while the rest of the batch downloads.
        const runs: Array<Promise<number>> = [];
        await prefetchMedia(deps, token, fresh, (item) => runs.push(deps.analysis.analyseInReviewOrder([item], analysed)));
        await Promise.all(runs);
      } finally {
        for (const item of fresh) underWay.delete(item.id);
      }
    },
  };
}

export function createHandlers(deps: HandlerDeps): Handlers {
  const { store, client, sessions, sync, leases, events, clock, log, wellness, exposure } = deps;
  const queue = (s: Session) => {
    const state = queueState(store, s.account.id, clock(), deps.leaseWarningMs);
    return state.assignment === null ? state : withWithheld(state, wellness.withheld(reviewerOf(s), store.items(state.assignment.id)));
  };
  /** An item a limit keeps back is not opened, decided or shown: 403 with the reason. */
  const refuseWithheld = (s: Session, itemId: string) => {
    const reason = queue(s).items.find((i) => i.id === itemId)?.withheld;
    if (reason !== undefined) throw new ApiError('forbidden', reason, 'itemId');
  };
  /** The next pending item after this one in review order, for warming its previews. */
  const nextItem = (s: Session, itemId: string): ReviewItem | null => {
    const state = queue(s);
    const at = state.items.findIndex((i) => i.id === itemId);
    const next = state.items.find((i, index) => index > at && i.status === 'pending' && i.withheld === undefined);
    return next && state.assignment ? (store.item(state.assignment.id, next.id)?.item ?? null) : null;
  };
  /** An item of the batch with its signals; media whose download or analysis failed earlier is tried again. */
  const viewWithSignals = (s: Session, itemId: string) => {
    const view = itemView(store, s.account.id, itemId, clock().toISOString());
    const signals = deps.analysis.itemSignals(view.item);
    if (signals.media.some((m) => m.status === 'pending')) void itemAnalysis.start(s.token, [view.item]);
    return { ...view, signals };
  };
  /** A review call: refused while a break is due or the day is over; once carried out, it counts as review time. */
  const reviewing = async <T>(s: Session, what: string, run: (who: Reviewer) => T | Promise<T>): Promise<T> => {
    const who = reviewerOf(s);
    wellness.checkReview(who, what);
    const result = await run(who);
    wellness.reviewed(who);
    return result;
  };
  /** Hands the previous batch's pending items back (withheld ones included) once another batch is leased. */
  const handBackPending = async (s: Session, assignment: AssignmentRow | null) => {
    if (!assignment || store.leaseLostAt(assignment.id) !== null) return;
    const pending = store
      .items(assignment.id)
      .filter((i) => i.status === 'pending')
      .map((i) => i.id);
    if (pending.length > 0) await releaseBatch(deps, { accountId: s.account.id, token: s.token }, assignment.id, pending);
  };
  const enforcement = { store, clock, reasonCodes: deps.review.reasonCodes, readiness: deps.review.readiness };
  const escalation: EscalationDeps = { ...enforcement, analysis: deps.analysis, client, log, profileUrl: deps.profileUrl };
  const reveals = { store, analysis: deps.analysis, clock };
  const itemAnalysis = createItemAnalysis(deps);
  /** Child-safety items are for cleared moderators only (DESIGN.md); anyone else may only hand them back. */
  const checkClearance = (s: Session, itemId: string, field = 'itemId') => {
    const row = batchItem(store, s.account.id, itemId, field);
    refuseUncleared(s.account, row.item, deps.review.readiness(row.item));
    return row;
  };
  const uploadsChanged = () => {
    sync.reschedule();
    events.emit({ type: 'sync.status', status: sync.status() });
  };

  const refreshPolicy = async (token: string) => {
    const pulled = await deps.deltas.pull(token);
    if (!pulled.ok) log(`[core] policy refresh failed; keeping version ${store.policy()?.version ?? 'none'}: ${pulled.error}`);
  };

  return {
    async 'session.demoAccounts'() {
      try {
        return await client.demoAccounts();
      } catch (error) {
        log(`[core] demo accounts unavailable: ${(error as Error).message}`);
        return { accounts: [] };
      }
    },
    async 'session.login'({ username, password }) {
      const session = await sessions.login(username, password);
      deps.deltas.sessionChanged();
      sync.setSession({ accountId: session.account.id, token: session.token, role: session.account.role });
      leases.setSession({ accountId: session.account.id, token: session.token });
      // Pulled behind the sign-in, not before it: until it lands, core enforces the last verified policy (as offline), the
      // first lease waits for it (hash before render), and a workstation with no policy yet waits for it where one is read.
      void refreshPolicy(session.token);
      return { account: session.account };
    },
    async 'session.current'(_input, session) {
      return { account: session?.account ?? null };
    },
    async 'session.logout'(_input, session) {
      if (session?.account.role === 'moderator') {
        wellness.signedOut(reviewerOf(session));
        wellness.queueAggregates(reviewerOf(session));
      }
      deps.deltas.sessionChanged();
      sync.setSession(null);
      leases.setSession(null);
      await sessions.logout();
      return { ok: true as const };
    },
    async 'policy.reasonCodes'(_input, session) {
      if (!store.policy()) await refreshPolicy(required(session).token);
      const policy = store.policy();
      if (!policy) throw new ApiError('upstream_unavailable', 'No policy has been synced yet; connect to the upstream once.');
      return { version: policy.version, reasonCodes: policy.reasonCodes };
    },
    async 'queue.lease'({ size }, session) {
      const s = required(session);
      wellness.checkReview(reviewerOf(s), 'Leasing a batch');
      const previous = store.latestAssignment(s.account.id);
      let leased;
      // Hash before render: the banks this batch is matched against come first.
      await deps.deltas.ensurePulled(s.token);
      try {
        leased = await leaseBatch(deps, { accountId: s.account.id, token: s.token }, size ?? deps.defaultBatchSize);
      } catch (error) {
        sync.noteReachability(!(error instanceof UpstreamError && error.failure.kind === 'network'), (error as Error).message);
        log(`[core] leasing a batch for ${s.account.username} failed; nothing was stored: ${(error as Error).message}`);
        unavailable('Could not lease a batch', error);
      }
      sync.noteReachability(true);
      wellness.reviewed(reviewerOf(s));
      log(`[core] ${s.account.username} leased ${leased.items.length} items (assignment ${leased.assignmentId})`);
      await handBackPending(s, previous);
      // Hash before render: once the batch is on disk its media is analysed in review order.
      void itemAnalysis.start(s.token, leased.items);
      leases.leased();
      events.emit({ type: 'queue.changed' });
      return queue(s);
    },
    async 'queue.state'(_input, session) {
      return queue(required(session));
    },
    async 'queue.item'({ itemId }, session) {
      const s = required(session);
      checkClearance(s, itemId);
      refuseWithheld(s, itemId);
      const shown = await reviewing(s, 'Opening an item', (who) => {
        const view = viewWithSignals(s, itemId);
        return { ...view, wellness: wellness.itemShown(who, view.item) };
      });
      const next = nextItem(s, itemId);
      if (next) void deps.previews.warm(s, next);
      return shown;
    },
    async 'queue.ahead'({ itemId }, session) {
      const s = required(session);
      const who = reviewerOf(s);
      if (queue(s).currentItemId !== itemId) {
        throw new ApiError('conflict', `Only the item after the current one is read ahead, and ${itemId} is not the current item.`, 'itemId');
      }
      wellness.checkReview(who, 'Reading the next item ahead');
      const next = nextItem(s, itemId);
      if (!next) return { view: null };
      checkClearance(s, next.id);
      const view = viewWithSignals(s, next.id);
      void deps.previews.warm(s, next);
      return { view: { ...view, wellness: wellness.itemAhead(who, itemId, view.item) } };
    },
    async 'review.decide'(input, session) {
      const s = required(session);
      const handBack = input.action === 'skip' && input.skipReason === 'needs_specialist';
      if (handBack) batchItem(store, s.account.id, input.itemId);
      else checkClearance(s, input.itemId);
      refuseWithheld(s, input.itemId);
      const decision = await reviewing(s, 'A decision', () => decide(deps.review, s.account.id, input));
      wellness.itemDecided(reviewerOf(s), input.itemId);
      wellness.queueAggregatesIfDue(reviewerOf(s));
      sync.reschedule();
      events.emit({ type: 'queue.changed' });
      events.emit({ type: 'sync.status', status: sync.status() });
      return { decision };
    },
    async 'review.undo'({ decisionId }, session) {
      const result = undo(deps.review, required(session).account.id, decisionId);
      events.emit({ type: 'queue.changed' });
      events.emit({ type: 'sync.status', status: sync.status() });
      return result;
    },
    async 'actions.apply'(input, session) {
      const s = required(session);
      input.itemIds.forEach((itemId, i) => checkClearance(s, itemId, `itemIds.${i}`));
      const action = await reviewing(s, 'An enforcement action', () => applyAction(enforcement, s.account.id, input));
      uploadsChanged();
      return { action };
    },
    async 'escalation.open'(input, session) {
      const s = required(session);
      checkClearance(s, input.itemId);
      return reviewing(s, 'Opening an escalation', () => openDraft(escalation, { accountId: s.account.id, token: s.token }, input));
    },
    async 'escalation.update'(input, session) {
      return updateDraft(escalation, required(session).account.id, input);
    },
    async 'escalation.submit'({ draftId }, session) {
      const s = required(session);
      const submitted = await reviewing(s, 'Submitting an escalation', () =>
        submitDraft({ ...escalation, review: deps.review }, s.account.id, draftId),
      );
      wellness.itemDecided(reviewerOf(s), submitted.itemId);
      wellness.queueAggregatesIfDue(reviewerOf(s));
      events.emit({ type: 'queue.changed' });
      uploadsChanged();
      return submitted;
    },
    async 'escalation.list'(_input, session) {
      return listEscalations(escalation, required(session).account);
    },
    async 'reveal.begin'(input, session) {
      const s = required(session);
      const who = reviewerOf(s);
      const row = checkClearance(s, input.itemId);
      refuseWithheld(s, input.itemId);
      return reviewing(s, 'A reveal', () => {
        wellness.checkReveal(who, row.item, input.sha256, input.kind);
        return beginReveal(reveals, s.account.id, input);
      });
    },
    async 'reveal.end'({ revealId }, session) {
      const s = required(session);
      const ended = endReveal(reveals, s.account.id, revealId, () => exposure.revealEnded(s.account.id, revealId));
      wellness.status(reviewerOf(s));
      return ended;
    },
    async 'session.activity'() {
      deps.noteInput();
      return { ok: true as const };
    },
    async 'wellness.status'(_input, session) {
      return wellness.status(reviewerOf(required(session)));
    },
    async 'wellness.preferences'(_input, session) {
      return wellness.preferences(reviewerOf(required(session)));
    },
    async 'wellness.setPreferences'({ preferences }, session) {
      return wellness.setPreferences(reviewerOf(required(session)), preferences);
    },
    async 'wellness.checkIn'({ mood, share }, session) {
      wellness.checkIn(reviewerOf(required(session)), mood, share);
      if (share) uploadsChanged();
      return { ok: true as const, shared: share };
    },
    async 'wellness.policy'(_input, session) {
      return client.wellnessPolicy(required(session).token).catch((error: unknown) => refusedUpstream('Reading the wellness policy', error));
    },
    async 'wellness.previewPolicy'({ policy }, session) {
      return client.previewWellnessPolicy(required(session).token, policy).catch((error: unknown) => refusedUpstream('Previewing the policy', error));
    },
    async 'wellness.savePolicy'(input, session) {
      const s = required(session);
      const saved = await client.saveWellnessPolicy(s.token, input).catch((error: unknown) => refusedUpstream('Saving the wellness policy', error));
      log(`[core] ${s.account.username} saved wellness policy version ${saved.version}`);
      return saved;
    },
    async 'wellness.team'(period, session) {
      return client.team(required(session).token, period).catch((error: unknown) => refusedUpstream("Reading the team's aggregates", error));
    },
    async 'wellness.teamCsv'(period, session) {
      const team = await client
        .team(required(session).token, period)
        .catch((error: unknown) => refusedUpstream("Reading the team's aggregates", error));
      return { filename: `wellness-${team.teamId}-${period.from}-to-${period.to}.csv`, csv: teamCsv(team) };
    },
    async 'sync.status'() {
      return sync.status();
    },
    async 'sync.now'() {
      return sync.syncNow();
    },
    ...createAuditHandlers({ store, client, sync, events, clock, log, dataDir: deps.dataDir, keychain: deps.keychain }),
  };
}
