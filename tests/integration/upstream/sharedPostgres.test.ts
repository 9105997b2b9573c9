import { expect, test } from 'vitest';
import { startUpstream } from '../../../upstream';
import { scratchSchema } from './harness';

const databaseUrl = process.env.DATABASE_URL;

// Two servers on one database is a Postgres deployment; PGlite is one process's private database.
test.skipIf(!databaseUrl)(
  'two servers starting together on one Postgres write the sync log, the demo banks, the team history and its wellness days once',
  async () => {
    const scratch = await scratchSchema(databaseUrl!);
    try {
      const servers = await Promise.all([1, 2].map(() => startUpstream({ port: 0, seed: 4, size: 6, auditHistory: 300, databaseUrl: scratch.url })));
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
          { kind: 'wellness_policy', subject: 'wellness_policy', n: 1 },
        ]);
        const [history] = await servers[0]!.db.query<{ n: number }>("SELECT count(*)::int AS n FROM decisions WHERE idempotency_key LIKE 'hist-d-%'");
        expect(history!.n).toBe(300);
        const [days] = await servers[0]!.db.query<{ n: number; distinct: number }>(
          'SELECT count(*)::int AS n, count(DISTINCT (account_id, day))::int AS distinct FROM wellness_days',
        );
        expect(days!.n).toBeGreaterThan(0);
        expect(days!.n).toBe(days!.distinct);
      } finally {
        await Promise.all(servers.map((s) => s.close()));
      }
    } finally {
      await scratch.drop();
    }
  },
);
