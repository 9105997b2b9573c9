import type { QueueState, SyncStatus } from '../../../../electron/api';
import { createCore, type Core, type Platform } from '../../../../electron/core';
import type { BackoffPolicy } from '../../../../electron/core/sync';
import type { Upstream } from '../../../../upstream';
import { readRows } from '../../../support/storeFile';

/** Fault tests wait in real time; this bounds every wait so a hang fails instead of stalling CI. */
export async function until<T>(what: string, deadlineMs: number, probe: () => Promise<T | null>, everyMs = 50): Promise<T> {
  const end = Date.now() + deadlineMs;
  for (;;) {
    const value = await probe();
    if (value !== null) return value;
    if (Date.now() > end) throw new Error(`Timed out after ${deadlineMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

export async function decide(core: Core, itemId: string, note: string | null = null): Promise<string> {
  const { decision } = (await core.dispatch('review.decide', { itemId, action: 'approve', reasonCode: null, note })) as {
    decision: { id: string };
  };
  return decision.id;
}

/** Leases a batch, retrying while the way to the upstream fails. */
export async function leaseWithRetry(core: Core, size: number, deadlineMs = 30_000): Promise<QueueState> {
  return until('a batch to be leased', deadlineMs, async () => {
    try {
      return (await core.dispatch('queue.lease', { size })) as QueueState;
    } catch {
      return null;
    }
  });
}

/** Runs sync.now until the outbox is empty. */
export async function drain(core: Core, deadlineMs: number): Promise<SyncStatus> {
  return until('the outbox to drain', deadlineMs, async () => {
    const status = (await core.dispatch('sync.now', {})) as SyncStatus;
    return status.pendingUploads === 0 ? status : null;
  });
}

export interface UpstreamDecision {
  key: string;
  itemId: string;
  decidedAt: string;
  supersedes: string | null;
}

/** Every decision the upstream holds, in the order it received them. */
export async function upstreamDecisions(upstream: Upstream): Promise<UpstreamDecision[]> {
  const rows = await upstream.db.query<{ idempotency_key: string; item_id: string; decided_at: Date; supersedes: string | null }>(
    'SELECT idempotency_key, item_id, decided_at, supersedes FROM decisions ORDER BY received_at, idempotency_key',
  );
  return rows.map((r) => ({ key: r.idempotency_key, itemId: r.item_id, decidedAt: r.decided_at.toISOString(), supersedes: r.supersedes }));
}

/** Keys that occur more than once. */
export function duplicates(keys: readonly string[]): string[] {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const key of keys) (seen.has(key) ? twice : seen).add(key);
  return [...twice];
}

/** The workstation's outbox, read through its own read-only connection: key -> state. */
export function outboxStates(dbFile: string, rootKey: string): Map<string, string> {
  const rows = readRows<{ key: string; state: string }>(dbFile, rootKey, 'SELECT idempotency_key AS key, state FROM outbox');
  return new Map(rows.map((r) => [r.key, r.state]));
}

/**
 * A core for fault tests: decisions leave at once (no undo window), the analysis pool is not under
 * test (one thread, no classifier model to load), and the sync timings are the caller's.
 */
export function createFaultCore(options: {
  platform: Platform;
  upstreamUrl: string;
  dbFile: string;
  syncPollMs: number;
  syncBackoff?: BackoffPolicy;
  retentionEveryMs?: number;
}): Promise<Core> {
  return createCore({
    ...options,
    undoMs: 0,
    analysisThreads: 1,
    modelsDir: options.platform.dataDir,
  });
}
