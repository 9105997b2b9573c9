import path from 'node:path';
import type { DecisionEntry } from '@workstation/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../../electron/api';
import { openStore, type Store } from '../../../electron/core/store';
import { createSyncLoop, createUpstreamClient, STUCK_AFTER_FAILED_ATTEMPTS, type SyncLoop } from '../../../electron/core/sync';
import { T0, at, decisionRecord, reviewItem, tempDir, uploadOf } from '../store/fixtures';
import { json, startLocalServer, type LocalServer, type Responder, type SeenRequest } from './localServer';

const session = { accountId: 'mod-1', token: 'tok-mod-1' };

let tmp: ReturnType<typeof tempDir>;
let store: Store;
let server: LocalServer;
let loop: SyncLoop;
let now: number;
let published: SyncStatus[];
let lines: string[];

const acceptAll: Responder = (req, res) => {
  const { entries } = req.body as { entries: DecisionEntry[] };
  json(res, 200, { results: entries.map((e) => ({ idempotencyKey: e.idempotencyKey, status: 'accepted' })) });
};

const uploads = () => server.seen.filter((r) => r.path === '/decisions/batch');
const keysOf = (body: unknown) => (body as { entries: DecisionEntry[] }).entries.map((e) => e.idempotencyKey);

/** Accepts every batch that does not carry `poison`; answers one that does with `status` and an error body. */
const failingWith =
  (poison: string, status: number, error: { code: string; message: string; field?: (index: number) => string }): Responder =>
  (req, res) => {
    const keys = keysOf(req.body);
    const index = keys.indexOf(poison);
    if (index === -1) return acceptAll(req, res);
    const { field, ...rest } = error;
    json(res, status, { error: { ...rest, ...(field ? { field: field(index) } : {}) } });
  };

const uploadedKeys = (requests: readonly SeenRequest[] = uploads()) => requests.map((r) => keysOf(r.body));
const stateOf = (id: string) => store.decision(id, new Date(now).toISOString())?.upload;

