import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Upstream } from '../../../upstream';
import { addReviewer, backend, entry, login, startTestUpstream, type ApiClient } from './harness';

interface Lease {
  id: string;
  items: { id: string }[];
}

describe(`upstream decisions (${backend})`, () => {
  let upstream: Upstream;
  let alice: ApiClient;
  let bob: ApiClient;
  let supervisor: ApiClient;
  let keyCounter = 0;
  const key = (label: string): string => `key-${label}-${(keyCounter += 1)}`;

  const lease = async (client: ApiClient, size: number): Promise<Lease> => (await client.post('/assignments/lease', { size })).body.assignment;
  const decide = async (client: ApiClient, entries: ReadonlyArray<ReturnType<typeof entry> | Record<string, unknown>>) => {
    const reply = await client.post('/decisions/batch', { entries });
    expect(reply.status).toBe(200);
    return reply.body.results as { idempotencyKey: string; status: string; conflict?: { code: string; message: string } }[];
  };

  beforeAll(async () => {
    upstream = await startTestUpstream({ seed: 9, size: 30 });
    alice = await login(upstream, 'mod1');
    bob = await addReviewer(upstream, 'bob');
    supervisor = await login(upstream, 'supervisor1');
  });
  afterAll(() => upstream?.close());

  test('accepted, then duplicate on retry with nothing written twice', async () => {
    const a = await lease(alice, 2);
    const batch = [
      entry({ key: key('ok'), itemId: a.items[0]!.id, assignmentId: a.id, action: 'approve' }),
      entry({ key: key('ok'), itemId: a.items[1]!.id, assignmentId: a.id, action: 'remove', reasonCode: 'SPAM-1' }),
    ];
    expect((await decide(alice, batch)).map((r) => r.status)).toEqual(['accepted', 'accepted']);
    expect((await decide(alice, batch)).map((r) => r.status)).toEqual(['duplicate', 'duplicate']);
    const log = (await supervisor.get(`/decisions?itemId=${a.items[1]!.id}`)).body.decisions;
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ idempotencyKey: batch[1]!.idempotencyKey, action: 'remove', reasonCode: 'SPAM-1', supersedes: null });
  });

  test('concurrent retries of one batch accept each entry exactly once', async () => {
    const a = await lease(alice, 3);
    const batch = a.items.map((item) => entry({ key: key('race'), itemId: item.id, assignmentId: a.id, action: 'approve' }));
    const all = await Promise.all(Array.from({ length: 6 }, () => decide(alice, batch)));
    for (const [index, e] of batch.entries()) {
      const statuses = all.map((results) => results[index]!.status);
      expect(
        statuses.filter((s) => s === 'accepted'),
        e.idempotencyKey,
      ).toHaveLength(1);
      expect(statuses.filter((s) => s === 'duplicate')).toHaveLength(5);
    }
    const rows = await upstream.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM decisions WHERE idempotency_key = ANY(string_to_array($1, ','))",
      [batch.map((e) => e.idempotencyKey).join(',')],
    );
    expect(rows[0]!.n).toBe(3);
  });

  test('reason codes: remove and escalate need one, and it must exist; the rest of the batch still lands', async () => {
    const a = await lease(alice, 3);
    const [x, y, z] = a.items.map((i) => i.id) as [string, string, string];
    const results = await decide(alice, [
      entry({ key: key('rc'), itemId: x, assignmentId: a.id, action: 'remove', reasonCode: null }),
      entry({ key: key('rc'), itemId: y, assignmentId: a.id, action: 'escalate', reasonCode: 'NOPE-9' }),
      entry({ key: key('rc'), itemId: z, assignmentId: a.id, action: 'escalate', reasonCode: 'GROOM-1' }),
    ]);
    expect(results.map((r) => [r.status, r.conflict?.code])).toEqual([
      ['conflict', 'bad_reason_code'],
      ['conflict', 'bad_reason_code'],
      ['accepted', undefined],
    ]);
    expect(results[1]!.conflict!.message).toContain('NOPE-9');
  });

  test('unknown items, and items outside your assignment, are unknown_item', async () => {
    const a = await lease(alice, 1);
    const b = await lease(bob, 1);
    const results = await decide(alice, [
      entry({ key: key('unk'), itemId: 'itm_does_not_exist', assignmentId: a.id, action: 'approve' }),
      entry({ key: key('unk'), itemId: b.items[0]!.id, assignmentId: b.id, action: 'approve' }),
    ]);
    expect(results.map((r) => r.conflict?.code)).toEqual(['unknown_item', 'unknown_item']);
  });

  test('skip returns the item to the pool; the other moderator then holds it, so a late decision is reassigned; once decided it is already_actioned', async () => {
    const a = await lease(alice, 1);
    const itemId = a.items[0]!.id;
    expect((await decide(alice, [entry({ key: key('skip'), itemId, assignmentId: a.id, action: 'skip' })]))[0]!.status).toBe('accepted');

    // Never back to who skipped it; oldest first for anyone else, so the next moderator gets it.
    const again = await lease(alice, 50);
    expect(again.items.map((i) => i.id)).not.toContain(itemId);
    expect((await alice.post(`/assignments/${again.id}/release`, { itemIds: again.items.map((i) => i.id) })).status).toBe(200);
    const b = await lease(bob, 1);
    expect(b.items.map((i) => i.id)).toEqual([itemId]);

    const late = await decide(alice, [entry({ key: key('late'), itemId, assignmentId: a.id, action: 'approve' })]);
    expect(late[0]).toMatchObject({ status: 'conflict', conflict: { code: 'reassigned' } });

    expect((await decide(bob, [entry({ key: key('bob'), itemId, assignmentId: b.id, action: 'remove', reasonCode: 'HARASS-1' })]))[0]!.status).toBe(
      'accepted',
    );
    const after = await decide(alice, [entry({ key: key('later'), itemId, assignmentId: a.id, action: 'approve' })]);
    expect(after[0]).toMatchObject({ status: 'conflict', conflict: { code: 'already_actioned' } });

    const [item] = await upstream.db.query<{ username: string }>(
      'SELECT a.username FROM items i JOIN accounts a ON a.id = i.final_account_id WHERE i.id = $1',
      [itemId],
    );
    expect(item?.username).toBe('bob');
  });

  test('a correction by the same moderator is kept beside the original and wins', async () => {
    const a = await lease(alice, 1);
    const itemId = a.items[0]!.id;
    const original = entry({
      key: key('orig'),
      itemId,
      assignmentId: a.id,
      action: 'remove',
      reasonCode: 'NUD-1',
      decidedAt: '2025-03-01T10:00:00.000Z',
    });
    const correction = entry({
      key: key('fix'),
      itemId,
      assignmentId: a.id,
      action: 'approve',
      supersedes: original.idempotencyKey,
      decidedAt: '2025-03-01T10:00:05.000Z',
    });
    expect((await decide(alice, [original, correction])).map((r) => r.status)).toEqual(['accepted', 'accepted']);
    const log = (await supervisor.get(`/decisions?itemId=${itemId}`)).body.decisions;
    expect(log.map((d: { action: string }) => d.action)).toEqual(['approve', 'remove']);
    expect(log[0]).toMatchObject({ supersedes: original.idempotencyKey, accountId: expect.any(String), receivedAt: expect.any(String) });
    const [item] = await upstream.db.query<{ final_account_id: string | null }>('SELECT final_account_id FROM items WHERE id = $1', [itemId]);
    expect(item!.final_account_id).toBe(log[0].accountId);
  });

  test('a NUL or another control character in an entry is a 400 naming the entry field, never a 500, and nothing of the batch is written', async () => {
    const a = await lease(alice, 2);
    const [x, y] = a.items.map((i) => i.id) as [string, string];
    const clean = entry({ key: key('clean'), itemId: x, assignmentId: a.id, action: 'approve' });
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ...entry({ key: key('nul'), itemId: y, assignmentId: a.id, action: 'approve' }), note: 'looks fine\u0000then not' }, 'entries.1.note'],
      [{ ...entry({ key: key('bell'), itemId: y, assignmentId: a.id, action: 'approve' }), note: 'ring \u0007' }, 'entries.1.note'],
      // Not a note, but a NUL would still reach the database and fail there: refused the same way.
      [entry({ key: key('code'), itemId: y, assignmentId: a.id, action: 'remove', reasonCode: 'SPAM\u00001' }), 'entries.1.reasonCode'],
      [entry({ key: key('item'), itemId: `${y}\u0000`, assignmentId: a.id, action: 'approve' }), 'entries.1.itemId'],
    ];
    for (const [poison, field] of cases) {
      const reply = await alice.post('/decisions/batch', { entries: [clean, poison] });
      expect(reply.status, field).toBe(400);
      expect(reply.body.error).toMatchObject({ code: 'bad_request', field });
    }
    const written = await upstream.db.query('SELECT 1 FROM decisions WHERE item_id = ANY($1::text[])', [[x, y]]);
    expect(written).toEqual([]);
    // Tab and newline are text: a note may have lines.
    const lines = { ...entry({ key: key('lines'), itemId: y, assignmentId: a.id, action: 'approve' }), note: 'first line\n\tindented' };
    expect((await decide(alice, [clean, lines])).map((r) => r.status)).toEqual(['accepted', 'accepted']);
  });

  test('a NUL the schemas cannot see (in a path or a query) is a 400, not a 500', async () => {
    const renew = await alice.post('/assignments/bad%00id/renew');
    expect(renew.status).toBe(400);
    expect(renew.body.error.code).toBe('bad_request');
    const filtered = await supervisor.get('/decisions?itemId=x%00y');
    expect(filtered.status).toBe(400);
    expect(filtered.body.error).toMatchObject({ code: 'bad_request', field: 'itemId' });
  });

  test('supervisors filter the decision log by account and limit it', async () => {
    const [{ id: bobId }] = (await upstream.db.query<{ id: string }>("SELECT id FROM accounts WHERE username = 'bob'")) as [{ id: string }];
    const mine = (await supervisor.get(`/decisions?accountId=${bobId}`)).body.decisions;
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((d: { accountId: string }) => d.accountId === bobId)).toBe(true);
    const limited = (await supervisor.get('/decisions?limit=2')).body.decisions;
    expect(limited).toHaveLength(2);
    const times = limited.map((d: { receivedAt: string }) => Date.parse(d.receivedAt));
    expect(times[0]).toBeGreaterThanOrEqual(times[1]);
  });
});
