import type { Store } from '../store';
import { backoffDelay, type BackoffPolicy, defaultBackoff } from './backoff';
import { UpstreamError } from './errors';
import type { SyncSession } from './session';
import type { UpstreamClient } from './client';

/** Below this much lease time left, a failing renewal is worth telling the moderator about. */
export const LEASE_WARNING_MS = 2 * 60_000;

/** Never renew more often than this, however short the lease: a renewal is a write on the upstream. */
const MIN_RENEW_DELAY_MS = 1_000;

export interface LeaseKeeperDeps {
  store: Store;
  client: UpstreamClient;
  clock: () => Date;
  log: (line: string) => void;
  /** Renewal is failing and less than `warningMs` of the lease is left. */
  onExpiring: (assignmentId: string, expiresAt: string) => void;
  /** The upstream refused the renewal for good: the batch's pending items are no longer ours. */
  onLost: (assignmentId: string) => void;
  warningMs?: number;
  random?: () => number;
  backoff?: BackoffPolicy;
}

/** What one look at the current lease did, for the caller and for tests. */
export type LeaseStep =
  | { kind: 'idle'; reason: 'signed_out' | 'no_batch' | 'lost' | 'nothing_pending' }
  | { kind: 'waiting'; assignmentId: string; renewInMs: number }
  | { kind: 'renewed'; assignmentId: string; leaseExpiresAt: string }
  | { kind: 'failed'; assignmentId: string; retryInMs: number; error: string }
  | { kind: 'lost'; assignmentId: string };

/** 409 lease_expired: the items went to someone else; 404: the upstream no longer knows the batch. */
function leaseIsGone(error: unknown): boolean {
  if (!(error instanceof UpstreamError) || error.failure.kind !== 'http') return false;
  return (error.failure.status === 409 && error.failure.code === 'lease_expired') || error.failure.status === 404;
}

/**
 * Keeps the current batch's lease alive while it still has pending items: renews when half the
 * remaining time has gone, backs off on failure, warns when the lease is about to run out with
 * renewal failing, and marks the batch lost when the upstream refuses to renew it. Decisions
 * already made are untouched: they stay in the outbox and upload whatever happens to the lease.
 */
