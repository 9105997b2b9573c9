import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { startUpstream } from '../../../upstream';
import { login } from './harness';

let dir: string | undefined;
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

// A PGlite data directory is a PGlite feature; the Postgres run covers the same path via DATABASE_URL.
test.skipIf(Boolean(process.env.DATABASE_URL))(
  'a PGlite data dir keeps decisions across restarts and is seeded (items, sync log) only once',
  async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'upstream-data-'));
    const lines: string[] = [];
    const first = await startUpstream({ dataDir: dir, seed: 2, size: 6, log: (line) => lines.push(line) });
    const moderator = await login(first, 'mod1');
    const assignment = (await moderator.post('/assignments/lease', { size: 6 })).body.assignment;
    const itemId = assignment.items[0].id;
    const decision = {
      idempotencyKey: 'persist-1',
      itemId,
      assignmentId: assignment.id,
      action: 'approve',
      reasonCode: null,
      note: null,
      decidedAt: new Date().toISOString(),
      supersedes: null,
    };
    expect((await moderator.post('/decisions/batch', { entries: [decision] })).body.results[0].status).toBe('accepted');
    await first.close();

    const second = await startUpstream({ dataDir: dir, seed: 99, size: 40, log: (line) => lines.push(line) });
    try {
      const seeded = lines.filter((line) => line.startsWith('seeded'));
      expect(seeded).toHaveLength(1);
      expect(seeded[0]).toMatch(/^seeded 6 demo items/);
      const again = await login(second, 'mod1');
      expect((await again.post('/decisions/batch', { entries: [decision] })).body.results[0].status).toBe('duplicate');
      const count = await second.db.query<{ n: number }>('SELECT count(*)::int AS n FROM items');
      expect(count[0]!.n).toBe(6);
      // Policy, the wellness policy, three lexicons and two demo banks, published by the first start only.
      const deltas = await second.db.query<{ n: number }>('SELECT count(*)::int AS n FROM sync_deltas');
      expect(deltas[0]!.n).toBe(7);
    } finally {
      await second.close();
    }
  },
);
