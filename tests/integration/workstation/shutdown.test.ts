import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueueState } from '../../../electron/api';
import { createCore } from '../../../electron/core';
import { createTestPlatform } from '../../../electron/core/platform/testing';
import { startUpstream, type Upstream } from '../../../upstream';
import { tempDir } from '../../unit/store/fixtures';

let tmp: ReturnType<typeof tempDir>;
let upstream: Upstream;

beforeAll(async () => {
  tmp = tempDir('workstation-shutdown');
  upstream = await startUpstream({ port: 0, size: 12, seed: 5 });
});

afterAll(async () => {
  await upstream?.close();
  tmp?.remove();
});

describe('closing the core', () => {
  it('right after a lease, while its media is still being fetched and analysed, neither crashes nor rejects', async () => {
    const rejections: unknown[] = [];
    const onRejection = (reason: unknown) => rejections.push(reason);
    process.on('unhandledRejection', onRejection);
    try {
      const platform = createTestPlatform(path.join(tmp.dir, 'data'));
      const dbFile = path.join(tmp.dir, 'data', 'workstation.db');
      const open = () => createCore({ platform, upstreamUrl: upstream.url, dbFile, syncPollMs: 3_600_000 });

      const first = await open();
      await first.dispatch('session.login', { username: 'mod1', password: 'demo' });
      const leased = (await first.dispatch('queue.lease', { size: 6 })) as QueueState;
      await first.close();
      // Give background work that outlived close() the time to fail, if it is going to.
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      expect(rejections).toEqual([]);

      const second = await open();
      expect(((await second.dispatch('queue.state', {})) as QueueState).items.map((i) => i.id)).toEqual(leased.items.map((i) => i.id));
      await second.close();
    } finally {
      process.off('unhandledRejection', onRejection);
    }
  });
});