export function createLeaseKeeper(deps: LeaseKeeperDeps) {
  const warningMs = deps.warningMs ?? LEASE_WARNING_MS;
  const random = deps.random ?? Math.random;
  const policy = deps.backoff ?? defaultBackoff;
  let session: SyncSession | null = null;
  let failures = 0;
  /** When the current batch is next due for renewal; a new batch gets a new plan. */
  let plan: { assignmentId: string; renewAt: number } | null = null;
  let warnedFor: string | null = null;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<LeaseStep> | null = null;
  let stopped = false;

  const remainingMs = (expiresAt: string) => Date.parse(expiresAt) - deps.clock().getTime();
  /** Half the time left from now, or now when that is too short to be worth a timer. */
  const halfway = (expiresAt: string, floorMs: number) => {
    const half = remainingMs(expiresAt) / 2;
    return deps.clock().getTime() + (half < MIN_RENEW_DELAY_MS ? floorMs : Math.floor(half));
  };

  async function renew(s: SyncSession, assignmentId: string, expiresAt: string): Promise<LeaseStep> {
    try {
      const { leaseExpiresAt } = await deps.client.renew(s.token, assignmentId);
      deps.store.renewLease(assignmentId, leaseExpiresAt);
      failures = 0;
      plan = { assignmentId, renewAt: halfway(leaseExpiresAt, MIN_RENEW_DELAY_MS) };
      return { kind: 'renewed', assignmentId, leaseExpiresAt };
    } catch (error) {
      if (leaseIsGone(error)) {
        deps.store.markLeaseLost(assignmentId, deps.clock().toISOString());
        deps.log(`[sync] the lease on batch ${assignmentId} is gone (${(error as Error).message}); its pending items are no longer offered`);
        deps.onLost(assignmentId);
        return { kind: 'lost', assignmentId };
      }
      if (!(error instanceof UpstreamError)) throw error;
      failures++;
      const retryAfter = error.failure.kind === 'http' ? error.failure.retryAfterMs : null;
      const left = remainingMs(expiresAt);
      // Wake up at the warning line too, so the moderator hears about it in time even in a long backoff.
      const untilWarning = left - warningMs;
      const backoff = backoffDelay(failures, retryAfter, random, policy);
      const retryInMs = Math.max(MIN_RENEW_DELAY_MS, untilWarning > 0 ? Math.min(backoff, untilWarning) : backoff);
      plan = { assignmentId, renewAt: deps.clock().getTime() + retryInMs };
      deps.log(
        `[sync] renewing the lease on batch ${assignmentId} failed: ${error.message}; ${Math.round(left / 1000)} s left, retry in ${retryInMs} ms`,
      );
      if (left < warningMs && warnedFor !== `${assignmentId}@${expiresAt}`) {
        warnedFor = `${assignmentId}@${expiresAt}`;
        deps.onExpiring(assignmentId, expiresAt);
      }
      return { kind: 'failed', assignmentId, retryInMs, error: error.message };
    }
  }

  /** Looks at the current batch once: renews it if due, and says when to look again. */
  async function step(): Promise<LeaseStep> {
    const s = session;
    if (!s) return { kind: 'idle', reason: 'signed_out' };
    const assignment = deps.store.latestAssignment(s.accountId);
    if (!assignment) return { kind: 'idle', reason: 'no_batch' };
    if (deps.store.leaseLostAt(assignment.id) !== null) return { kind: 'idle', reason: 'lost' };
    if (!deps.store.items(assignment.id).some((i) => i.status === 'pending')) return { kind: 'idle', reason: 'nothing_pending' };
    if (plan?.assignmentId !== assignment.id) {
      failures = 0;
      plan = { assignmentId: assignment.id, renewAt: halfway(assignment.leaseExpiresAt, 0) };
    }
    const wait = plan.renewAt - deps.clock().getTime();
    if (wait > 0) return { kind: 'waiting', assignmentId: assignment.id, renewInMs: wait };
    return renew(s, assignment.id, assignment.leaseExpiresAt);
  }

  const nextDelay = (result: LeaseStep): number | null =>
    result.kind === 'idle' || result.kind === 'lost' || !plan ? null : Math.max(0, plan.renewAt - deps.clock().getTime());

  function schedule(delayMs: number | null): void {
    if (timer) clearTimeout(timer);
    timer = null;
    if (stopped || !session || delayMs === null) return;
    // A failed step has been logged by check(); the keeper then waits for the next lease or sign-in.
    timer = setTimeout(() => void check().catch(() => undefined), delayMs);
    timer.unref();
  }

  /** Runs one step now (joining one already running) and plans the next. */
  async function check(): Promise<LeaseStep> {
    if (!running) {
      running = step()
        .then((result) => {
          schedule(nextDelay(result));
          return result;
        })
        .catch((error: unknown) => {
          deps.log(`[sync] lease keeper stopped: ${(error as Error).stack ?? String(error)}`);
          throw error;
        })
        .finally(() => {
          running = null;
        });
    }
    return running;
  }

  return {
    check,
    /** Starts (or stops, with null) keeping the leases of this account's batches. */
    setSession(next: SyncSession | null): void {
      session = next;
      plan = null;
      if (next) void check().catch(() => undefined);
      else schedule(null);
    },
    /** A new batch was leased: start keeping it (after any step already under way for the old one). */
    leased(): void {
      void (running ?? Promise.resolve())
        .catch(() => undefined)
        .then(() => check())
        .catch(() => undefined);
    },
    async stop(): Promise<void> {
      stopped = true;
      schedule(null);
      await running?.catch(() => undefined);
    },
  };
}

export type LeaseKeeper = ReturnType<typeof createLeaseKeeper>;
