import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../../electron/api';
import { decide, queueState, readinessOf, type ReviewDeps } from '../../../electron/core/review';
import { openStore, type Store } from '../../../electron/core/store';
import { createLeaseKeeper, createUpstreamClient, type LeaseKeeper } from '../../../electron/core/sync';
import { T0, at, reviewItem, tempDir } from '../store/fixtures';
import { json, startLocalServer, type LocalServer, type Responder } from './localServer';

const session = { accountId: 'mod-1', token: 'tok-mod-1' };
const MIN = 60_000;

let tmp: ReturnType<typeof tempDir>;
let store: Store;
let server: LocalServer;
let keeper: LeaseKeeper;
let now: number;
let lines: string[];
let expiring: Array<{ assignmentId: string; expiresAt: string }>;
let lost: string[];

const renewTo =
  (expiresAt: string): Responder =>
  (_req, res) =>
    json(res, 200, { leaseExpiresAt: expiresAt });
const unavailable: Responder = (_req, res) => json(res, 503, { error: { code: 'unavailable', message: 'down for maintenance' } });
const leaseExpired: Responder = (_req, res) =>
  json(res, 409, { error: { code: 'lease_expired', message: 'assignment asg-1 expired and some of its items went to another assignment' } });
const renewals = () => server.seen.filter((r) => r.path === '/assignments/asg-1/renew');

/** A batch of three items whose lease ends `expiresInMs` after T0. */
function leaseBatch(expiresInMs: number): void {
  store.saveAssignment({ id: 'asg-1', accountId: 'mod-1', leasedAt: at(0), leaseExpiresAt: at(expiresInMs) }, [
    reviewItem('i1'),
    reviewItem('i2'),
    reviewItem('i3'),
  ]);
}

const review = (): ReviewDeps => ({
  store,
  clock: () => new Date(now),
  undoMs: 0,
  reasonCodes: () => [],
  readiness: () => readinessOf([]),
  signalSummary: () => ({ bankCategory: null, classifierBand: 'none', groomingLevel: 'none' }),
});

beforeEach(async () => {
  tmp = tempDir('lease-keeper');
  store = openStore(path.join(tmp.dir, 'workstation.db'));
  server = await startLocalServer(unavailable);
  now = T0;
  lines = [];
  expiring = [];
  lost = [];
  keeper = createLeaseKeeper({
    store,
    client: createUpstreamClient({ baseUrl: server.url, timeoutMs: 2_000 }),
    clock: () => new Date(now),
    log: (line) => lines.push(line),
    onExpiring: (assignmentId, expiresAt) => expiring.push({ assignmentId, expiresAt }),
    onLost: (assignmentId) => lost.push(assignmentId),
    random: () => 0.5,
    backoff: { baseMs: 1_000, capMs: 60_000 },
  });
  // Steps are driven by the tests through check(); the session is set without its first step.
  keeper.setSession(session);
  await keeper.check();
});

afterEach(async () => {
  await keeper.stop();
  await server.close();
  store.close();
  tmp.remove();
});

