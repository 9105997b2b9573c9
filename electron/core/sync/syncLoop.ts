import type { SyncStatus } from '../../api';
import type { OutboxEntry, Store } from '../store';
import { backoffDelay, type BackoffPolicy, defaultBackoff } from './backoff';
import type { DeltaSync } from './deltas';
import { UpstreamError } from './errors';
import { holdBack, nextRun, splitRun } from './outboxRuns';
import { uploadRun } from './outboxUploads';
import type { AuditSync } from './auditSync';
import type { ReportStatusPoller } from './reportStatus';
import type { UpstreamClient } from './client';
import type { SyncSession } from './session';

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
  /** After each drain, reports the chain head and fetches a moderator's corrections. */
  auditSync?: AuditSync;
}

const LAST_SYNC_KEY = 'sync.lastSuccessAt';

/**
 * Failed attempts after which an entry is shown to the moderator as stuck (it is still retried).
 * Only failures the upstream answered count, not network trouble, which the pill already shows as
 * offline. Five: with the default backoff that is some 15 to 30 seconds of retries, long enough
 * that a passing hiccup never shows, short enough that the moderator learns within a minute.
 */
export const STUCK_AFTER_FAILED_ATTEMPTS = 5;

/**
 * Failed requests in a row after which a drain stops and uploads pause for a backoff: one entry
 * failing lets the others through, but several requests failing in a row means the upstream
 * itself is in trouble, and trying every other entry at once would only add to it.
 */
const FAILURES_BEFORE_PAUSE = 3;

