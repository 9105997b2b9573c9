/**
 * Child-safety clearance in core (issue 12): the upstream leases child-safety items only to
 * cleared moderators, but the workstation may recognise one itself after a newer bank arrives.
 * Then an uncleared moderator may not open, decide, act on, reveal or escalate it — only hand it
 * back — and this holds with the renderer bypassed.
 */
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ApiError, type ItemView, type QueueState } from '../../../electron/api';
import { createCore, type Core } from '../../../electron/core';
import { createTestPlatform } from '../../../electron/core/platform/testing';
import { DEMO_CHILD_SAFETY_BANK, startUpstream, type Upstream } from '../../../upstream';
import { untilAnalysed } from '../../support/analysed';
import { tempDir } from '../../unit/store/fixtures';

let tmp: ReturnType<typeof tempDir>;
let upstream: Upstream;
let core: Core;

beforeAll(async () => {
  tmp = tempDir('clearance');
  upstream = await startUpstream({ port: 0, size: 20, seed: 4 });
  core = await createCore({ platform: createTestPlatform(path.join(tmp.dir, 'data')), upstreamUrl: upstream.url, syncPollMs: 3_600_000 });
});

afterAll(async () => {
  await core?.close();
  await upstream?.close();
  tmp?.remove();
});

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => error as ApiError,
  );

it('refuses an uncleared moderator everything on an item a newer bank marks as child safety, except handing it back', async () => {
  const { account } = (await core.dispatch('session.login', { username: 'mod2', password: 'demo' })) as { account: { childSafetyCleared: boolean } };
  expect(account.childSafetyCleared).toBe(false);
  const queue = (await core.dispatch('queue.lease', { size: 6 })) as QueueState;
  const views: ItemView[] = [];
  for (const item of queue.items) views.push(await untilAnalysed(core.dispatch, item.id));
  const target = views.find((v) => v.item.media.length > 0)!;

  // The upstream's child-safety bank learns this file's SHA-256 (a supervisor adds it), and the workstation syncs.
  const login = await fetch(`${upstream.url}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'supervisor1', password: 'demo' }),
  });
  const { token } = (await login.json()) as { token: string };
  const added = await fetch(`${upstream.url}/banks/${DEMO_CHILD_SAFETY_BANK}/entries`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ add: [{ id: 'newly-banked', kind: 'sha256', hash: target.item.media[0]!.sha256 }] }),
  });
  expect(added.status).toBe(200);
  await core.dispatch('sync.now', {});

  const itemId = target.item.id;
  for (const [name, input] of [
    ['queue.item', { itemId }],
    ['review.decide', { itemId, action: 'approve', reasonCode: null, note: null }],
    ['escalation.open', { itemId, kind: 'child_safety' }],
    [
      'actions.apply',
      { kind: 'content', action: 'remove_content', itemIds: [itemId], accountId: null, reasonCode: 'HATE-1', params: {}, note: null },
    ],
    ['reveal.begin', { itemId, sha256: target.item.media[0]!.sha256, kind: 'hold_full' }],
  ] as const) {
    const error = await refusal(core.dispatch(name, input));
    expect(error, name).toBeInstanceOf(ApiError);
    expect(error?.code, name).toBe('forbidden');
    expect(error?.message, name).toContain('child-safety clearance, which mod2 does not have');
  }
  const handedBack = (await core.dispatch('review.decide', {
    itemId,
    action: 'skip',
    reasonCode: null,
    skipReason: 'needs_specialist',
    note: 'not cleared',
  })) as {
    decision: { action: string };
  };
  expect(handedBack.decision.action).toBe('skip');
});
