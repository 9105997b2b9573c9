import { expect, test } from 'vitest';
import { startUpstream } from '../../../upstream';
import { scratchSchema } from './harness';

const databaseUrl = process.env.DATABASE_URL;

// Two servers on one database is a Postgres deployment; PGlite is one process's private database.
test.skipIf(!databaseUrl)('two servers starting together on one Postgres write the sync log and the demo banks once', async () => {
  const scratch = await scratchSchema(databaseUrl!);
  try {
    const servers = await Promise.all([1, 2].map(() => startUpstream({ port: 0, seed: 4, size: 6, databaseUrl: scratch.url })));
    try {
      const rows = await servers[0]!.db.query<{ kind: string; subject: string; n: number }>(
        'SELECT kind, subject, count(*)::int AS n FROM sync_deltas GROUP BY kind, subject ORDER BY kind, subject',
      );
      expect(rows).toEqual([
        { kind: 'hash_bank', subject: 'demo-child-safety', n: 1 },
        { kind: 'hash_bank', subject: 'previously-actioned', n: 1 },
        { kind: 'lexicon', subject: 'de', n: 1 },
        { kind: 'lexicon', subject: 'en', n: 1 },
        { kind: 'lexicon', subject: 'es', n: 1 },
        { kind: 'policy', subject: 'policy', n: 1 },
      ]);
    } finally {
      await Promise.all(servers.map((s) => s.close()));
    }
  } finally {
    await scratch.drop();
  }
});
