import path from 'node:path';
import type { DecisionEntry } from '@workstation/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueueState, SyncStatus } from '../../../electron/api';
import { createCore, type Core } from '../../../electron/core';
import { createTestPlatform } from '../../../electron/core/platform/testing';
import { createUpstreamClient } from '../../../electron/core/sync';
import { startUpstream, type Upstream } from '../../../upstream';
import { decidableItems, untilAnalysed } from '../../support/analysed';
import { tempDir } from '../../unit/store/fixtures';
import { openDbFile, storeRootKeyOf } from '../../support/storeFile';

const UNDO_MS = 50;

let tmp: ReturnType<typeof tempDir>;
let upstream: Upstream;
let platform: ReturnType<typeof createTestPlatform>;
let dbFile: string;
let core: Core;
/** The key the core encrypted its database with, for reading the file behind its back. */
let rootKey: string;
/** The core's clock (through its platform); the test moves it, so the undo window and retries pass only when it says so. */
let now = Date.now();

const openCore = () =>
  createCore({
    platform,
    upstreamUrl: upstream.url,
    dbFile,
    undoMs: UNDO_MS,
    syncPollMs: 3_600_000,
  });

const upstreamDecisions = () =>
  upstream.db.query<{ idempotency_key: string; item_id: string; action: string; reason_code: string | null; supersedes: string | null }>(
    'SELECT idempotency_key, item_id, action, reason_code, supersedes FROM decisions ORDER BY decided_at, idempotency_key',
  );

/** What the core's own file holds, read through a separate read-only connection. */
function localOutbox(): Array<{ key: string; state: string; payload: DecisionEntry }> {
  const db = openDbFile(dbFile, rootKey);
  try {
    return (
      db.prepare('SELECT idempotency_key AS key, state, payload FROM outbox ORDER BY created_at, rowid').all() as Array<{
        key: string;
        state: string;
        payload: string;
      }>
    ).map((r) => ({ ...r, payload: JSON.parse(r.payload) as DecisionEntry }));
  } finally {
    db.close();
  }
}

async function decide(itemId: string, action: 'approve' | 'remove' | 'escalate' | 'skip', reasonCode: string | null = null) {
  await untilAnalysed(core.dispatch, itemId);
  const skipReason = action === 'skip' ? 'not_my_language' : null;
  const { decision } = (await core.dispatch('review.decide', { itemId, action, reasonCode, skipReason, note: null })) as { decision: { id: string } };
  return decision.id;
}

beforeAll(async () => {
  tmp = tempDir('workstation');
  dbFile = path.join(tmp.dir, 'data', 'workstation.db');
  platform = createTestPlatform(path.join(tmp.dir, 'data'));
  platform.setNow(now);
  upstream = await startUpstream({ port: 0, size: 16, seed: 11 });
  core = await openCore();
  rootKey = await storeRootKeyOf(platform.keychain);
});

afterAll(async () => {
  await core?.close();
  await upstream?.close();
  tmp?.remove();
});

describe('workstation core against the reference upstream', () => {
  let queue: QueueState;
  /** The batch's items a plain decision may be made on: all but a child-safety match. */
  let decidable: string[];
  let firstThree: string[];

  it('signs in as mod1 and leases a batch that is kept locally', async () => {
    expect(await core.dispatch('session.login', { username: 'mod1', password: 'demo' })).toMatchObject({
      account: { username: 'mod1', role: 'moderator' },
    });
    queue = (await core.dispatch('queue.lease', { size: 6 })) as QueueState;
    expect(queue.items).toHaveLength(6);
    expect(queue.progress).toEqual({ done: 0, total: 6 });
    decidable = await decidableItems(
      core.dispatch,
      queue.items.map((i) => i.id),
    );
    expect(decidable.length).toBeGreaterThanOrEqual(5);
    const policy = (await core.dispatch('policy.reasonCodes', {})) as { reasonCodes: Array<{ code: string }> };
    expect(policy.reasonCodes.map((c) => c.code)).toContain('HATE-1');
  });

  it('uploads three decisions with sync.now once their undo window has passed, and the upstream has exactly those', async () => {
    const [a, b, c] = decidable;
    firstThree = [await decide(a!, 'approve'), await decide(b!, 'remove', 'HATE-1'), await decide(c!, 'escalate', 'HATE-1')];

    const inWindow = (await core.dispatch('sync.now', {})) as SyncStatus;
    expect(inWindow.pendingUploads).toBe(3);
    expect(await upstreamDecisions()).toEqual([]);

    now += UNDO_MS;
    platform.setNow(now);
    const status = (await core.dispatch('sync.now', {})) as SyncStatus;
    expect(status).toMatchObject({ online: true, pendingUploads: 0, lastError: null, conflicts: [] });

    const remote = await upstreamDecisions();
    expect(remote.map((d) => d.idempotency_key).sort()).toEqual([...firstThree].sort());
    expect(remote.map((d) => [d.item_id, d.action, d.reason_code])).toEqual(
      expect.arrayContaining([
        [a, 'approve', null],
        [b, 'remove', 'HATE-1'],
        [c, 'escalate', 'HATE-1'],
      ]),
    );
    expect(localOutbox().map((e) => e.state)).toEqual(['accepted', 'accepted', 'accepted']);
  });

  it('answers a re-send of the same outbox entries with duplicate and still holds three', async () => {
    const client = createUpstreamClient({ baseUrl: upstream.url });
    const { token } = await client.login('mod1', 'demo');
    const entries = localOutbox().map((e) => e.payload);
    expect(entries.map((e) => e.idempotencyKey)).toEqual(firstThree);

    const results = await client.uploadDecisions(token, entries);
    expect(results.map((r) => [r.idempotencyKey, r.status])).toEqual(firstThree.map((k) => [k, 'duplicate']));
    expect(await upstreamDecisions()).toHaveLength(3);
  });

  it('resumes the session after a restart and uploads what was pending at shutdown', async () => {
    const [, , , d, e] = decidable;
    const pendingAtShutdown = [await decide(d!, 'approve'), await decide(e!, 'skip')];
    await core.close();
    expect(
      localOutbox()
        .filter((o) => o.state === 'pending')
        .map((o) => o.key),
    ).toEqual(pendingAtShutdown);

    now += UNDO_MS;
    platform.setNow(now);
    core = await openCore();
    expect(await core.dispatch('session.current', {})).toMatchObject({ account: { username: 'mod1' } });
    const restored = (await core.dispatch('queue.state', {})) as QueueState;
    expect(restored.progress).toEqual({ done: 5, total: 6 });
    const decided = new Set([...decidable.slice(0, 5)]);
    expect(restored.currentItemId).toBe(queue.items.find((i) => !decided.has(i.id))?.id);

    const status = (await core.dispatch('sync.now', {})) as SyncStatus;
    expect(status.pendingUploads).toBe(0);
    const remote = await upstreamDecisions();
    expect(remote.map((r) => r.idempotency_key).sort()).toEqual([...firstThree, ...pendingAtShutdown].sort());
    expect(platform.lines.some((l) => l.includes('resumed the session of mod1'))).toBe(true);
  });
});
