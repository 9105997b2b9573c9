/**
 * Core: every domain service composed into one object that both transports host. Plain Node:
 * nothing here imports 'electron'; what differs between hosts comes in through Platform.
 */
import path from 'node:path';
import { createSessions } from './auth';
import { createDispatcher } from './dispatch';
import { createEventHub } from './events';
import { createHandlers } from './handlers';
import type { Platform } from './platform';
import { createPreviewService } from './previews';
import { openStore } from './store';
import { createSyncLoop, createUpstreamClient } from './sync';

export interface CoreOptions {
  platform: Platform;
  upstreamUrl: string;
  /** Defaults to workstation.db in the platform's data folder. */
  dbFile?: string;
  clock?: () => Date;
  /** Undo window for decisions; default 5 s. */
  undoMs?: number;
  syncPollMs?: number;
  defaultBatchSize?: number;
  fetch?: typeof fetch;
}

export async function createCore(options: CoreOptions) {
  const { platform } = options;
  const clock = options.clock ?? (() => new Date());
  const log = platform.log;
  const store = openStore(options.dbFile ?? path.join(platform.dataDir, 'workstation.db'));
  const client = createUpstreamClient({ baseUrl: options.upstreamUrl, fetch: options.fetch });
  const events = createEventHub(log);
  const sessions = createSessions({ store, client, keychain: platform.keychain, log });
  const sync = createSyncLoop({
    store,
    client,
    clock,
    log,
    pollMs: options.syncPollMs,
    onStatus: (status) => events.emit({ type: 'sync.status', status }),
  });
  const handlers = createHandlers({
    store,
    client,
    sessions,
    sync,
    events,
    clock,
    log,
    defaultBatchSize: options.defaultBatchSize ?? 25,
    review: {
      store,
      clock,
      undoMs: options.undoMs ?? 5_000,
      reasonCodes: () => store.policy()?.reasonCodes ?? [],
    },
  });
  const dispatch = createDispatcher(handlers, sessions.current, log);
  const preview = createPreviewService({ store, client, sessions, clock });

  const restored = await sessions.restore();
  if (restored) {
    log(`[core] resumed the session of ${restored.account.username}`);
    sync.setSession({ accountId: restored.account.id, token: restored.token });
  }

  return {
    dispatch,
    preview,
    subscribe: events.subscribe,
    storeFile: store.file,
    async close(): Promise<void> {
      await sync.stop();
      store.close();
    },
  };
}

export type Core = Awaited<ReturnType<typeof createCore>>;
export type { Platform } from './platform';
export { createNodePlatform, createTestPlatform } from './platform';
