/**
 * Issue 8, hole 6: a moderator must learn that the batch's lease is running out while renewal
 * fails, before decisions start being refused: core says lease.expiring to the renderer and
 * raises an OS notification through Platform.
 */
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { WorkstationEvent } from '../../../electron/api';
import { createCore, type Core } from '../../../electron/core';
import { createTestPlatform } from '../../../electron/core/platform/testing';
import type { TestPlatform } from '../../../electron/core/platform/testing';
import { startUpstream, type Upstream } from '../../../upstream';
import { until } from '../faults/support/workstation';
import { tempDir } from '../../unit/store/fixtures';

let tmp: ReturnType<typeof tempDir>;
let upstream: Upstream;
let core: Core;
let platform: TestPlatform;

beforeAll(async () => {
  tmp = tempDir('lease-warning');
  // A four-second lease, and a warning line beyond it: the first failed renewal must warn.
  upstream = await startUpstream({ port: 0, size: 6, seed: 5, leaseSeconds: 4 });
  platform = createTestPlatform(path.join(tmp.dir, 'data'));
  const renewalsFail: typeof fetch = async (input, init) => {
    if (String(input instanceof Request ? input.url : input).includes('/renew')) throw new TypeError('fetch failed: network is down');
    return fetch(input, init);
  };
  core = await createCore({
    platform,
    upstreamUrl: upstream.url,
    syncPollMs: 3_600_000,
    leaseWarningMs: 60_000,
    fetch: renewalsFail,
    syncBackoff: { baseMs: 50, capMs: 200 },
  });
});

afterAll(async () => {
  await core?.close();
  await upstream?.close();
  tmp?.remove();
});

it('warns through the event stream and a Platform notification when renewal fails close to expiry', async () => {
  const events: WorkstationEvent[] = [];
  core.subscribe((event) => events.push(event));
  await core.dispatch('session.login', { username: 'mod1', password: 'demo' });
  const queue = (await core.dispatch('queue.lease', { size: 3 })) as { assignment: { id: string; leaseExpiresAt: string } };

  const notification = await until('the lease notification', 15_000, async () => platform.notifications[0] ?? null);
  expect(notification.title).toBe('Your batch lease is running out');
  expect(notification.body).toMatch(/go back to the pool in about \d+ min unless the connection returns/);
  expect(events).toContainEqual({ type: 'lease.expiring', assignmentId: queue.assignment.id, expiresAt: queue.assignment.leaseExpiresAt });
});
