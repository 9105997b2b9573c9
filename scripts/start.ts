/**
 * `npm start`: the reference upstream (in-process, demo data; PGlite, or PostgreSQL when
 * DATABASE_URL is set) unless --upstream-url / UPSTREAM_URL names one, then the Electron app where
 * Electron's binary exists, given the upstream in UPSTREAM_URL; otherwise one line saying so, and
 * the same app in browser mode on 127.0.0.1. `--web` always serves browser mode.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DEMO_HISTORY_DECISIONS, startUpstream, type Upstream } from '@workstation/upstream';
import { defaultDataDir, startBrowserMode } from '../electron/web/host';
import { findElectronBinary } from './electronBinary';
import { parseStartArgs } from './startArgs';

const root = path.resolve(import.meta.dirname, '..');
const args = parseStartArgs(process.argv.slice(2), process.env);
const bin = (name: string) => path.join(root, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);

function run(command: string, commandArgs: string[]): void {
  execFileSync(bin(command), commandArgs, { cwd: root, stdio: 'inherit' });
}

/**
 * Native modules are built for Node's ABI at install (so tests run); Electron needs its own ABI.
 * Electron's documented way: npm rebuild against Electron's headers.
 */
function rebuildNativesForElectron(): void {
  const { version } = JSON.parse(readFileSync(path.join(root, 'node_modules/electron/package.json'), 'utf8')) as { version: string };
  execFileSync(
    process.platform === 'win32' ? 'npm.cmd' : 'npm',
    ['rebuild', 'better-sqlite3-multiple-ciphers', '--runtime=electron', `--target=${version}`, '--disturl=https://electronjs.org/headers'],
    { cwd: root, stdio: 'inherit' },
  );
}

/** The upstream named by flag or environment, else the reference upstream started here; its data sits beside the workstation's. */
async function upstreamFor(dataDir: string): Promise<{ url: string; reference: Upstream | null }> {
  if (args.upstreamUrl) {
    console.log(`Upstream: ${args.upstreamUrl}`);
    return { url: args.upstreamUrl, reference: null };
  }
  const databaseUrl = process.env.DATABASE_URL || undefined;
  const upstreamDataDir = databaseUrl ? undefined : path.join(dataDir, 'upstream-pglite');
  if (upstreamDataDir) mkdirSync(upstreamDataDir, { recursive: true });
  const reference = await startUpstream({ databaseUrl, dataDir: upstreamDataDir, auditHistory: DEMO_HISTORY_DECISIONS });
  console.log(
    `Upstream: ${reference.url} (reference upstream, in-process, demo data on ${databaseUrl ? 'PostgreSQL' : `PGlite in ${upstreamDataDir}`})`,
  );
  return { url: reference.url, reference };
}

async function main(): Promise<void> {
  const electron = args.web ? null : findElectronBinary();
  const dataDir = args.dataDir ?? defaultDataDir();
  if (electron && 'path' in electron) {
    run('electron-vite', ['build']);
    rebuildNativesForElectron();
    const upstream = await upstreamFor(dataDir);
    spawn(electron.path, [root], { cwd: root, stdio: 'inherit', env: { ...process.env, UPSTREAM_URL: upstream.url } }).on('exit', (code) => {
      void Promise.resolve(upstream.reference?.close()).finally(() => process.exit(code ?? 0));
    });
    return;
  }
  if (electron) {
    console.log(`Electron's binary is not available here (${electron.missing}); serving the same app in browser mode instead.`);
  }
  run('vite', ['build', '--config', 'vite.renderer.config.ts', '--logLevel', 'warn']);
  const upstream = await upstreamFor(dataDir);
  const app = await startBrowserMode({ dataDir, staticDir: path.join(root, 'out/renderer'), port: args.port, upstreamUrl: upstream.url });
  console.log(`Workstation data: ${dataDir}`);
  console.log(`Open this URL in your browser: ${app.host.launchUrl}`);
  const shutdown = () => {
    void app
      .close()
      .then(() => upstream.reference?.close())
      .then(() => process.exit(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  console.error(`The workstation could not start: ${(error as Error).message}`);
  process.exit(1);
});
