import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Account, QueueState, SyncStatus } from '../../../electron/api';
import type { Core } from '../../../electron/core';
import { createTestPlatform, type TestPlatform } from '../../../electron/core/platform/testing';
import { STUCK_AFTER_FAILED_ATTEMPTS } from '../../../electron/core/sync';
import { decidableItems } from '../../support/analysed';
import { startUpstream, type Upstream } from '../../../upstream';
import { tempDir } from '../../unit/store/fixtures';
import { startFlakyProxy, type FlakyProxy } from './support/flakyProxy';
import { createFaultCore, decide, outboxStates, until, upstreamDecisions } from './support/workstation';
import { openStoreFile, storeRootKeyOf } from '../../support/storeFile';

let tmp: ReturnType<typeof tempDir>;
let upstream: Upstream;
let proxy: FlakyProxy;
let platform: TestPlatform;
let core: Core;
let dbFile: string;
let queue: QueueState;
/** The batch's items a plain decision may be made on (all but a child-safety match), once analysed. */
let decidable: string[];
/** The item whose decision uploads the proxy answers with a 500, as an upstream with a bug would; null lets all through. */
let failingItem: string | null = null;

const status = async () => (await core.dispatch('sync.status', {})) as SyncStatus;
const onUpstream = async (itemId: string) => (await upstreamDecisions(upstream)).filter((d) => d.itemId === itemId).map((d) => d.key);

beforeAll(async () => {
  tmp = tempDir('faults-poison');
  dbFile = path.join(tmp.dir, 'workstation.db');
  upstream = await startUpstream({ port: 0, size: 30, seed: 17 });
  proxy = await startFlakyProxy({
    target: upstream.url,
    seed: 1,
    intercept: ({ path: p, body }) => {
      if (failingItem === null || p !== '/decisions/batch') return null;
      const { entries } = JSON.parse(body.toString('utf8')) as { entries: Array<{ itemId: string }> };
      if (!entries.some((e) => e.itemId === failingItem)) return null;
      return { status: 500, body: { error: { code: 'internal_error', message: 'the server failed on this request' } } };
    },
  });
  platform = createTestPlatform(tmp.dir);
  core = await createFaultCore({ platform, upstreamUrl: proxy.url, dbFile, syncPollMs: 50, syncBackoff: { baseMs: 20, capMs: 200 } });
  await core.dispatch('session.login', { username: 'mod1', password: 'demo' });
  queue = (await core.dispatch('queue.lease', { size: 10 })) as QueueState;
  expect(queue.items).toHaveLength(10);
  decidable = await decidableItems(
    core.dispatch,
    queue.items.map((i) => i.id),
  );
});

afterAll(async () => {
  await core?.close();
  await proxy?.close();
  await upstream?.close();
  tmp?.remove();
});

it('uploads decisions about other items past one the upstream keeps failing with 500, shows that one stuck, and keeps its item in order', async () => {
  const [poisoned, ...others] = decidable.slice(0, 4) as [string, ...string[]];
  failingItem = poisoned;
  const first = await decide(core, poisoned, 'the upstream fails on this one');
  const clean = [];
  for (const itemId of others) clean.push(await decide(core, itemId, 'fine'));
  const correction = await decide(core, poisoned, 'a correction made while the first still fails');

  const stuck = await until('the failing decision to show as stuck', 60_000, async () => {
    const s = await status();
    return s.stuck?.some((e) => e.uploadId === first && e.attempts >= STUCK_AFTER_FAILED_ATTEMPTS) ? s : null;
  });
  expect(stuck.online).toBe(true);
  expect(stuck.pendingUploads).toBe(2);
  expect(stuck.conflicts).toEqual([]);
  expect(stuck.stuck).toEqual([
    {
      uploadId: first,
      kind: 'decision',
      itemId: poisoned,
      attempts: expect.any(Number),
      message: 'the server failed on this request',
      since: expect.any(String),
    },
  ]);
  for (const [i, itemId] of others.entries()) expect(await onUpstream(itemId)).toEqual([clean[i]]);
  expect(await onUpstream(poisoned)).toEqual([]);
  const states = outboxStates(dbFile, await storeRootKeyOf(platform.keychain));
  expect([first, correction].map((key) => states.get(key))).toEqual(['pending', 'pending']);
  console.log(`[faults] poison entry: ${clean.length} clean decisions uploaded past one failing ${stuck.stuck?.[0]?.attempts} times with 500`);

  // The upstream is fixed: the stuck decision uploads, then its correction, and nothing is stuck any more.
  failingItem = null;
  const healed = await until('the outbox to drain', 60_000, async () => {
    const s = (await core.dispatch('sync.now', {})) as SyncStatus;
    return s.pendingUploads === 0 ? s : null;
  });
  expect(healed.stuck).toEqual([]);
  expect(await onUpstream(poisoned)).toEqual([first, correction]);
});

