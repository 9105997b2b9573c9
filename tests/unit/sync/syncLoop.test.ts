import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../../electron/api';
import { openStore, type Store } from '../../../electron/core/store';
import { createSyncLoop, createUpstreamClient, type DecisionUpload, type SyncLoop } from '../../../electron/core/sync';
import { T0, at, decisionRecord, reviewItem, tempDir, uploadOf } from '../store/fixtures';
import { json, startLocalServer, type LocalServer, type Responder } from './localServer';

const session = { accountId: 'mod-1', token: 'tok-mod-1' };

let tmp: ReturnType<typeof tempDir>;
let store: Store;
let server: LocalServer;
let loop: SyncLoop;
let now: number;
let published: SyncStatus[];
let lines: string[];

const acceptAll: Responder = (req, res) => {
  const { entries } = req.body as { entries: DecisionUpload[] };
  json(res, 200, { results: entries.map((e) => ({ idempotencyKey: e.idempotencyKey, status: 'accepted' })) });
};

const uploads = () => server.seen.filter((r) => r.path === '/decisions/batch');
const keysOf = (body: unknown) => (body as { entries: DecisionUpload[] }).entries.map((e) => e.idempotencyKey);

/** Records decisions d0..d(n-1) at T0 with a 1 s undo window (so they are due from T0 + 1 s). */
function decideMany(n: number): string[] {
  const ids = Array.from({ length: n }, (_, i) => `d${i}`);
  store.saveAssignment(
    { id: 'asg-1', accountId: 'mod-1', leasedAt: at(0), leaseExpiresAt: at(3_600_000) },
    ids.map((id) => reviewItem(`item-${id}`)),
  );
  ids.forEach((id, i) => {
    const d = decisionRecord({ id, itemId: `item-${id}` }, i, 1_000);
    store.recordDecision(d, uploadOf(d));
  });
  return ids;
}

function startLoop(batchSize = 100): void {
  loop = createSyncLoop({
    store,
    client: createUpstreamClient({ baseUrl: server.url, timeoutMs: 2_000 }),
    clock: () => new Date(now),
    log: (line) => lines.push(line),
    onStatus: (s) => published.push(s),
    random: () => 0.5,
    backoff: { baseMs: 1_000, capMs: 60_000 },
    batchSize,
    // Long enough that only the test's own syncNow calls (and the clock it controls) drive the loop.
    pollMs: 3_600_000,
  });
}

beforeEach(async () => {
  tmp = tempDir('sync-loop');
  store = openStore(path.join(tmp.dir, 'workstation.db'));
  server = await startLocalServer(acceptAll);
  now = T0 + 10_000;
  published = [];
  lines = [];
});

afterEach(async () => {
  await loop.stop();
  await server.close();
  store.close();
  tmp.remove();
});