/** Records decisions decision-0..decision-(n-1) at T0 with a 1 s undo window (so they are due from T0 + 1 s). */
function decideMany(n: number): string[] {
  const ids = Array.from({ length: n }, (_, i) => `decision-${i}`);
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

    expect(uploads().map((r) => keysOf(r.body))).toEqual([['decision-0', 'decision-1'], ['decision-2', 'decision-3'], ['decision-4']]);
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
    expect(store.nextDueAt('mod-1', new Date(now).toISOString())).toBe(new Date(now + 500).toISOString());
    expect(store.dueEntries('mod-1', new Date(now + 499).toISOString(), 10)).toEqual([]);
    expect(store.dueEntries('mod-1', new Date(now + 500).toISOString(), 10).map((e) => e.attempts)).toEqual([1, 1, 1]);

    now += 500;
    await loop.syncNow();
    // Second consecutive failure doubles the ceiling: 0.5 * 2 s.
    expect(store.nextDueAt('mod-1', new Date(now).toISOString())).toBe(new Date(now + 1_000).toISOString());
    expect(lines.filter((l) => l.includes('upload of 3 entries failed (network)'))).toHaveLength(2);
    await loop.stop();

    // The same entries, under the same keys, go once the upstream is back.
    now += 1_000;
    startLoop();
    loop.setSession(session);
    const recovered = await loop.syncNow();
    expect(recovered).toMatchObject({ online: true, pendingUploads: 0, lastError: null });
    expect(uploads().map((r) => keysOf(r.body))).toEqual([['decision-0', 'decision-1', 'decision-2']]);
  });

  it('waits at least the Retry-After of a 503 before trying again', async () => {
    decideMany(1);
    server.respond((_req, res) => json(res, 503, { error: { code: 'maintenance', message: 'Back soon' } }, { 'retry-after': '30' }));
    startLoop();
    loop.setSession(session);
    const status = await loop.syncNow();
    expect(status).toMatchObject({ online: true, pendingUploads: 1, lastError: 'Back soon' });
    expect(store.nextDueAt('mod-1', new Date(now).toISOString())).toBe(new Date(now + 30_000).toISOString());

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
      const { entries } = req.body as { entries: DecisionEntry[] };
      json(res, 200, {
        results: entries.map((e) =>
          e.idempotencyKey === 'decision-1'
            ? { idempotencyKey: 'decision-1', status: 'conflict', conflict: { code: 'reassigned', message: 'now leased to mod2' } }
            : { idempotencyKey: e.idempotencyKey, status: e.idempotencyKey === 'decision-2' ? 'duplicate' : 'accepted' },
        ),
      });
    });
    startLoop();
    loop.setSession(session);
    const status = await loop.syncNow();

    expect(status.pendingUploads).toBe(0);
    expect(status.conflicts).toEqual([
      { decisionId: 'decision-1', kind: 'decision', itemId: 'item-decision-1', code: 'reassigned', message: 'now leased to mod2' },
    ]);
    expect(store.decision('decision-1', new Date(now).toISOString())?.upload).toBe('conflict');
    expect(store.decision('decision-2', new Date(now).toISOString())?.upload).toBe('uploaded');
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
    expect(uploads().map((r) => keysOf(r.body))).toEqual([['decision-0']]);
    expect(store.pendingCount('mod-2')).toBe(1);
  });

  it('moves the entry a 400 names to the conflicts at once, with the upstream’s reason, and uploads its batch-mates', async () => {
    decideMany(5);
    server.respond(
      failingWith('decision-2', 400, {
        code: 'bad_request',
        message: 'entries.2.note: must not contain control characters',
        field: (i) => `entries.${i}.note`,
      }),
    );
    startLoop();
    loop.setSession(session);
    const status = await loop.syncNow();

    expect(uploadedKeys()).toEqual([
      ['decision-0', 'decision-1', 'decision-2', 'decision-3', 'decision-4'],
      ['decision-0', 'decision-1'],
      ['decision-2'],
      ['decision-3', 'decision-4'],
    ]);
    expect(status.pendingUploads).toBe(0);
    expect(status.conflicts).toEqual([
      {
        decisionId: 'decision-2',
        kind: 'decision',
        itemId: 'item-decision-2',
        code: 'bad_request',
        message: 'entries.2.note: must not contain control characters',
      },
    ]);
    expect(status.stuck).toEqual([]);
    expect(['decision-0', 'decision-1', 'decision-2', 'decision-3', 'decision-4'].map(stateOf)).toEqual([
      'uploaded',
      'uploaded',
      'conflict',
      'uploaded',
      'uploaded',
    ]);
    await loop.syncNow();
    expect(uploads()).toHaveLength(4);
  });

  it('finds a refused entry by halving when the 400 names none', async () => {
    decideMany(8);
    server.respond(failingWith('decision-5', 400, { code: 'bad_request', message: 'the upstream cannot take this' }));
    startLoop();
    loop.setSession(session);
    const status = await loop.syncNow();

    expect(status.pendingUploads).toBe(0);
    expect(status.conflicts.map((c) => [c.decisionId, c.code, c.message])).toEqual([['decision-5', 'bad_request', 'the upstream cannot take this']]);
    expect(uploadedKeys()).toEqual([
      ['decision-0', 'decision-1', 'decision-2', 'decision-3', 'decision-4', 'decision-5', 'decision-6', 'decision-7'],
      ['decision-0', 'decision-1', 'decision-2', 'decision-3'],
      ['decision-4', 'decision-5', 'decision-6', 'decision-7'],
      ['decision-4', 'decision-5'],
      ['decision-4'],
      ['decision-5'],
      ['decision-6', 'decision-7'],
    ]);
  });

  it('keeps an entry this version cannot read as a conflict instead of failing every upload', async () => {
    decideMany(2);
    const unreadable = decisionRecord({ id: 'garbled', itemId: 'item-x' }, 0, 1_000);
    store.recordDecision(unreadable, { idempotencyKey: 'garbled' });
    startLoop();
    loop.setSession(session);
    const status = await loop.syncNow();
    expect(uploadedKeys()).toEqual([['decision-0', 'decision-1']]);
    expect(status.pendingUploads).toBe(0);
    expect(status.conflicts).toEqual([
      {
        decisionId: 'garbled',
        kind: 'decision',
        itemId: 'item-x',
        code: 'unreadable_entry',
        message: expect.stringMatching(/^This queued decision is not one the upstream takes \(\w+: .+\), so it was not uploaded/),
      },
    ]);
  });

  it('does not take a 401 for a refusal of the entries: they stay pending', async () => {
    decideMany(2);
    server.respond((_req, res) => json(res, 401, { error: { code: 'unauthorized', message: 'sign in first' } }));
    startLoop();
    loop.setSession(session);
    const status = await loop.syncNow();
    expect(status).toMatchObject({ pendingUploads: 2, conflicts: [], lastError: 'sign in first' });
  });

  it('lets other items’ entries past one that keeps failing with 500, holds back only its own item, and shows it stuck until it uploads', async () => {
    decideMany(3);
    // A correction of the failing entry's item, made after it: it must never overtake it.
    const fix = decisionRecord({ id: 'decision-1-fix', itemId: 'item-decision-1', supersedes: 'decision-1' }, 5, 1_000);
    store.recordDecision(fix, uploadOf(fix));
    server.respond(failingWith('decision-1', 500, { code: 'internal_error', message: 'the server failed on this request' }));
    startLoop();
    loop.setSession(session);
    const firstFailure = new Date(now).toISOString();

    // The batch fails and is halved at once until decision-1 fails alone; the rest upload, and the
    // correction of its item waits for it.
    const first = await loop.syncNow();
    expect(uploadedKeys()).toEqual([
      ['decision-0', 'decision-1', 'decision-2', 'decision-1-fix'],
      ['decision-0', 'decision-1'],
      ['decision-2'],
      ['decision-0'],
      ['decision-1'],
    ]);
    expect(['decision-0', 'decision-1', 'decision-1-fix', 'decision-2'].map(stateOf)).toEqual(['uploaded', 'queued', 'queued', 'uploaded']);
    expect(first).toMatchObject({ online: true, pendingUploads: 2, stuck: [] });
    expect(lines.filter((l) => l.includes('uploads pause'))).toEqual([]);

    // Decisions made meanwhile about other items upload at once, however often decision-1 has failed.
    for (let attempt = 2; attempt <= STUCK_AFTER_FAILED_ATTEMPTS; attempt++) {
      const later = decisionRecord({ id: `later-decision-${attempt}`, itemId: `other-${attempt}` }, 6, 1_000);
      store.recordDecision(later, uploadOf(later));
      await loop.syncNow();
      expect(uploadedKeys().at(-1)).toEqual([`later-decision-${attempt}`]);
      now = Date.parse(store.nextDueAt('mod-1', new Date(now).toISOString())!);
      await loop.syncNow();
      expect(uploadedKeys().at(-1)).toEqual(['decision-1']);
    }
    const stuck = loop.status();
    expect(stuck.pendingUploads).toBe(2);
    expect(stuck.stuck).toEqual([
      {
        uploadId: 'decision-1',
        kind: 'decision',
        itemId: 'item-decision-1',
        attempts: STUCK_AFTER_FAILED_ATTEMPTS,
        message: 'the server failed on this request',
        since: firstFailure,
      },
    ]);
    expect(uploadedKeys().slice(1).flat()).not.toContain('decision-1-fix');

    // Once the upstream takes it, it leaves the stuck list, and the correction follows it.
    server.respond(acceptAll);
    now = Date.parse(store.nextDueAt('mod-1', new Date(now).toISOString())!);
    const recovered = await loop.syncNow();
    expect(recovered).toMatchObject({ pendingUploads: 0, stuck: [], conflicts: [] });
    expect(uploadedKeys().slice(-2)).toEqual([['decision-1'], ['decision-1-fix']]);
  });

  it('stops and pauses uploads after three failed requests in a row instead of trying every entry', async () => {
    decideMany(10);
    server.respond((_req, res) => json(res, 500, { error: { code: 'internal_error', message: 'the server failed on this request' } }));
    startLoop(2);
    loop.setSession(session);
    const status = await loop.syncNow();
    expect(uploadedKeys()).toEqual([['decision-0', 'decision-1'], ['decision-0'], ['decision-1']]);
    expect(status).toMatchObject({ pendingUploads: 10, lastError: 'the server failed on this request' });
    expect(lines.filter((l) => l.includes('uploads pause for'))).toHaveLength(1);
    // Paused: decision-6..9 are due, and decision-0..5 soon after, yet nothing goes until the pause is over.
    await loop.syncNow();
    now = Date.parse(store.nextDueAt('mod-1', new Date(now).toISOString())!);
    await loop.syncNow();
    expect(uploads()).toHaveLength(3);
    now += 60_000;
    server.respond(acceptAll);
    expect((await loop.syncNow()).pendingUploads).toBe(0);
  });
});
