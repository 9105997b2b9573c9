import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Core } from '../../../electron/core';
import { createTestPlatform, type TestPlatform } from '../../../electron/core/platform/testing';
import { startUpstream, type Upstream } from '../../../upstream';
import { tempDir } from '../../unit/store/fixtures';
import { startFlakyProxy, type FlakyProxy } from './support/flakyProxy';
import { createFaultCore, decide, drain, duplicates, leaseWithRetry, outboxStates, until, upstreamDecisions } from './support/workstation';
import { decidableItems } from '../../support/analysed';
import { storeRootKeyOf } from '../../support/storeFile';

const SEED = Number(process.env.FAULT_SEED ?? 20_251_125);
const DECISIONS = 10_000;
const BATCH = 100;

let tmp: ReturnType<typeof tempDir>;
let upstream: Upstream;
let proxy: FlakyProxy;
let core: Core;
let platform: TestPlatform;
let dbFile: string;

beforeAll(async () => {
  tmp = tempDir('faults-flaky');
  dbFile = path.join(tmp.dir, 'workstation.db');
  upstream = await startUpstream({ port: 0, size: 200, seed: 3 });
  proxy = await startFlakyProxy({
    target: upstream.url,
    seed: SEED,
    faults: { drop: 0.05, error500: 0.05, rateLimit: 0.01, slow: 0.05, lostReply: 0.05 },
    retryAfterSeconds: 1,
    slowMs: [100, 400],
  });
  platform = createTestPlatform(tmp.dir);
  core = await createFaultCore({
    platform,
    upstreamUrl: proxy.url,
    dbFile,
    syncPollMs: 100,
    syncBackoff: { baseMs: 20, capMs: 500 },
  });
});

afterAll(async () => {
  await core?.close();
  await proxy?.close();
  await upstream?.close();
  tmp?.remove();
});

it(`loses and duplicates none of ${DECISIONS} decisions through a proxy that drops, fails, throttles, stalls and loses replies`, async () => {
  await until('sign-in through the proxy', 30_000, async () => {
    try {
      return await core.dispatch('session.login', { username: 'mod1', password: 'demo' });
    } catch {
      return null;
    }
  });
  const queue = await leaseWithRetry(core, BATCH);
  expect(queue.items).toHaveLength(BATCH);
  const items = await decidableItems(
    core.dispatch,
    queue.items.map((i) => i.id),
  );

  // Every item is decided, then corrected again and again, so per-item order matters on the upstream too.
  const made: string[] = [];
  for (let round = 0; made.length < DECISIONS; round++) {
    for (const itemId of items) {
      if (made.length === DECISIONS) break;
      made.push(await decide(core, itemId, `round ${round}`));
    }
  }
  await drain(core, 150_000);

  const received = await upstreamDecisions(upstream);
  const keys = received.map((d) => d.key);
  const madeSet = new Set(made);
  const keySet = new Set(keys);
  const lost = made.filter((id) => !keySet.has(id));
  const strangers = keys.filter((key) => !madeSet.has(key));
  const outbox = outboxStates(dbFile, await storeRootKeyOf(platform.keychain));
  const answeredDuplicate = [...outbox.values()].filter((s) => s === 'duplicate').length;
  console.log(
    `[faults] flaky proxy (seed ${SEED}): ${made.length} decisions made, ${keys.length} in upstream, ${lost.length} lost, ` +
      `${duplicates(keys).length} duplicates, ${answeredDuplicate} re-sends answered duplicate; proxy ${JSON.stringify(proxy.counts)}`,
  );
  expect(lost).toEqual([]);
  expect(duplicates(keys)).toEqual([]);
  expect(strangers).toEqual([]);
  expect(keys).toHaveLength(DECISIONS);
  expect([...outbox.values()].every((s) => s === 'accepted' || s === 'duplicate')).toBe(true);
  // The faults really happened, including replies lost after the upstream committed.
  expect(proxy.counts.lostReply).toBeGreaterThan(0);
  expect(answeredDuplicate).toBeGreaterThan(0);
});
