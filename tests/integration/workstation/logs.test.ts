/**
 * The logs of a scripted shift hold no secrets: not the upstream's token, not the window's launch
 * token, not a password, and nothing of what was reviewed (captions, comments, messages, account
 * bios, notes). Logs leave the workstation in support tickets; reported people's words must not.
 */
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ItemView, QueueState } from '../../../electron/api';
import { createCore, type Core } from '../../../electron/core';
import { createTestPlatform, type TestPlatform } from '../../../electron/core/platform/testing';
import { startWebHost, type WebHost } from '../../../electron/web';
import { startUpstream, type Upstream } from '../../../upstream';
import { decidableItems } from '../../support/analysed';
import { tempDir } from '../../unit/store/fixtures';

let tmp: ReturnType<typeof tempDir>;
let upstream: Upstream;
let core: Core;
let host: WebHost;
let platform: TestPlatform;
const hostLines: string[] = [];

beforeAll(async () => {
  tmp = tempDir('logs');
  upstream = await startUpstream({ port: 0, size: 12, seed: 21 });
  platform = createTestPlatform(path.join(tmp.dir, 'data'));
  core = await createCore({ platform, upstreamUrl: upstream.url, undoMs: 0, syncPollMs: 3_600_000 });
  host = await startWebHost({ core, staticDir: tmp.dir, log: (line) => hostLines.push(line) });
});

afterAll(async () => {
  await host?.close();
  await core?.close();
  await upstream?.close();
  tmp?.remove();
});

const call = async (name: string, input: unknown = {}): Promise<unknown> => {
  const res = await fetch(`${host.url}/api/${name}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${host.token}` },
    body: JSON.stringify(input),
  });
  return res.json();
};

it('holds no token, password or reviewed text after a shift with decisions, a wrong password and a refusal', async () => {
  await call('session.login', { username: 'mod1', password: 'wrong-password-1' });
  await call('session.login', { username: 'mod1', password: 'demo' });
  const upstreamToken = await platform.keychain.get('upstream-token');
  expect(upstreamToken).toMatch(/^[0-9a-f]{64}$/);
  const queue = (await call('queue.lease', { size: 6 })) as QueueState;
  const ids = await decidableItems(
    call,
    queue.items.map((i) => i.id),
  );
  const views = await Promise.all(queue.items.map(async (i) => (await call('queue.item', { itemId: i.id })) as ItemView));
  for (const [n, itemId] of ids.slice(0, 3).entries())
    await call('review.decide', { itemId, action: 'approve', reasonCode: null, note: `private note ${n} about the poster` });
  await call('review.decide', { itemId: ids[3], action: 'remove', reasonCode: 'NO-SUCH-CODE', note: null });
  await call('sync.now');
  await call('session.logout');

  const logs = [...platform.lines, ...hostLines].join('\n');
  expect(logs.length).toBeGreaterThan(200);
  const reviewed = views.flatMap((v) => [
    v.item.caption,
    ...v.item.comments.map((c) => c.text),
    ...v.item.thread.map((m) => m.text),
    v.item.account.bio,
  ]);
  const secrets = [host.token, upstreamToken, 'wrong-password-1', 'private note', ...reviewed].filter(
    (s): s is string => typeof s === 'string' && s.length >= 6,
  );
  expect(secrets.length).toBeGreaterThan(10);
  const found = secrets.filter((secret) => logs.includes(secret));
  expect(found).toEqual([]);
});