/**
 * Drains the outbox to the upstream. Entries leave the outbox only on an upstream answer
 * (accepted, duplicate or conflict); every failure reschedules them with backoff, so a crash or a
 * dead network at any point leaves them pending and they go again, under the same idempotency key.
 * Order is kept per item, so an entry that keeps failing holds back only later entries of its items.
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
  /** Failed upload requests in a row; a request the upstream answers resets it. */
  let failures = 0;
  /** No upload starts before this time (epoch ms): the upstream was unreachable or failing, or asked to wait. */
  let pausedUntil = 0;
  let lastDeltaPullAt: number | null = null;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let followUp: Promise<void> | null = null;
  let stopped = false;

  /** Upload and delta-pull failures are separate troubles; the moderator sees both. */
  const errors = (): string | null => [lastError, deps.deltas?.lastError() ?? null].filter((e) => e !== null).join('; ') || null;
  const itemOf = (e: { itemIds: readonly string[] }): string => e.itemIds[0] ?? 'unknown';

  function status(): SyncStatus {
    const base = { online, lastSyncAt: deps.store.setting(LAST_SYNC_KEY), lastError: errors() };
    if (!session) return { ...base, pendingUploads: 0, conflicts: [], stuck: [] };
    return {
      ...base,
      pendingUploads: deps.store.pendingCount(session.accountId),
      conflicts: deps.store.conflicts(session.accountId).map((c) => ({
        decisionId: c.idempotencyKey,
        kind: c.kind,
        itemId: itemOf(c),
        code: c.code,
        message: c.message,
      })),
      stuck: deps.store.failingEntries(session.accountId, STUCK_AFTER_FAILED_ATTEMPTS).map((e) => ({
        uploadId: e.idempotencyKey,
        kind: e.kind,
        itemId: itemOf(e),
        attempts: e.failedAttempts,
        message: e.lastError ?? 'The upstream gave no reason.',
        since: e.failingSince,
      })),
    };
  }

  const publish = () => deps.onStatus(status());

  /** The upstream answered, whatever it answered. */
  function reached(): void {
    failures = 0;
    online = true;
    lastError = null;
  }

  /** One upload request; the error when it failed (nothing is settled then). */
  async function attempt(s: SyncSession, run: readonly OutboxEntry[]): Promise<UpstreamError | null> {
    try {
      const results = await uploadRun(deps, s.token, run);
      reached();
      deps.store.putSetting(LAST_SYNC_KEY, deps.clock().toISOString());
      const conflicts = results.filter((r) => r.status === 'conflict').length;
      if (conflicts > 0) deps.log(`[sync] ${conflicts} of ${results.length} ${run[0]?.kind} uploads came back as conflicts; kept for the moderator`);
      return null;
    } catch (error) {
      if (!(error instanceof UpstreamError)) throw error;
      return error;
    }
  }

  /**
   * Puts entries back for another attempt. A failure that is theirs (the upstream answered without
   * taking them) counts against each of them, and they back off by their own count, so an entry
   * that keeps failing waits longer and longer while other items' entries go.
   */
  function retryLater(entries: readonly OutboxEntry[], error: UpstreamError): number {
    const own = error.uploadFailure === 'failed';
    const retryAfter = error.failure.kind === 'http' ? error.failure.retryAfterMs : null;
    const now = deps.clock().getTime();
    const delay = backoffDelay(own ? Math.max(...entries.map((e) => e.failedAttempts + 1)) : failures, retryAfter, random, policy);
    deps.store.scheduleRetry(
      entries.map((e) => e.idempotencyKey),
      { at: new Date(now).toISOString(), nextAttemptAt: new Date(now + delay).toISOString(), error: error.message, countsAgainstEntries: own },
    );
    const which = entries.length === 1 ? ` (${entries[0]!.kind} ${entries[0]!.idempotencyKey})` : '';
    deps.log(`[sync] upload of ${entries.length} entries failed (${error.failure.kind})${which}: ${error.message}; retry in ${delay} ms`);
    return delay;
  }

  /** No upload starts for `delay` ms: the upstream is unreachable, asked to wait, or keeps failing. */
  function pause(delay: number): void {
    pausedUntil = deps.clock().getTime() + delay;
    deps.log(`[sync] uploads pause for ${delay} ms after ${failures} failed requests in a row`);
  }

  /** A refused entry becomes a conflict at once, with the upstream's reason: sending it again cannot help. */
  function refuse(entry: OutboxEntry, error: UpstreamError): void {
    const code = error.failure.kind === 'http' ? error.failure.code : 'refused';
    deps.store.settle(
      [{ idempotencyKey: entry.idempotencyKey, settlement: { state: 'conflict', code, message: error.message } }],
      deps.clock().toISOString(),
    );
    deps.log(`[sync] the upstream refused ${entry.kind} ${entry.idempotencyKey} (${code}): ${error.message}; kept as a conflict`);
  }

  /**
   * Uploads a run and settles what the upstream answered, isolating what it will not take: a
   * refused part is split at once until each refused entry stands alone and becomes a conflict; a
   * failed part is halved, its halves tried after the parts already waiting, so an entry that
   * fails every request it is in ends up alone, retried with backoff, while its batch-mates
   * upload. No entry goes while an older entry of its item has not. Returns false when uploads pause.
   */
  async function deliver(s: SyncSession, run: readonly OutboxEntry[]): Promise<boolean> {
    const queue: OutboxEntry[][] = [[...run]];
    // Each part is a stretch of the run (less entries held back), so only entries before its first can hold it back.
    const position = new Map(run.map((e, i) => [e.idempotencyKey, i]));
    const before = (part: readonly OutboxEntry[]) => (e: OutboxEntry) => position.get(e.idempotencyKey)! < position.get(part[0]!.idempotencyKey)!;
    /** Entries of this run not uploaded (yet): later entries of their items wait for them. */
    const notUploaded = new Map<string, OutboxEntry>();
    const failedHere = new Set<string>();
    while (queue.length > 0) {
      const part = queue.shift()!;
      for (const e of part) notUploaded.delete(e.idempotencyKey);
      const { go, held } = holdBack(part, [...notUploaded.values()].filter(before(part)));
      for (const e of held) notUploaded.set(e.idempotencyKey, e);
      if (go.length === 0) continue;
      const error = await attempt(s, go);
      if (!error) continue;
      for (const e of go) notUploaded.set(e.idempotencyKey, e);
      if (error.uploadFailure === 'refused') {
        reached();
        if (go.length === 1) refuse(go[0]!, error);
        else queue.unshift(...splitRun(go, error.failure.kind === 'http' ? error.failure.field : undefined));
        continue;
      }
      failures++;
      online = error.failure.kind !== 'network';
      lastError = error.message;
      /** Halves of parts that failed here and wait to be tried on their own. */
      const failedWaiting = () => queue.flat().filter((e) => failedHere.has(e.idempotencyKey));
      if (error.uploadFailure === 'unreachable') {
        pause(retryLater([...go, ...failedWaiting()], error));
        return false;
      }
      for (const e of go) failedHere.add(e.idempotencyKey);
      if (go.length === 1) retryLater(go, error);
      else queue.push(...splitRun(go, undefined));
      const retryAfter = error.failure.kind === 'http' ? error.failure.retryAfterMs : null;
      if (failures < FAILURES_BEFORE_PAUSE && retryAfter === null) continue;
      const waiting = failedWaiting();
      if (waiting.length > 0) retryLater(waiting, error);
      pause(backoffDelay(failures, retryAfter, random, policy));
      return false;
    }
    return true;
  }

  /** Uploads what is due, each entry at most once per drain, until nothing is left or uploads pause. */
  async function uploadDue(s: SyncSession): Promise<void> {
    const tried = new Set<string>();
    while (!stopped && session === s && deps.clock().getTime() >= pausedUntil) {
      const run = nextRun(deps.store.dueEntries(s.accountId, deps.clock().toISOString(), batchSize), tried);
      if (run.length === 0) return;
      for (const e of run) tried.add(e.idempotencyKey);
      const goOn = await deliver(s, run);
      publish();
      if (!goOn) return;
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

  async function pollAudit(s: SyncSession): Promise<void> {
    if (!deps.auditSync || !s.role) return;
    try {
      await deps.auditSync.poll({ accountId: s.accountId, token: s.token, role: s.role });
    } catch (error) {
      if (!(error instanceof UpstreamError)) throw error;
      deps.log(`[sync] chain head or corrections not exchanged (${error.failure.kind}): ${error.message}; the next sync tries again`);
    }
  }

  async function drain(): Promise<void> {
    const s = session;
    if (!s) return;
    await uploadDue(s);
    // Report statuses last: a sync.now that joins a drain already past them would miss an acknowledgement.
    if (!stopped && session === s) await pollAudit(s);
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
    const nextDue = deps.store.nextDueAt(session.accountId, new Date(now).toISOString());
    const deltasDue = deps.deltas && lastDeltaPullAt !== null ? Math.max(0, lastDeltaPullAt + deltaEveryMs - now) : pollMs;
    const uploadsDue = nextDue === null ? pollMs : Math.min(pollMs, Math.max(0, Date.parse(nextDue) - now, pausedUntil - now));
    const wait = Math.min(deltasDue, uploadsDue);
    timer = setTimeout(() => void Promise.all([drainOnce(), pullDeltas(true)]), wait);
    timer.unref();
  }

  /** Uploads what is due and pulls deltas, then says where things stand. */
  async function syncNow(): Promise<SyncStatus> {
    await Promise.all([drainOnce(), pullDeltas(false)]);
    return status();
  }

  /**
   * Runs a drain and schedules the next. A call while one runs waits for it and one more: the
   * running drain may be past the uploads already and miss an entry queued since it began.
   */
  async function drainOnce(): Promise<void> {
    if (running) {
      followUp ??= running.then(() => {
        followUp = null;
        return startDrain();
      });
      return followUp;
    }
    return startDrain();
  }

  async function startDrain(): Promise<void> {
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
      pausedUntil = 0;
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
