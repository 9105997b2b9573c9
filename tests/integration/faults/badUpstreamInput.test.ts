import path from 'node:path';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { ApiError, type QueueState, type SyncStatus } from '../../../electron/api';
import { type Core } from '../../../electron/core';
import { createTestPlatform } from '../../../electron/core/platform/testing';
import type { TestPlatform } from '../../../electron/core/platform/testing';
import { startUpstream, type Upstream } from '../../../upstream';
import { tempDir } from '../../unit/store/fixtures';
import { startFlakyProxy, type FlakyProxy } from './support/flakyProxy';
import { decidableItems } from '../../support/analysed';
import { createFaultCore, decide, outboxStates, until } from './support/workstation';
import { openDbFile, storeRootKeyOf } from '../../support/storeFile';

let tmp: ReturnType<typeof tempDir>;
let upstream: Upstream;
let proxy: FlakyProxy;
let platform: TestPlatform;
let core: Core;
let dbFile: string;
let rootKey: string;
/** The batch's items a plain decision may be made on (all but a child-safety match), once analysed. */
let decidable: string[];
/** Which route's replies to spoil, and with what; null passes everything through. */
let spoil: { path: RegExp; body: (real: Buffer) => string } | null = null;

/** Every row of every table, so a refused reply can be shown to have changed nothing. */
function snapshot(): Record<string, unknown[]> {
  const db = openDbFile(dbFile, rootKey);
  try {
    // Full-text indexes are read through their shadow tables (one of them WITHOUT ROWID); the virtual table itself has nothing of its own.
    const tables = db
      .prepare(
        `SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' AND sql NOT LIKE '%WITHOUT ROWID%' ORDER BY name`,
      )
      .all() as Array<{ name: string }>;
    return Object.fromEntries(tables.map(({ name }) => [name, db.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).all()]));
  } finally {
    db.close();
  }
}

async function refusal(call: () => Promise<unknown>): Promise<ApiError> {
  try {
    await call();
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    return error as ApiError;
  }
  throw new Error('expected the call to be refused');
}

beforeAll(async () => {
  tmp = tempDir('faults-bad-input');
  dbFile = path.join(tmp.dir, 'workstation.db');
  upstream = await startUpstream({ port: 0, size: 40, seed: 13 });
  proxy = await startFlakyProxy({
    target: upstream.url,
    seed: 1,
    rewrite: ({ path: p }, body) => (spoil && spoil.path.test(p) ? spoil.body(body) : null),
  });
  platform = createTestPlatform(tmp.dir);
  // The purge of synced items would change the store between a test's two snapshots; it looks once at start, then hourly.
  core = await createFaultCore({ platform, upstreamUrl: proxy.url, dbFile, syncPollMs: 3_600_000, retentionEveryMs: 3_600_000 });
  rootKey = await storeRootKeyOf(platform.keychain);
  await core.dispatch('session.login', { username: 'mod1', password: 'demo' });
  const queue = (await core.dispatch('queue.lease', { size: 4 })) as QueueState;
  decidable = await decidableItems(
    core.dispatch,
    queue.items.map((i) => i.id),
  );
  await decide(core, decidable[0]!);
  await core.dispatch('sync.now', {});
  // The batch's media download and analysis run in the background; let them finish before comparing snapshots.
  let last = '';
  await until(
    'background media work to settle',
    60_000,
    async () => {
      const now = JSON.stringify(snapshot());
      const settled = now === last;
      last = now;
      return settled ? true : null;
    },
    500,
  );
});

beforeEach(() => {
  spoil = null;
  platform.lines.length = 0;
});

afterAll(async () => {
  await core?.close();
  await proxy?.close();
  await upstream?.close();
  tmp?.remove();
});

it('refuses a leased batch that is not JSON and stores nothing', async () => {
  const before = snapshot();
  spoil = { path: /^\/assignments\/lease$/, body: () => '{"assignment": {"id": "a1", "items": [' };
  const error = await refusal(() => core.dispatch('queue.lease', { size: 4 }));
  expect(error.code).toBe('upstream_unavailable');
  expect(error.message).toMatch(/malformed JSON for leased batch/);
  const logged = platform.lines.filter((l) => l.includes('leasing a batch for mod1 failed; nothing was stored') && l.includes('malformed JSON'));
  console.log(`[faults] bad input: malformed lease JSON refused: ${logged[0]}`);
  expect(logged).toHaveLength(1);
  expect(snapshot()).toEqual(before);
});

it('refuses a batch whose items miss fields and stores none of it', async () => {
  const before = snapshot();
  spoil = {
    path: /^\/assignments\/lease$/,
    body: (real) => {
      const reply = JSON.parse(real.toString('utf8')) as { assignment: { items: Array<Record<string, unknown>> } };
      delete reply.assignment.items[1]!.account;
      return JSON.stringify(reply);
    },
  };
  const error = await refusal(() => core.dispatch('queue.lease', { size: 4 }));
  expect(error.message).toMatch(/leased batch is missing or has a bad field \(assignment\.items\.1\.account/);
  const logged = platform.lines.filter((l) => l.includes('leasing a batch for mod1 failed') && l.includes('assignment.items.1.account'));
  console.log(`[faults] bad input: item missing a field refused: ${logged[0]}`);
  expect(logged).toHaveLength(1);
  expect(snapshot()).toEqual(before);
});

it('keeps a decision pending when the reply to its upload is malformed, and uploads it once the upstream makes sense again', async () => {
  const id = await decide(core, decidable[1]!);
  const decisionsBefore = snapshot().decisions;
  spoil = { path: /^\/decisions\/batch$/, body: () => '<html>502 Bad Gateway</html>' };
  const status = (await core.dispatch('sync.now', {})) as SyncStatus;
  expect(status.pendingUploads).toBe(1);
  expect(status.lastError).toMatch(/malformed JSON for decision batch reply/);
  const logged = platform.lines.filter((l) => l.includes('[sync] upload of 1 entries failed (protocol)'));
  console.log(`[faults] bad input: malformed upload reply refused: ${logged[0]}`);
  expect(logged).toHaveLength(1);
  expect(outboxStates(dbFile, rootKey).get(id)).toBe('pending');
  expect(snapshot().decisions).toEqual(decisionsBefore);

  // The upstream did record it; the re-send under the same key is answered 'duplicate', not counted twice.
  spoil = null;
  await new Promise((resolve) => setTimeout(resolve, 1_100));
  await core.dispatch('sync.now', {});
  expect(outboxStates(dbFile, rootKey).get(id)).toBe('duplicate');
  expect(await upstream.db.query('SELECT 1 FROM decisions WHERE idempotency_key = $1', [id])).toHaveLength(1);
});
