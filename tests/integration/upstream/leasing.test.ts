import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ReviewItem } from '@workstation/protocol';
import { generateDemoData } from '../../../upstream/demo';
import type { Upstream } from '../../../upstream';
import { backend, login, startTestUpstream, type ApiClient } from './harness';

const SEED = 5;
const SIZE = 60;

describe(`upstream leasing (${backend})`, () => {
  let upstream: Upstream;
  let demoItems: ReviewItem[];
  let expectedOrder: string[];
  let mod1: ApiClient;
  let mod2: ApiClient;
  const leased = new Set<string>();

  const take = (items: ReviewItem[]): string[] => {
    const ids = items.map((i) => i.id);
    for (const id of ids) {
      expect(leased.has(id), `${id} leased twice`).toBe(false);
      leased.add(id);
    }
    return ids;
  };

  beforeAll(async () => {
    upstream = await startTestUpstream({ seed: SEED, size: SIZE });
    demoItems = (await generateDemoData({ seed: SEED, size: SIZE })).items;
    const rank = (i: ReviewItem) => (i.demoTags.includes('hash_bank_match') ? 0 : 1);
    expectedOrder = [...demoItems]
      .sort((a, b) => rank(a) - rank(b) || a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id))
      .map((i) => i.id);
    mod1 = await login(upstream, 'mod1');
    mod2 = await login(upstream, 'mod2');
  });
  afterAll(() => upstream?.close());

  test('the first lease holds the hash-bank match, then the oldest items, as full ReviewItems', async () => {
    const reply = await mod1.post('/assignments/lease', { size: 5 });
    expect(reply.status).toBe(200);
    const { assignment } = reply.body;
    expect(assignment.id).toEqual(expect.any(String));
    expect(Date.parse(assignment.leaseExpiresAt)).toBeGreaterThan(Date.now() + 1700_000);
    expect(take(assignment.items)).toEqual(expectedOrder.slice(0, 5));
    expect(assignment.items[0].demoTags).toEqual(['hash_bank_match']);
    expect(assignment.items[1]).toEqual(demoItems.find((i) => i.id === assignment.items[1].id));
  });

  test('a second moderator gets the next items, disjoint from the first', async () => {
    const reply = await mod2.post('/assignments/lease', { size: 5 });
    expect(take(reply.body.assignment.items)).toEqual(expectedOrder.slice(5, 10));
  });

  test('a lease without a body defaults to 25 items', async () => {
    const reply = await mod2.post('/assignments/lease');
    expect(take(reply.body.assignment.items)).toEqual(expectedOrder.slice(10, 35));
  });

  test('20 concurrent leases from four moderators never overlap', async () => {
    const moderators = [mod1, mod2, await login(upstream, 'mod3'), await login(upstream, 'mod4')];
    const replies = await Promise.all(Array.from({ length: 20 }, (_, i) => moderators[i % 4]!.post('/assignments/lease', { size: 1 })));
    expect(replies.map((r) => r.status)).toEqual(Array(20).fill(200));
    expect(new Set(replies.map((r) => r.body.assignment.id)).size).toBe(20);
    const ids = replies.flatMap((r) => take(r.body.assignment.items));
    expect(ids.sort()).toEqual(expectedOrder.slice(35, 55).sort());
  });

  test('the owner renews; another moderator is refused; an unknown id is 404', async () => {
    const first = (await mod1.post('/assignments/lease', { size: 1 })).body.assignment;
    expect(take(first.items)).toEqual(expectedOrder.slice(55, 56));
    const renewed = await mod1.post(`/assignments/${first.id}/renew`);
    expect(renewed.status).toBe(200);
    expect(Date.parse(renewed.body.leaseExpiresAt)).toBeGreaterThanOrEqual(Date.parse(first.leaseExpiresAt));
    const foreign = await mod2.post(`/assignments/${first.id}/renew`);
    expect([foreign.status, foreign.body.error.code]).toEqual([403, 'forbidden']);
    const unknown = await mod1.post('/assignments/no-such-assignment/renew');
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'not_found']);
  });

  test('the pool runs dry: a short last batch, then an assignment with no items', async () => {
    const last = await mod1.post('/assignments/lease', { size: 10 });
    expect(take(last.body.assignment.items)).toEqual(expectedOrder.slice(56, 60));
    const empty = await mod2.post('/assignments/lease', { size: 10 });
    expect(empty.status).toBe(200);
    expect(empty.body.assignment.items).toEqual([]);
  });
});
