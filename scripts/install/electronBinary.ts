/**
 * Postinstall: fetch Electron's binary where Electron's CDN can be reached, and say in one line
 * why not where it cannot. Electron's own install script is denied in package.json's allowScripts
 * because its failure would fail `npm install` on machines without that CDN; the package itself
 * (launcher and types) is installed either way, so typecheck and build never depend on the binary.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { findElectronBinary } from '../electronBinary';

/** Long enough for a slow link to fetch about 100 MB; a machine without the CDN fails in milliseconds. */
const DOWNLOAD_TIMEOUT_MS = 10 * 60 * 1000;

function main(): void {
  if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
    console.log('electron: binary download skipped (ELECTRON_SKIP_BINARY_DOWNLOAD is set); npm start serves browser mode.');
    return;
  }
  if ('path' in findElectronBinary()) return;
  const installer = path.join(path.dirname(createRequire(import.meta.url).resolve('electron/package.json')), 'install.js');
  const result = spawnSync(process.execPath, [installer], { stdio: ['ignore', 'ignore', 'pipe'], timeout: DOWNLOAD_TIMEOUT_MS, encoding: 'utf8' });
  if (result.status === 0 && 'path' in findElectronBinary()) {
    console.log('electron: binary downloaded.');
    return;
  }
  const why =
    result.error?.message ??
    result.stderr
      .split('\n')
      .find((line) => /error/i.test(line))
      ?.trim() ??
    `exit code ${result.status}`;
  console.log(`electron: the binary could not be downloaded (${why}); npm start will serve browser mode instead.`);
}

main();
