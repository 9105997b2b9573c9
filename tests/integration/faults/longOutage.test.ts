import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { SyncStatus } from '../../../electron/api';
import { type Core } from '../../../electron/core';
import { createTestPlatform } from '../../../electron/core/platform/testing';
import { startUpstream, type Upstream } from '../../../upstream';
import { tempDir } from '../../unit/store/fixtures';
import { startFlakyProxy, type FlakyProxy } from './support/flakyProxy';
import { createFaultCore, decide, drain, duplicates, leaseWithRetry, upstreamDecisions } from './support/workstation';
import { decidableItems } from '../../support/analysed';

const ITEMS = 50;
const DECISIONS = 300;

let tmp: ReturnType<typeof tempDir>;
let upstream: Upstream;
let proxy: FlakyProxy;
let core: Core;

beforeAll(async () => {
  tmp = tempDir('faults-outage');
  upstream = await startUpstream({ port: 0, size: 60, seed: 9 });
  // No faults: the proxy is only the switch that takes the upstream off the network.
  proxy = await startFlakyProxy({ target: upstream.url, seed: 1 });
  core = await createFaultCore({
    platform: createTestPlatform(tmp.dir),
    upstreamUrl: proxy.url,
    dbFile: path.join(tmp.dir, 'workstation.db'),
    syncPollMs: 50,
    syncBackoff: { baseMs: 20, capMs: 300 },
  });
});

afterAll(async () => {
  await core?.close();
  await proxy?.close();
  await upstream?.close();
  tmp?.remove();
});

it(`uploads ${DECISIONS} decisions made during an outage exactly once, in order per item, when the upstream returns`, async () => {
  await core.dispatch('session.login', { username: 'mod1', password: 'demo' });
  const queue = await leaseWithRetry(core, ITEMS);
  expect(queue.items).toHaveLength(ITEMS);
  const items = await decidableItems(
    core.dispatch,
    queue.items.map((i) => i.id),
  );

  proxy.setDown(true);
  const made: Array<{ id: string; itemId: string }> = [];
  for (let round = 0; made.length < DECISIONS; round++) {
    for (const itemId of items) {
      if (made.length === DECISIONS) break;
      made.push({ id: await decide(core, itemId, `round ${round}`), itemId });
      // A shift's pace, compressed: the sync loop fails and backs off many times in between.
      if (made.length % 10 === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
  const offline = (await core.dispatch('sync.now', {})) as SyncStatus;
  expect(offline.online).toBe(false);
  expect(offline.pendingUploads).toBe(DECISIONS);
  expect(await upstreamDecisions(upstream)).toHaveLength(0);
  const refusedWhileDown = proxy.counts.down;

  proxy.setDown(false);
  await drain(core, 60_000);

  const received = await upstreamDecisions(upstream);
  const keys = received.map((d) => d.key);
  const onUpstream = new Set(keys);
  const lost = made.filter((d) => !onUpstream.has(d.id));
  const orderOf = (list: ReadonlyArray<{ itemId: string; key: string }>, itemId: string) => list.filter((d) => d.itemId === itemId).map((d) => d.key);
  const madeAs = made.map((d) => ({ itemId: d.itemId, key: d.id }));
  const outOfOrder = items.filter((itemId) => orderOf(received, itemId).join() !== orderOf(madeAs, itemId).join());
  console.log(
    `[faults] long outage: ${DECISIONS} decisions made offline, ${refusedWhileDown} requests refused while down, ` +
      `${keys.length} in upstream after, ${lost.length} lost, ${duplicates(keys).length} duplicates, ${outOfOrder.length} items out of order`,
  );
  expect(lost).toEqual([]);
  expect(duplicates(keys)).toEqual([]);
  expect(keys).toHaveLength(DECISIONS);
  expect(outOfOrder).toEqual([]);
  // Each correction names the decision before it on the same item.
  for (const itemId of items) {
    const chain = received.filter((d) => d.itemId === itemId);
    chain.forEach((d, i) => expect(d.supersedes).toBe(i === 0 ? null : chain[i - 1]!.key));
  }
}, 120_000);
