import type { SyncStatus } from '../../api';
import type { Store } from '../store';
import { backoffDelay, type BackoffPolicy, defaultBackoff } from './backoff';
import type { DeltaSync } from './deltas';
import { UpstreamError } from './errors';
import { itemOfEntry, leadingRun, uploadRun } from './outboxUploads';
import type { ReportStatusPoller } from './reportStatus';
import type { UpstreamClient } from './upstreamClient';

export interface SyncSession {
  accountId: string;
  token: string;
}

export interface SyncLoopDeps {
  store: Store;
  client: UpstreamClient;
  clock: () => Date;
  log: (line: string) => void;
  onStatus: (status: SyncStatus) => void;
  random?: () => number;
  backoff?: BackoffPolicy;
  batchSize?: number;
  /** How often to look for due entries while nothing else wakes the loop. */
  pollMs?: number;
  /** Pulls policy, lexicon and hash-bank deltas: on every syncNow, and on its own every deltaEveryMs. */
  deltas?: Pick<DeltaSync, 'pull' | 'lastError'>;
  /** Default 60 s: the change log moves slowly, uploads should not wait for it. */
  deltaEveryMs?: number;
  /** After each drain, learns which escalation reports the upstream acknowledged. */
  reportStatus?: ReportStatusPoller;
}

const LAST_SYNC_KEY = 'sync.lastSuccessAt';

/**
 * Drains the outbox to the upstream. Entries leave the outbox only on an upstream answer
 * (accepted, duplicate or conflict); every failure reschedules them with backoff, so a crash or a
 * dead network at any point leaves them pending and they go again, under the same idempotency key.
 */
export function createSyncLoop(deps: SyncLoopDeps) {
  const random = deps.random ?? Math.random;
  const policy = deps.backoff ?? defaultBackoff;
  const batchSize = deps.batchSize ?? 100;
  const pollMs = deps.pollMs ?? 5_000;
  const deltaEveryMs = deps.deltaEveryMs ?? 60_000;
  let session: SyncSession | null = null;
  let online = true;
  let lastError: string | null = null;
  let failures = 0;
  let lastDeltaPullAt: number | null = null;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let stopped = false;

  /** Upload and delta-pull failures are separate troubles; the moderator sees both. */
  const errors = (): string | null => [lastError, deps.deltas?.lastError() ?? null].filter((e) => e !== null).join('; ') || null;

  function status(): SyncStatus {
    if (!session) return { online, pendingUploads: 0, lastSyncAt: deps.store.setting(LAST_SYNC_KEY), lastError: errors(), conflicts: [] };
    const conflicts = deps.store.conflicts(session.accountId).map((c) => ({
      decisionId: c.idempotencyKey,
      kind: c.kind,
      itemId: itemOfEntry(c.kind, c.payload),
      code: c.code,
      message: c.message,
    }));
    return {
      online,
      pendingUploads: deps.store.pendingCount(session.accountId),
      lastSyncAt: deps.store.setting(LAST_SYNC_KEY),
      lastError: errors(),
      conflicts,
    };
  }

  const publish = () => deps.onStatus(status());

  function recordFailure(error: UpstreamError, keys: readonly string[]): void {
    failures++;
    online = error.failure.kind !== 'network';
    lastError = error.message;
    const retryAfter = error.failure.kind === 'http' ? error.failure.retryAfterMs : null;
    const delay = backoffDelay(failures, retryAfter, random, policy);
    const next = new Date(deps.clock().getTime() + delay).toISOString();
    deps.store.scheduleRetry(keys, next, error.message);
    deps.log(`[sync] upload of ${keys.length} entries failed (${error.failure.kind}): ${error.message}; retry in ${delay} ms`);
  }

  async function uploadBatch(s: SyncSession): Promise<boolean> {
    const now = deps.clock().toISOString();
    const run = leadingRun(deps.store.dueEntries(s.accountId, now, batchSize));
    if (run.length === 0) return false;
    const keys = run.map((e) => e.idempotencyKey);
    try {
      const results = await uploadRun(deps, s.token, run);
      const at = deps.clock().toISOString();
      deps.store.putSetting(LAST_SYNC_KEY, at);
      const conflicts = results.filter((r) => r.status === 'conflict').length;
      if (conflicts > 0) deps.log(`[sync] ${conflicts} of ${results.length} ${run[0]?.kind} uploads came back as conflicts; kept for the moderator`);
      failures = 0;
      online = true;
      lastError = null;
      return true;
    } catch (error) {
      if (!(error instanceof UpstreamError)) throw error;
      recordFailure(error, keys);
      return false;
    }
  }

  async function pollReports(s: SyncSession): Promise<void> {
    try {
      await deps.reportStatus?.poll(s);
    } catch (error) {
      if (!(error instanceof UpstreamError)) throw error;
      deps.log(`[sync] report statuses unavailable (${error.failure.kind}): ${error.message}; evidence stays pinned`);
    }
  }

  async function drain(): Promise<void> {
    const s = session;
    if (!s) return;
    while (!stopped && session === s && (await uploadBatch(s))) publish();
    if (!stopped && session === s) await pollReports(s);
    publish();
  }

  /** Pulls deltas now, or only when deltaEveryMs has passed since the last pull. */
  async function pullDeltas(onlyIfDue: boolean): Promise<void> {
    const s = session;
    if (!deps.deltas || !s) return;
    const now = deps.clock().getTime();
    if (onlyIfDue && lastDeltaPullAt !== null && now - lastDeltaPullAt < deltaEveryMs) return;
    lastDeltaPullAt = now;
    await deps.deltas.pull(s.token);
    publish();
  }

  function schedule(): void {
    if (timer) clearTimeout(timer);
    if (stopped || !session) return;
    const now = deps.clock().getTime();
    const nextDue = deps.store.nextDueAt(session.accountId);
    const deltasDue = deps.deltas && lastDeltaPullAt !== null ? Math.max(0, lastDeltaPullAt + deltaEveryMs - now) : pollMs;
    const wait = Math.min(deltasDue, nextDue === null ? pollMs : Math.min(pollMs, Math.max(0, Date.parse(nextDue) - now)));
    timer = setTimeout(() => void Promise.all([drainOnce(), pullDeltas(true)]), wait);
    timer.unref();
  }

  /** Uploads what is due and pulls deltas, then says where things stand. */
  async function syncNow(): Promise<SyncStatus> {
    await Promise.all([drainOnce(), pullDeltas(false)]);
    return status();
  }

  /** Runs one drain (joining one already running) and schedules the next. */
  async function drainOnce(): Promise<void> {
    if (!running) {
      running = drain()
        .catch((error: unknown) => {
          lastError = (error as Error).message;
          deps.log(`[sync] drain stopped: ${(error as Error).stack ?? String(error)}`);
        })
        .finally(() => {
          running = null;
          schedule();
        });
    }
    await running;
  }

  return {
    status,
    syncNow,
    /** Re-plans the next drain after new entries arrived, so they leave as soon as they are due. */
    reschedule: schedule,
    setSession(next: SyncSession | null): void {
      session = next;
      failures = 0;
      lastError = null;
      lastDeltaPullAt = null;
      if (next) void syncNow();
      else if (timer) clearTimeout(timer);
    },
    /** Marks the network up or down from another call's outcome (a lease, a media fetch). */
    noteReachability(reachable: boolean, error?: string): void {
      if (online === reachable) return;
      online = reachable;
      lastError = reachable ? null : (error ?? lastError);
      publish();
    },
    async stop(): Promise<void> {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}

export type SyncLoop = ReturnType<typeof createSyncLoop>;
