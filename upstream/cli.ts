import { CliArgumentError, parseFlags, parseIntegerFlag } from './demo/cliArgs';
import { DemoOptionsError } from './demo';
import { DbError } from './db';
import { DEMO_HISTORY_DECISIONS, DemoSeedError, startUpstream, UpstreamOptionsError } from './index';

const USAGE =
  'usage: npx tsx upstream/cli.ts [--port 4010] [--host 127.0.0.1] [--seed 1] [--size 200] [--data-dir <dir>] [--lease-seconds 1800] [--history 20000]\n' +
  'Set DATABASE_URL to use Postgres instead of embedded PGlite.';

async function main(argv: string[]): Promise<void> {
  const flags = parseFlags(argv, {
    port: { type: 'string' },
    host: { type: 'string' },
    seed: { type: 'string' },
    size: { type: 'string' },
    'data-dir': { type: 'string' },
    'lease-seconds': { type: 'string' },
    history: { type: 'string' },
  });
  const port = parseIntegerFlag('port', flags.port, 4010);
  if (port > 65535) throw new CliArgumentError(`--port must be 0..65535, got ${port}`);
  const upstream = await startUpstream({
    host: flags.host,
    port,
    seed: parseIntegerFlag('seed', flags.seed, 1),
    size: parseIntegerFlag('size', flags.size, 200),
    leaseSeconds: parseIntegerFlag('lease-seconds', flags['lease-seconds'], 1800),
    dataDir: flags['data-dir'],
    auditHistory: parseIntegerFlag('history', flags.history, DEMO_HISTORY_DECISIONS),
    databaseUrl: process.env.DATABASE_URL || undefined,
    log: (line) => console.log(line),
  });
  console.log(`upstream listening on ${upstream.url}`);
  const stop = (): void => {
    upstream.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  const known =
    error instanceof CliArgumentError ||
    error instanceof DemoOptionsError ||
    error instanceof UpstreamOptionsError ||
    error instanceof DbError ||
    error instanceof DemoSeedError;
  console.error(known ? `error: ${error.message}\n${USAGE}` : error);
  process.exitCode = known ? 2 : 1;
});
