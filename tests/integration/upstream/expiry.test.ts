import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Upstream } from '../../../upstream';
import { addReviewer, backend, entry, login, startTestUpstream, type ApiClient } from './harness';

// Long enough that a loaded CI box finishes a request inside it, short enough to wait out.
const LEASE_SECONDS = 1.5;
const waitForExpiry = () => new Promise((resolve) => setTimeout(resolve, LEASE_SECONDS * 1000 + 300));

describe(`upstream lease expiry (${backend})`, () => {
  let upstream: Upstream;
  let alice: ApiClient;
  let bob: ApiClient;

  beforeAll(async () => {
    upstream = await startTestUpstream({ seed: 11, size: 12, leaseSeconds: LEASE_SECONDS });
    alice = await login(upstream, 'mod1');
    bob = await addReviewer(upstream, 'bob');
  });
  afterAll(() => upstream?.close());

  test('expired leases return their unreviewed items to the pool, and the old owner can no longer renew', async () => {
    const first = (await alice.post('/assignments/lease', { size: 3 })).body.assignment;
    const decided = first.items[0].id;
    const decision = entry({ key: 'expiry-decided-1', itemId: decided, assignmentId: first.id, action: 'approve' });
    expect((await alice.post('/decisions/batch', { entries: [decision] })).body.results[0].status).toBe('accepted');
    await waitForExpiry();

    const second = (await bob.post('/assignments/lease', { size: 3 })).body.assignment;
    const returned = first.items.slice(1).map((i: { id: string }) => i.id);
    expect(second.items.map((i: { id: string }) => i.id).slice(0, 2)).toEqual(returned);
    expect(second.items.map((i: { id: string }) => i.id)).not.toContain(decided);

    const renew = await alice.post(`/assignments/${first.id}/renew`);
    expect([renew.status, renew.body.error?.code]).toEqual([409, 'lease_expired']);

    const late = await alice.post('/decisions/batch', {
      entries: [entry({ key: 'expiry-late-1', itemId: returned[0], assignmentId: first.id, action: 'approve' })],
    });
    expect(late.body.results[0]).toMatchObject({ status: 'conflict', conflict: { code: 'reassigned' } });
  });

  test('a decision made on an expired lease nobody else took is accepted, and that lease still renews', async () => {
    const lease = (await alice.post('/assignments/lease', { size: 2 })).body.assignment;
    await waitForExpiry();
    const offline = entry({ key: 'expiry-offline-1', itemId: lease.items[0].id, assignmentId: lease.id, action: 'remove', reasonCode: 'SCAM-1' });
    expect((await alice.post('/decisions/batch', { entries: [offline] })).body.results[0].status).toBe('accepted');
    const renew = await alice.post(`/assignments/${lease.id}/renew`);
    expect(renew.status).toBe(200);
    expect(Date.parse(renew.body.leaseExpiresAt)).toBeGreaterThan(Date.now());
    const other = (await bob.post('/assignments/lease', { size: 12 })).body.assignment;
    expect(other.items.map((i: { id: string }) => i.id)).not.toContain(lease.items[1].id);
  });
});
