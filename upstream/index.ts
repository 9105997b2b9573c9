import type { AddressInfo } from 'node:net';
import { migrate, openDb, type Db } from './db';
import { seedAuditHistoryIfEmpty } from './domain/audit/history';
import { DEMO_ACCOUNTS, seedDemoIfEmpty } from './domain/seed';
import { seedDemoWellness } from './domain/wellness/demo';
import { seedSyncBaseline } from './domain/sync/baseline';
import { seedDemoBanks } from './domain/sync/demoBanks';
import { Router } from './http/router';
import { createApiServer } from './http/server';
import { ROUTES } from './routes';

export type { Db } from './db';
export { openDb, migrate, DbError } from './db';
export { createAccount, type NewAccount } from './domain/accounts';
export { DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_TEAM } from './domain/seed';
export { MIN_SHARED_CHECK_INS } from './domain/wellness/team';
export { DEMO_BANK_DECOYS, DEMO_CHILD_SAFETY_BANK, DemoSeedError, PREVIOUSLY_ACTIONED_BANK } from './domain/sync/demoBanks';
export { ROUTES } from './routes';
export { API_VERSION } from './version';

export interface UpstreamOptions {
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Postgres URL; without it the service runs on embedded PGlite. */
  databaseUrl?: string;
  /** PGlite data directory; in-memory when absent. */
  dataDir?: string;
  seed?: number;
  size?: number;
  leaseSeconds?: number;
  /** Seed demo accounts, items and hash banks into an empty database and list the accounts (default true). */
  demo?: boolean;
  /**
   * With demo: seed the demo team's past, this many decisions over the four weeks before now (with
   * QA results, corrections and appeals), into a database without decisions. Default none.
   */
  auditHistory?: number;
  log?: (line: string) => void;
}

export interface Upstream {
  url: string;
  db: Db;
  close(): Promise<void>;
}

/** What `npm start` and the upstream's CLI seed of the demo team's past: a few weeks of a team's work. */
export const DEMO_HISTORY_DECISIONS = 20_000;

export class UpstreamOptionsError extends RangeError {
  override name = 'UpstreamOptionsError';
}

export async function startUpstream(options: UpstreamOptions = {}): Promise<Upstream> {
  const leaseSeconds = options.leaseSeconds ?? 1800;
  if (!(leaseSeconds > 0)) throw new UpstreamOptionsError(`leaseSeconds must be above 0, got ${leaseSeconds}`);
  const log = options.log ?? (() => undefined);
  const demo = options.demo ?? true;
  const db = await openDb({ databaseUrl: options.databaseUrl, dataDir: options.dataDir });
  try {
    await migrate(db);
    await seedSyncBaseline(db);
    if (demo) {
      const seeded = await seedDemoIfEmpty(db, { seed: options.seed, size: options.size });
      if (seeded) log(`seeded ${seeded.items} demo items and ${seeded.media} media files`);
      await seedDemoBanks(db);
      if (options.auditHistory) {
        const started = performance.now();
        const history = await seedAuditHistoryIfEmpty(db, { decisions: options.auditHistory, seed: options.seed });
        if (history) log(`seeded the demo team's history: ${history.decisions} decisions in ${Math.round(performance.now() - started)} ms`);
      }
      const days = await seedDemoWellness(
        db,
        DEMO_ACCOUNTS.filter((a) => a.role === 'moderator').map((a) => a.username),
        new Date(),
      );
      if (days > 0) log(`demo team exposure: ${days} moderator-days of aggregates`);
    }
  } catch (error) {
    await db.close();
    throw error;
  }
  const server = createApiServer({ db, leaseSeconds, demo }, new Router(ROUTES), log);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}`,
    db,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await db.close();
    },
  };
}
