/**
 * `npm start`: the Electron app where Electron's binary exists; otherwise one line saying so, and
 * the same app in browser mode on 127.0.0.1. `--web` always serves browser mode.
 */
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
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
    ['rebuild', 'better-sqlite3', '--runtime=electron', `--target=${version}`, '--disturl=https://electronjs.org/headers'],
    { cwd: root, stdio: 'inherit' },
  );
}

async function main(): Promise<void> {
  const electron = args.web ? null : findElectronBinary();
  if (electron && 'path' in electron) {
    run('electron-vite', ['build']);
    rebuildNativesForElectron();
    spawn(electron.path, [root], { cwd: root, stdio: 'inherit' }).on('exit', (code) => process.exit(code ?? 0));
    return;
  }
  if (electron) {
    console.log(`Electron's binary is not available here (${electron.missing}); serving the same app in browser mode instead.`);
  }
  run('vite', ['build', '--config', 'vite.renderer.config.ts', '--logLevel', 'warn']);
  const dataDir = args.dataDir ?? defaultDataDir();
  const app = await startBrowserMode({
    dataDir,
    staticDir: path.join(root, 'out/renderer'),
    port: args.port,
    upstreamUrl: args.upstreamUrl,
    upstreamDataDir: args.upstreamUrl ? undefined : path.join(dataDir, 'upstream-pglite'),
  });
  console.log(`Workstation data: ${dataDir}`);
  console.log(`Upstream: ${app.upstreamUrl}${app.upstream ? ' (reference upstream, in-process, demo data)' : ''}`);
  console.log(`Open this URL in your browser: ${app.host.launchUrl}`);
  const shutdown = () => {
    void app.close().then(() => process.exit(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  console.error(`The workstation could not start: ${(error as Error).message}`);
  process.exit(1);
});
