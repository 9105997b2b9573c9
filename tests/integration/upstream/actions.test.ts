import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Upstream } from '../../../upstream';
import { addReviewer, backend, login, startTestUpstream, type ApiClient } from './harness';

interface LeasedItem {
  id: string;
  account: { id: string };
}

interface ActionInput {
  key: string;
  kind: 'content' | 'account';
  action: string;
  itemIds?: string[];
  accountId?: string;
  reasonCode: string;
  params?: { suspensionDays?: number; label?: string };
}

const action = (input: ActionInput) => ({
  idempotencyKey: input.key,
  kind: input.kind,
  action: input.action,
  itemIds: input.itemIds ?? [],
  ...(input.accountId === undefined ? {} : { accountId: input.accountId }),
  reasonCode: input.reasonCode,
  params: input.params ?? {},
  decidedAt: '2025-06-01T12:00:00.000Z',
});

describe(`upstream enforcement actions (${backend})`, () => {
  let upstream: Upstream;
  let alice: ApiClient;
  let bob: ApiClient;
  let supervisor: ApiClient;
  let items: LeasedItem[];
  let keyCounter = 0;
  const key = (label: string): string => `act-${label}-${(keyCounter += 1)}`;
  const next = (): LeasedItem => items.shift()!;

  const send = async (client: ApiClient, entries: ReturnType<typeof action>[]) => {
    const reply = await client.post('/actions/batch', { entries });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    return reply.body.results as { idempotencyKey: string; status: string; conflict?: { code: string; message: string } }[];
  };

  beforeAll(async () => {
    upstream = await startTestUpstream({ seed: 21, size: 40 });
    alice = await login(upstream, 'mod1');
    bob = await addReviewer(upstream, 'bob');
    supervisor = await login(upstream, 'supervisor1');
    items = (await alice.post('/assignments/lease', { size: 30 })).body.assignment.items;
  });
  afterAll(() => upstream?.close());

  test('content and account actions are accepted, then duplicate on retry, and listed with every field', async () => {
    const item = next();
    const batch = [
      action({
        key: key('label'),
        kind: 'content',
        action: 'label_content',
        itemIds: [item.id],
        reasonCode: 'VIOL-1',
        params: { label: 'graphic violence' },
      }),
      action({
        key: key('suspend'),
        kind: 'account',
        action: 'suspend_account',
        accountId: item.account.id,
        itemIds: [item.id],
        reasonCode: 'HATE-1',
        params: { suspensionDays: 7 },
      }),
      action({ key: key('dm'), kind: 'account', action: 'disable_direct_messages', accountId: item.account.id, reasonCode: 'HARASS-1' }),
    ];
    expect((await send(alice, batch)).map((r) => r.status)).toEqual(['accepted', 'accepted', 'accepted']);
    expect((await send(alice, batch)).map((r) => r.status)).toEqual(['duplicate', 'duplicate', 'duplicate']);

    const byItem = (await supervisor.get(`/actions?itemId=${item.id}`)).body.actions;
    expect(byItem.map((a: { idempotencyKey: string }) => a.idempotencyKey).sort()).toEqual(
      [batch[0]!.idempotencyKey, batch[1]!.idempotencyKey].sort(),
    );
    const suspension = byItem.find((a: { action: string }) => a.action === 'suspend_account');
    expect(suspension).toEqual({
      idempotencyKey: batch[1]!.idempotencyKey,
      kind: 'account',
      action: 'suspend_account',
      itemIds: [item.id],
      accountId: item.account.id,
      reasonCode: 'HATE-1',
      params: { suspensionDays: 7 },
      decidedAt: '2025-06-01T12:00:00.000Z',
      moderatorId: expect.any(String),
      receivedAt: expect.any(String),
    });
    const byAccount = (await supervisor.get(`/actions?accountId=${item.account.id}`)).body.actions;
    expect(byAccount.map((a: { action: string }) => a.action).sort()).toEqual(['disable_direct_messages', 'suspend_account']);
  });

  test('a content action may cover several items', async () => {
    const [a, b] = [next(), next()];
    const entry = action({ key: key('multi'), kind: 'content', action: 'limit_reach', itemIds: [a.id, b.id], reasonCode: 'SPAM-1' });
    expect((await send(alice, [entry]))[0]!.status).toBe('accepted');
    for (const item of [a, b]) {
      expect((await supervisor.get(`/actions?itemId=${item.id}`)).body.actions.map((x: { idempotencyKey: string }) => x.idempotencyKey)).toEqual([
        entry.idempotencyKey,
      ]);
    }
  });

  test('a reason code only allows the actions its policy entry lists', async () => {
    const item = next();
    const results = await send(alice, [
      action({ key: key('na'), kind: 'content', action: 'age_restrict', itemIds: [item.id], reasonCode: 'CSAE-1' }),
      action({ key: key('na'), kind: 'account', action: 'warn_user', accountId: item.account.id, reasonCode: 'TERR-1' }),
      action({ key: key('na'), kind: 'content', action: 'remove_content', itemIds: [item.id], reasonCode: 'NOPE-1' }),
      action({ key: key('ok'), kind: 'content', action: 'age_restrict', itemIds: [item.id], reasonCode: 'NUD-1' }),
    ]);
    expect(results.map((r) => r.conflict?.code ?? r.status)).toEqual(['action_not_allowed', 'action_not_allowed', 'bad_reason_code', 'accepted']);
    expect(results[0]!.conflict!.message).toContain('remove_content, terminate_account');
    expect(results[0]!.conflict!.message).not.toContain('report_ncmec');
  });

  test('every policy action name is an action the upstream knows or an escalation', async () => {
    const policy = (await alice.get('/policy')).body;
    const known = new Set([
      'remove_content',
      'age_restrict',
      'limit_reach',
      'label_content',
      'warn_user',
      'disable_direct_messages',
      'restrict_comments',
      'filter_comments',
      'force_private',
      'suspend_account',
      'terminate_account',
      'report_ncmec',
      'report_law_enforcement',
      'preserve_evidence',
      'send_support_resources',
    ]);
    for (const reason of policy.reasonCodes) for (const name of reason.actions) expect(known.has(name), `${reason.code}: ${name}`).toBe(true);
  });

  test('unknown items, items never assigned to you and unknown accounts are refused', async () => {
    const item = next();
    const elsewhere = (await bob.post('/assignments/lease', { size: 1 })).body.assignment.items[0];
    const results = await send(alice, [
      action({ key: key('unk'), kind: 'content', action: 'remove_content', itemIds: ['itm_missing'], reasonCode: 'SPAM-1' }),
      action({ key: key('unk'), kind: 'content', action: 'remove_content', itemIds: [item.id, elsewhere.id], reasonCode: 'SPAM-1' }),
      action({ key: key('unk'), kind: 'account', action: 'warn_user', accountId: 'acct_missing', reasonCode: 'SPAM-1' }),
    ]);
    expect(results.map((r) => r.conflict?.code)).toEqual(['unknown_item', 'unknown_item', 'unknown_account']);
    expect(results[1]!.conflict!.message).toContain(elsewhere.id);
    expect(results[1]!.conflict!.message).not.toContain(item.id);
  });

  test('removed content and terminated accounts are final: later actions on them are already_actioned', async () => {
    const item = next();
    const escalation = await send(alice, [
      action({ key: key('rm'), kind: 'content', action: 'remove_content', itemIds: [item.id], reasonCode: 'CSAE-1' }),
      action({
        key: key('term'),
        kind: 'account',
        action: 'terminate_account',
        accountId: item.account.id,
        itemIds: [item.id],
        reasonCode: 'CSAE-1',
      }),
    ]);
    expect(escalation.map((r) => r.status)).toEqual(['accepted', 'accepted']);
    const after = await send(alice, [
      action({ key: key('late'), kind: 'content', action: 'label_content', itemIds: [item.id], reasonCode: 'VIOL-1', params: { label: 'late' } }),
      action({ key: key('late'), kind: 'account', action: 'warn_user', accountId: item.account.id, reasonCode: 'SPAM-1' }),
      action({ key: key('late'), kind: 'account', action: 'terminate_account', accountId: item.account.id, reasonCode: 'SCAM-1' }),
    ]);
    expect(after.map((r) => r.conflict?.code)).toEqual(['already_actioned', 'already_actioned', 'already_actioned']);
    const [row] = await upstream.db.query<{ removed_by_action: string }>('SELECT removed_by_action FROM items WHERE id = $1', [item.id]);
    expect(row!.removed_by_action).toBe(escalation[0]!.idempotencyKey);
  });

  test('concurrent retries of one batch accept each entry exactly once', async () => {
    const item = next();
    const batch = [
      action({ key: key('race'), kind: 'content', action: 'age_restrict', itemIds: [item.id], reasonCode: 'SEX-1' }),
      action({ key: key('race'), kind: 'account', action: 'restrict_comments', accountId: item.account.id, reasonCode: 'HATE-1' }),
    ];
    const all = await Promise.all(Array.from({ length: 6 }, () => send(alice, batch)));
    for (const index of [0, 1]) {
      const statuses = all.map((results) => results[index]!.status).sort();
      expect(statuses).toEqual(['accepted', 'duplicate', 'duplicate', 'duplicate', 'duplicate', 'duplicate']);
    }
  });

  test('shape rules are 400s naming the field', async () => {
    const item = items[0]!;
    const cases: Array<[Record<string, unknown>, string]> = [
      [
        action({ key: key('bad'), kind: 'account', action: 'suspend_account', accountId: item.account.id, reasonCode: 'HATE-1' }),
        'entries.0.params.suspensionDays',
      ],
      [
        action({
          key: key('bad'),
          kind: 'account',
          action: 'suspend_account',
          accountId: item.account.id,
          reasonCode: 'HATE-1',
          params: { suspensionDays: 366 },
        }),
        'entries.0.params.suspensionDays',
      ],
      [
        action({
          key: key('bad'),
          kind: 'account',
          action: 'suspend_account',
          accountId: item.account.id,
          reasonCode: 'HATE-1',
          params: { suspensionDays: 0 },
        }),
        'entries.0.params.suspensionDays',
      ],
      [
        action({
          key: key('bad'),
          kind: 'account',
          action: 'warn_user',
          accountId: item.account.id,
          reasonCode: 'HATE-1',
          params: { suspensionDays: 3 },
        }),
        'entries.0.params.suspensionDays',
      ],
      [action({ key: key('bad'), kind: 'content', action: 'label_content', itemIds: [item.id], reasonCode: 'VIOL-1' }), 'entries.0.params.label'],
      [action({ key: key('bad'), kind: 'account', action: 'warn_user', reasonCode: 'HATE-1' }), 'entries.0.accountId'],
      [action({ key: key('bad'), kind: 'content', action: 'remove_content', itemIds: [], reasonCode: 'HATE-1' }), 'entries.0.itemIds'],
      [action({ key: key('bad'), kind: 'content', action: 'terminate_account', itemIds: [item.id], reasonCode: 'HATE-1' }), 'entries.0.action'],
      [action({ key: key('bad'), kind: 'account', action: 'remove_content', accountId: item.account.id, reasonCode: 'HATE-1' }), 'entries.0.action'],
      [
        { ...action({ key: key('bad'), kind: 'content', action: 'remove_content', itemIds: [item.id], reasonCode: 'HATE-1' }), params: { days: 3 } },
        'entries.0.params',
      ],
    ];
    for (const [entry, field] of cases) {
      const reply = await alice.post('/actions/batch', { entries: [entry] });
      expect(reply.status, field).toBe(400);
      expect(reply.body.error.field).toBe(field);
    }
    expect((await bob.post('/actions/batch', { entries: [] })).body.error.field).toBe('entries');
  });

  test('a label with a NUL or another control character is a 400 naming the entry field, never a 500, and nothing is written', async () => {
    const item = items[1]!;
    const clean = action({ key: key('clean'), kind: 'content', action: 'remove_content', itemIds: [item.id], reasonCode: 'SPAM-1' });
    for (const label of ['graphic\u0000violence', 'graphic\u001bviolence']) {
      const poison = action({
        key: key('nul'),
        kind: 'content',
        action: 'label_content',
        itemIds: [item.id],
        reasonCode: 'VIOL-1',
        params: { label },
      });
      const reply = await alice.post('/actions/batch', { entries: [clean, poison] });
      expect(reply.status).toBe(400);
      expect(reply.body.error).toMatchObject({ code: 'bad_request', field: 'entries.1.params.label' });
    }
    expect(await upstream.db.query('SELECT 1 FROM enforcement_actions WHERE idempotency_key = $1', [clean.idempotencyKey])).toEqual([]);
  });

  test('only moderators send actions and only supervisors list them', async () => {
    const entry = action({ key: key('role'), kind: 'content', action: 'remove_content', itemIds: [items[0]!.id], reasonCode: 'SPAM-1' });
    expect((await supervisor.post('/actions/batch', { entries: [entry] })).status).toBe(403);
    expect((await alice.get('/actions')).status).toBe(403);
    expect((await supervisor.get('/actions?limit=0')).body.error.field).toBe('limit');
  });
});
