/**
 * Retention: reviewed content leaves the workstation once it has served its purpose. After an
 * item's decisions have synced and their undo windows are over (or its lease went back to the
 * pool), its texts and account details are blanked and its files deleted; escalation evidence
 * stays until the upstream acknowledges the report. Runs at start and in the background; logs
 * counts only, never what was purged.
 */
import type { ReviewItem } from '../../api';
import type { PurgeCounts, Store } from '../store';

/** What is kept of a purged item: what it was and which files it had, none of what it said. */
function redactReviewItem(payload: unknown): unknown {
  const item = payload as ReviewItem;
  return {
    ...item,
    caption: null,
    comments: [],
    thread: [],
    account: { ...item.account, displayName: '', bio: '' },
  };
}

export interface RetentionDeps {
  store: Pick<Store, 'purgeReviewedContent'>;
  clock: () => Date;
  log: (line: string) => void;
  /** Files just deleted, so in-memory caches built from them (rendered previews) drop them too. */
  onPurged: (sha256s: readonly string[]) => void;
  /** How often the background purge looks; default 30 s. */
  everyMs?: number;
}

export function createRetention(deps: RetentionDeps) {
  let timer: NodeJS.Timeout | null = null;

  function purgeNow(): PurgeCounts {
    const { purgedMedia, ...counts } = deps.store.purgeReviewedContent(deps.clock().toISOString(), redactReviewItem);
    if (counts.items > 0 || counts.mediaFiles > 0) {
      deps.onPurged(purgedMedia);
      deps.log(`[retention] purged the content of ${counts.items} items and ${counts.mediaFiles} media files (${counts.mediaBytes} bytes)`);
    }
    return counts;
  }

  function safely(): void {
    try {
      purgeNow();
    } catch (error) {
      deps.log(`[retention] purge failed; it runs again in ${deps.everyMs ?? 30_000} ms: ${(error as Error).message}`);
    }
  }

  return {
    purgeNow,
    /** Purges what is due now, then keeps looking in the background. */
    start(): void {
      safely();
      timer = setInterval(safely, deps.everyMs ?? 30_000);
      timer.unref();
    },
    stop(): void {
      if (timer) clearInterval(timer);
      timer = null;
    },
  };
}

export type Retention = ReturnType<typeof createRetention>;