/** Writes a decision straight into the outbox, past the contract that would refuse it. */
async function recordPoison(id: string, itemId: string, fields: { reasonCode: string | null; note: string | null }): Promise<string> {
  const { account } = (await core.dispatch('session.current', {})) as { account: Account };
  const side = openStoreFile(dbFile, await storeRootKeyOf(platform.keychain));
  const at = new Date().toISOString();
  const poison = {
    id,
    itemId,
    assignmentId: queue.assignment!.id,
    accountId: account.id,
    action: 'approve' as const,
    ...fields,
    decidedAt: at,
    undoUntil: at,
    supersedes: null,
  };
  side.recordDecision(poison, {
    idempotencyKey: id,
    itemId,
    assignmentId: poison.assignmentId,
    action: poison.action,
    ...fields,
    decidedAt: at,
    supersedes: null,
  });
  side.close();
  return id;
}

const drained = () =>
  until('the outbox to drain', 60_000, async () => {
    const s = (await core.dispatch('sync.now', {})) as SyncStatus;
    return s.pendingUploads === 0 ? s : null;
  });

it('moves a decision the real upstream refuses with 400 to the conflicts with its reason, and uploads the others of its batch', async () => {
  const [poisoned, ...others] = decidable.slice(4, 7) as [string, ...string[]];
  // The protocol's schema takes any reason code of up to 64 characters, so this goes up; the
  // upstream refuses control characters in every string of a body, ids and codes too.
  const poison = await recordPoison('poison-reason-decision', poisoned, { reasonCode: 'SPAM\u00001', note: null });
  const clean = [];
  for (const itemId of others) clean.push(await decide(core, itemId, 'fine'));

  const settled = await drained();
  expect(settled.conflicts).toEqual([
    {
      decisionId: poison,
      kind: 'decision',
      itemId: poisoned,
      code: 'bad_request',
      message: expect.stringMatching(/^entries\.\d+\.reasonCode: must not contain control characters/),
    },
  ]);
  expect(settled.stuck).toEqual([]);
  for (const [i, itemId] of others.entries()) expect(await onUpstream(itemId)).toEqual([clean[i]]);
  expect(await onUpstream(poisoned)).toEqual([]);
  expect(platform.lines.filter((l) => l.includes(`the upstream refused decision ${poison} (bad_request)`))).toHaveLength(1);
});

it('keeps a queued decision the protocol refuses (a NUL in its note) as a conflict naming the field, and never sends it', async () => {
  const [poisoned, ...others] = decidable.slice(7, 9) as [string, ...string[]];
  const poison = await recordPoison('poison-note-decision', poisoned, { reasonCode: null, note: 'before\u0000after' });
  const clean = [];
  for (const itemId of others) clean.push(await decide(core, itemId, 'fine'));

  const settled = await drained();
  expect(settled.conflicts.filter((c) => c.decisionId === poison)).toEqual([
    {
      decisionId: poison,
      kind: 'decision',
      itemId: poisoned,
      code: 'unreadable_entry',
      message: expect.stringMatching(/^This queued decision is not one the upstream takes \(note: must not contain control characters/),
    },
  ]);
  for (const [i, itemId] of others.entries()) expect(await onUpstream(itemId)).toEqual([clean[i]]);
  expect(await onUpstream(poisoned)).toEqual([]);
  expect(platform.lines.filter((l) => l.includes(`the upstream refused decision ${poison}`))).toEqual([]);
});