describe('sync loop', () => {
  it('drains every due entry in batches of batchSize, oldest first, with the session token', async () => {
    const ids = decideMany(5);
    startLoop(2);
    loop.setSession(session);
    const status = await loop.syncNow();

    expect(uploads().map((r) => keysOf(r.body))).toEqual([['d0', 'd1'], ['d2', 'd3'], ['d4']]);
    expect(uploads().every((r) => r.authorization === 'Bearer tok-mod-1')).toBe(true);
    expect(status).toMatchObject({ online: true, pendingUploads: 0, lastError: null, conflicts: [], lastSyncAt: new Date(now).toISOString() });
    expect(ids.map((id) => store.decision(id, new Date(now).toISOString())?.upload)).toEqual(Array(5).fill('uploaded'));
    expect(published.at(-1)?.pendingUploads).toBe(0);
  });

  it('leaves entries inside their undo window alone', async () => {
    decideMany(2);
    now = T0 + 500;
    startLoop();
    loop.setSession(session);
    expect((await loop.syncNow()).pendingUploads).toBe(2);
    expect(uploads()).toEqual([]);
  });

  it('keeps entries pending through a network failure and retries them after the backoff', async () => {
    decideMany(3);
    const dead = await startLocalServer(() => undefined);
    await dead.close();
    loop = createSyncLoop({
      store,
      client: createUpstreamClient({ baseUrl: dead.url }),
      clock: () => new Date(now),
      log: (line) => lines.push(line),
      onStatus: (s) => published.push(s),
      random: () => 0.5,
      backoff: { baseMs: 1_000, capMs: 60_000 },
      pollMs: 3_600_000,
    });
    loop.setSession(session);
    const failed = await loop.syncNow();

    expect(failed.online).toBe(false);
    expect(failed.pendingUploads).toBe(3);
    expect(failed.lastError).toMatch(/unreachable/);
    // First failure: half of the 1 s base (random 0.5); nothing is due before then.
    expect(store.nextDueAt('mod-1')).toBe(new Date(now + 500).toISOString());
    expect(store.dueEntries('mod-1', new Date(now + 499).toISOString(), 10)).toEqual([]);
    expect(store.dueEntries('mod-1', new Date(now + 500).toISOString(), 10).map((e) => e.attempts)).toEqual([1, 1, 1]);

    now += 500;
    await loop.syncNow();
    // Second consecutive failure doubles the ceiling: 0.5 * 2 s.
    expect(store.nextDueAt('mod-1')).toBe(new Date(now + 1_000).toISOString());
    expect(lines.filter((l) => l.includes('upload of 3 entries failed (network)'))).toHaveLength(2);
    await loop.stop();

    // The same entries, under the same keys, go once the upstream is back.
    now += 1_000;
    startLoop();
    loop.setSession(session);
    const recovered = await loop.syncNow();
    expect(recovered).toMatchObject({ online: true, pendingUploads: 0, lastError: null });
    expect(uploads().map((r) => keysOf(r.body))).toEqual([['d0', 'd1', 'd2']]);
  });

  it('waits at least the Retry-After of a 503 before trying again', async () => {
    decideMany(1);
    server.respond((_req, res) => json(res, 503, { error: { code: 'maintenance', message: 'Back soon' } }, { 'retry-after': '30' }));
    startLoop();
    loop.setSession(session);
    const status = await loop.syncNow();
    expect(status).toMatchObject({ online: true, pendingUploads: 1, lastError: 'Back soon' });
    expect(store.nextDueAt('mod-1')).toBe(new Date(now + 30_000).toISOString());

    server.respond(acceptAll);
    now += 29_999;
    await loop.syncNow();
    expect(uploads()).toHaveLength(1);
    now += 1;
    expect((await loop.syncNow()).pendingUploads).toBe(0);
    expect(uploads()).toHaveLength(2);
  });

  it('keeps conflicts, lists them in status().conflicts, and counts only the rest as uploaded', async () => {
    decideMany(3);
    server.respond((req, res) => {
      const { entries } = req.body as { entries: DecisionUpload[] };
      json(res, 200, {
        results: entries.map((e) =>
          e.idempotencyKey === 'd1'
            ? { idempotencyKey: 'd1', status: 'conflict', conflict: { code: 'reassigned', message: 'now leased to mod2' } }
            : { idempotencyKey: e.idempotencyKey, status: e.idempotencyKey === 'd2' ? 'duplicate' : 'accepted' },
        ),
      });
    });
    startLoop();
    loop.setSession(session);
    const status = await loop.syncNow();

    expect(status.pendingUploads).toBe(0);
    expect(status.conflicts).toEqual([{ decisionId: 'd1', kind: 'decision', itemId: 'item-d1', code: 'reassigned', message: 'now leased to mod2' }]);
    expect(store.decision('d1', new Date(now).toISOString())?.upload).toBe('conflict');
    expect(store.decision('d2', new Date(now).toISOString())?.upload).toBe('uploaded');
    // Settled entries do not go again.
    await loop.syncNow();
    expect(uploads()).toHaveLength(1);
    expect(loop.status().conflicts).toHaveLength(1);
  });

  it('a malformed reply reschedules the batch instead of settling it', async () => {
    decideMany(2);
    server.respond((_req, res) => json(res, 200, { results: 'nope' }));
    startLoop();
    loop.setSession(session);
    const status = await loop.syncNow();
    expect(status.pendingUploads).toBe(2);
    expect(status.lastError).toMatch(/decision batch reply/);
    expect(store.dueEntries('mod-1', new Date(now).toISOString(), 10)).toEqual([]);
  });

  it('uploads nothing without a session and only the signed-in account’s entries with one', async () => {
    decideMany(1);
    const theirs = decisionRecord({ id: 'other', itemId: 'x', accountId: 'mod-2' }, 0, 1_000);
    store.recordDecision(theirs, uploadOf(theirs));
    startLoop();
    expect(await loop.syncNow()).toMatchObject({ pendingUploads: 0, conflicts: [] });
    expect(uploads()).toEqual([]);

    loop.setSession(session);
    await loop.syncNow();
    expect(uploads().map((r) => keysOf(r.body))).toEqual([['d0']]);
    expect(store.pendingCount('mod-2')).toBe(1);
  });
});
