import { ApiError, type ReviewItem } from '../../api';
import type { AnalysisService } from '../signals';
import type { Session, Sessions } from '../auth';
import type { Keychain } from '../platform';
import { createAuditHandlers } from './auditHandlers';
import type { Handlers } from './dispatch';
import { applyAction } from '../enforcement';
import { type EscalationDeps, listEscalations, openDraft, submitDraft, updateDraft } from '../escalation';
import type { createEventHub } from './events';
import { beginReveal, endReveal, logRevealStep } from '../reveal';
import { batchItem, decide, itemView, queueState, refuseUncleared, type ReviewDeps, undo } from '../review';
import type { Store } from '../store';
import { type DeltaSync, type LeaseKeeper, leaseBatch, prefetchMedia, type SyncLoop, UpstreamError, type UpstreamClient } from '../sync';

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
        await prefetchMedia(deps, token, fresh);
        await deps.analysis.analyseInReviewOrder(fresh, (itemId) => deps.events.emit({ type: 'item.analysed', itemId }));
      } finally {
        for (const item of fresh) underWay.delete(item.id);
      }
    },
  };
}

export function createHandlers(deps: HandlerDeps): Handlers {
  const { store, client, sessions, sync, leases, events, clock, log } = deps;
  const queue = (accountId: string) => queueState(store, accountId, clock(), deps.leaseWarningMs);
  const enforcement = { store, clock, reasonCodes: deps.review.reasonCodes, readiness: deps.review.readiness };
  const escalation: EscalationDeps = { ...enforcement, analysis: deps.analysis, client, log, profileUrl: deps.profileUrl };
  const reveals = { store, analysis: deps.analysis, clock };
  const itemAnalysis = createItemAnalysis(deps);
  /** Child-safety items are for cleared moderators only (DESIGN.md); anyone else may only hand them back. */
  const checkClearance = (s: Session, itemId: string, field = 'itemId') => {
    const row = batchItem(store, s.account.id, itemId, field);
    refuseUncleared(s.account, row.item, deps.review.readiness(row.item));
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
      await refreshPolicy(session.token);
      return { account: session.account };
    },
    async 'session.current'(_input, session) {
      return { account: session?.account ?? null };
    },
    async 'session.logout'() {
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
      log(`[core] ${s.account.username} leased ${leased.items.length} items (assignment ${leased.assignmentId})`);
      // Hash before render: once the batch is on disk its media is analysed in review order.
      void itemAnalysis.start(s.token, leased.items);
      leases.leased();
      events.emit({ type: 'queue.changed' });
      return queue(s.account.id);
    },
    async 'queue.state'(_input, session) {
      return queue(required(session).account.id);
    },
    async 'queue.item'({ itemId }, session) {
      const s = required(session);
      checkClearance(s, itemId);
      const view = itemView(store, s.account.id, itemId, clock().toISOString());
      const signals = deps.analysis.itemSignals(view.item);
      // Media whose download or analysis failed earlier is tried again when the item is looked at.
      if (signals.media.some((m) => m.status === 'pending')) void itemAnalysis.start(s.token, [view.item]);
      return { ...view, signals };
    },
    async 'review.decide'(input, session) {
      const s = required(session);
      if (!(input.action === 'skip' && input.skipReason === 'needs_specialist')) checkClearance(s, input.itemId);
      const decision = decide(deps.review, s.account.id, input);
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
      const action = applyAction(enforcement, s.account.id, input);
      uploadsChanged();
      return { action };
    },
    async 'escalation.open'(input, session) {
      const s = required(session);
      checkClearance(s, input.itemId);
      return openDraft(escalation, { accountId: s.account.id, token: s.token }, input);
    },
    async 'escalation.update'(input, session) {
      return updateDraft(escalation, required(session).account.id, input);
    },
    async 'escalation.submit'({ draftId }, session) {
      const submitted = submitDraft({ ...escalation, review: deps.review }, required(session).account.id, draftId);
      events.emit({ type: 'queue.changed' });
      uploadsChanged();
      return submitted;
    },
    async 'escalation.list'(_input, session) {
      return listEscalations(escalation, required(session).account);
    },
    async 'reveal.begin'(input, session) {
      const s = required(session);
      checkClearance(s, input.itemId);
      return beginReveal(reveals, s.account.id, input);
    },
    async 'reveal.end'(input, session) {
      return endReveal(reveals, required(session).account.id, input);
    },
    async 'reveal.step'(input, session) {
      return logRevealStep(reveals, required(session).account.id, input);
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
