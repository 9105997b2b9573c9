/** Retention wired into core: after a decision syncs and its undo window is over, the item's content and file leave the store. */
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ItemView, QueueState } from '../../../electron/api';
import { createCore, type Core } from '../../../electron/core';
import { createTestPlatform, type TestPlatform } from '../../../electron/core/platform/testing';
import { startUpstream, type Upstream } from '../../../upstream';
import { decidableItems } from '../../support/analysed';
import { until } from '../faults/support/workstation';
import { tempDir } from '../../unit/store/fixtures';
import { openStoreFile, storeRootKeyOf } from '../../support/storeFile';

let tmp: ReturnType<typeof tempDir>;
let upstream: Upstream;
let core: Core;
let platform: TestPlatform;

beforeAll(async () => {
  tmp = tempDir('retention-core');
  upstream = await startUpstream({ port: 0, size: 10, seed: 8 });
  platform = createTestPlatform(path.join(tmp.dir, 'data'));
  core = await createCore({ platform, upstreamUrl: upstream.url, undoMs: 0, syncPollMs: 3_600_000, retentionEveryMs: 50 });
});

afterAll(async () => {
  await core?.close();
  await upstream?.close();
  tmp?.remove();
});

it('purges a decided item once its decision has synced, and logs counts only', async () => {
  await core.dispatch('session.login', { username: 'mod1', password: 'demo' });
  const queue = (await core.dispatch('queue.lease', { size: 4 })) as QueueState;
  const [itemId] = await decidableItems(
    core.dispatch,
    queue.items.map((i) => i.id),
  );
  const before = (await core.dispatch('queue.item', { itemId })) as ItemView;
  await core.dispatch('review.decide', { itemId, action: 'approve', reasonCode: null, note: null });
  await core.dispatch('sync.now', {});

  const after = await until('the decided item to be purged', 10_000, async () => {
    const view = (await core.dispatch('queue.item', { itemId })) as ItemView;
    return view.item.caption === null && view.item.account.bio === '' ? view : null;
  });
  expect(after.item.comments).toEqual([]);
  expect(after.item.media.map((m) => m.sha256)).toEqual(before.item.media.map((m) => m.sha256));
  const store = openStoreFile(path.join(tmp.dir, 'data', 'workstation.db'), await storeRootKeyOf(platform.keychain));
  try {
    for (const m of before.item.media) expect(store.hasMedia(m.sha256), m.sha256).toBe(false);
  } finally {
    store.close();
  }
  const purged = platform.lines.filter((l) => l.startsWith('[retention]'));
  expect(purged.length).toBeGreaterThan(0);
  expect(purged.every((l) => /^\[retention\] purged the content of \d+ items and \d+ media files \(\d+ bytes\)$/.test(l))).toBe(true);
});
