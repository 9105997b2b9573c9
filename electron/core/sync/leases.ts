import type { ReviewItem } from '../../api';
import type { CachedMedia, Store } from '../store';
import type { SyncSession } from './session';
import type { UpstreamClient } from './client';
import { UpstreamError } from './errors';

/** Leases a batch from the upstream and keeps it locally, so review goes on if the network drops. */
export async function leaseBatch(
  deps: { store: Store; client: UpstreamClient; clock: () => Date },
  session: SyncSession,
  size: number,
): Promise<{ assignmentId: string; items: ReviewItem[] }> {
  const { assignment } = await deps.client.lease(session.token, size);
  deps.store.saveAssignment(
    {
      id: assignment.id,
      accountId: session.accountId,
      leasedAt: deps.clock().toISOString(),
      leaseExpiresAt: assignment.leaseExpiresAt,
    },
    assignment.items,
  );
  return { assignmentId: assignment.id, items: assignment.items };
}

/** The media's bytes from the local cache, downloading (and verifying) them first if needed. */
export async function ensureMedia(
  deps: { store: Store; client: UpstreamClient; clock: () => Date },
  token: string,
  sha256: string,
): Promise<CachedMedia> {
  const cached = deps.store.media(sha256);
  if (cached) return cached;
  const { bytes, mimeType } = await deps.client.media(token, sha256);
  const media = { sha256, mimeType, bytes };
  deps.store.putMedia(media, deps.clock().toISOString());
  return media;
}

/**
 * Downloads the media of the given items in review order, a couple at a time, so the next items
 * are on disk before the moderator reaches them. Failures are logged and left for on-demand retry.
 * onItemFetched hears of each item once all its media were tried, so its analysis can start while
 * later items are still downloading.
 */
export async function prefetchMedia(
  deps: { store: Store; client: UpstreamClient; clock: () => Date; log: (line: string) => void },
  token: string,
  items: readonly ReviewItem[],
  onItemFetched: (item: ReviewItem) => void = () => {},
  concurrency = 2,
): Promise<number> {
  const queue = items.flatMap((item) => item.media.map((m) => ({ item, sha256: m.sha256 })));
  const left = new Map(items.map((item) => [item.id, item.media.length]));
  for (const item of items) if (item.media.length === 0) onItemFetched(item);
  let fetched = 0;
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      try {
        if (deps.store.hasMedia(next.sha256)) continue;
        await ensureMedia(deps, token, next.sha256);
        fetched++;
      } catch (error) {
        deps.log(`[sync] prefetch of media ${next.sha256} for item ${next.item.id} failed: ${(error as Error).message}`);
      } finally {
        const remaining = left.get(next.item.id)! - 1;
        left.set(next.item.id, remaining);
        if (remaining === 0) onItemFetched(next.item);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return fetched;
}

/**
 * Hands undecided items of a batch back to the pool (a limit stops review, or they were withheld
 * and another batch is wanted): the batch stops being offered here at once, and the upstream is
 * asked to take the items back. Offline, their lease simply runs out upstream, since nothing
 * renews it any more.
 */
export async function releaseBatch(
  deps: { store: Store; client: UpstreamClient; clock: () => Date; log: (line: string) => void },
  session: SyncSession,
  assignmentId: string,
  itemIds: readonly string[],
): Promise<void> {
  deps.store.markLeaseLost(assignmentId, deps.clock().toISOString());
  try {
    const { released } = await deps.client.release(session.token, assignmentId, itemIds);
    deps.log(`[sync] handed ${released.length} of ${itemIds.length} undecided items of batch ${assignmentId} back to the pool`);
  } catch (error) {
    if (!(error instanceof UpstreamError)) throw error;
    deps.log(`[sync] could not hand batch ${assignmentId} back (${error.message}); it is no longer renewed, so its lease runs out upstream`);
  }
}