describe('lease keeper', () => {
  it('waits half the remaining time before renewing, without calling the upstream', async () => {
    leaseBatch(30 * MIN);
    expect(await keeper.check()).toEqual({ kind: 'waiting', assignmentId: 'asg-1', renewInMs: 15 * MIN });
    expect(renewals()).toHaveLength(0);
  });

  it('renews once the wait is over and stores the new expiry', async () => {
    leaseBatch(30 * MIN);
    expect(await keeper.check()).toMatchObject({ kind: 'waiting' });
    now = T0 + 15 * MIN;
    server.respond(renewTo(at(45 * MIN)));
    expect(await keeper.check()).toEqual({ kind: 'renewed', assignmentId: 'asg-1', leaseExpiresAt: at(45 * MIN) });
    expect(renewals()).toHaveLength(1);
    expect(renewals()[0]!.authorization).toBe('Bearer tok-mod-1');
    expect(store.assignment('asg-1')?.leaseExpiresAt).toBe(at(45 * MIN));
    expect(await keeper.check()).toEqual({ kind: 'waiting', assignmentId: 'asg-1', renewInMs: 15 * MIN });
  });

  it('keeps nothing alive when no item is pending: decisions upload whatever the lease', async () => {
    leaseBatch(1_000);
    for (const itemId of ['i1', 'i2', 'i3']) decide(review(), 'mod-1', { itemId, action: 'approve', reasonCode: null, note: null });
    expect(await keeper.check()).toEqual({ kind: 'idle', reason: 'nothing_pending' });
    expect(renewals()).toHaveLength(0);
  });

  it('backs off on failure and stays quiet while more than the warning time is left', async () => {
    leaseBatch(30 * MIN);
    expect(await keeper.check()).toMatchObject({ kind: 'waiting', renewInMs: 15 * MIN });
    now = T0 + 15 * MIN;
    // random 0.5 draws half of the 1 s, 2 s, 4 s ceilings.
    expect(await keeper.check()).toMatchObject({ kind: 'failed', retryInMs: 1_000, error: 'down for maintenance' });
    expect(await keeper.check()).toMatchObject({ kind: 'waiting', renewInMs: 1_000 });
    now += 1_000;
    expect(await keeper.check()).toMatchObject({ kind: 'failed', retryInMs: 1_000 });
    now += 1_000;
    expect(await keeper.check()).toMatchObject({ kind: 'failed', retryInMs: 2_000 });
    expect(expiring).toHaveLength(0);
    expect(lines.filter((l) => l.includes('renewing the lease on batch asg-1 failed'))).toHaveLength(3);
  });

  it('honours Retry-After as the earliest retry', async () => {
    leaseBatch(30 * MIN);
    await keeper.check();
    now = T0 + 15 * MIN;
    server.respond((_req, res) => json(res, 429, { error: { code: 'rate_limited', message: 'slow down' } }, { 'retry-after': '7' }));
    expect(await keeper.check()).toMatchObject({ kind: 'failed', retryInMs: 7_000 });
  });

  it('retries by the warning line at the latest, then warns once per expiry while renewal keeps failing', async () => {
    leaseBatch(2 * MIN + 4_000);
    // Half of 2 min 4 s is 62 s; at that point 62 s are left before the lease ends, already inside the warning time.
    expect(await keeper.check()).toMatchObject({ kind: 'waiting', renewInMs: 62_000 });
    now = T0 + 62_000;
    expect(await keeper.check()).toMatchObject({ kind: 'failed' });
    expect(expiring).toEqual([{ assignmentId: 'asg-1', expiresAt: at(2 * MIN + 4_000) }]);
    now += 1_000;
    expect(await keeper.check()).toMatchObject({ kind: 'failed' });
    expect(expiring).toHaveLength(1);
  });

  it('cuts a long backoff short at the warning line so the warning is not late', async () => {
    leaseBatch(10 * MIN);
    now = T0 + 5 * MIN;
    await keeper.stop();
    keeper = createLeaseKeeper({
      store,
      client: createUpstreamClient({ baseUrl: server.url, timeoutMs: 2_000 }),
      clock: () => new Date(now),
      log: (line) => lines.push(line),
      onExpiring: (assignmentId, expiresAt) => expiring.push({ assignmentId, expiresAt }),
      onLost: (assignmentId) => lost.push(assignmentId),
      random: () => 0.999,
      backoff: { baseMs: 10 * MIN, capMs: 10 * MIN },
    });
    keeper.setSession(session);
    await keeper.check();
    now = T0 + 7 * MIN + 30_000;
    // 2.5 min left: a ~10 min backoff would sleep through the warning line, 30 s away.
    expect(await keeper.check()).toMatchObject({ kind: 'failed', retryInMs: 30_000 });
    expect(expiring).toHaveLength(0);
    now += 31_000;
    expect(await keeper.check()).toMatchObject({ kind: 'failed' });
    expect(expiring).toEqual([{ assignmentId: 'asg-1', expiresAt: at(10 * MIN) }]);
  });

  it('renews a lease that ran out while offline when the upstream still allows it', async () => {
    leaseBatch(5 * MIN);
    now = T0 + 7 * MIN;
    server.respond(renewTo(at(37 * MIN)));
    expect(await keeper.check()).toMatchObject({ kind: 'renewed', leaseExpiresAt: at(37 * MIN) });
    expect(queueState(store, 'mod-1', new Date(now))).toMatchObject({ leaseState: 'active', currentItemId: 'i1' });
  });

  it('marks the batch lost on 409 lease_expired: no item offered, new decisions refused, made ones still queued', async () => {
    leaseBatch(5 * MIN);
    decide(review(), 'mod-1', { itemId: 'i1', action: 'approve', reasonCode: null, note: null });
    expect(store.pendingCount('mod-1')).toBe(1);
    now = T0 + 6 * MIN;
    server.respond(leaseExpired);
    expect(await keeper.check()).toEqual({ kind: 'lost', assignmentId: 'asg-1' });
    expect(lost).toEqual(['asg-1']);
    expect(store.leaseLostAt('asg-1')).toBe(at(6 * MIN));
    expect(lines.some((l) => l.includes('the lease on batch asg-1 is gone'))).toBe(true);
    expect(queueState(store, 'mod-1', new Date(now))).toMatchObject({
      leaseState: 'expired',
      currentItemId: null,
      progress: { done: 1, total: 3 },
    });
    let refused: unknown;
    try {
      decide(review(), 'mod-1', { itemId: 'i2', action: 'approve', reasonCode: null, note: null });
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(ApiError);
    expect((refused as ApiError).code).toBe('conflict');
    // A correction of an item already decided is still the moderator's to make.
    decide(review(), 'mod-1', { itemId: 'i1', action: 'skip', skipReason: 'not_my_language', reasonCode: null, note: null });
    expect(store.pendingCount('mod-1')).toBe(2);
    expect(await keeper.check()).toEqual({ kind: 'idle', reason: 'lost' });
    expect(renewals()).toHaveLength(1);
  });

  it('reports expiring in the queue state when less than the warning time is left', () => {
    leaseBatch(90_000);
    expect(queueState(store, 'mod-1', new Date(now))).toMatchObject({ leaseState: 'expiring', currentItemId: 'i1' });
    expect(queueState(store, 'mod-1', new Date(now), 60_000)).toMatchObject({ leaseState: 'active' });
  });

  it('does nothing without a session or a batch', async () => {
    expect(await keeper.check()).toEqual({ kind: 'idle', reason: 'no_batch' });
    keeper.setSession(null);
    expect(await keeper.check()).toEqual({ kind: 'idle', reason: 'signed_out' });
    expect(server.seen).toHaveLength(0);
  });
});
