import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { _electron as electron } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { findElectronBinary } from '../../scripts/electronBinary';
import { startUpstream } from '../../upstream';
import { repoRoot, screenshotDir } from './support/app';

/**
 * The same login flow in the real Electron shell, through Playwright's _electron API. It needs
 * Electron's binary, which machines that cannot reach Electron's CDN do not have: there it is
 * skipped, and says why.
 */
const binary = findElectronBinary();
const missing = 'missing' in binary ? binary.missing : null;
if (missing) console.log(`[e2e] Electron tests skipped: Electron's binary is not installed here (${missing}).`);

describe.skipIf(missing !== null)('Electron app', () => {
  test('opens on the login screen with the demo accounts, sandboxed and isolated', async () => {
    execFileSync(path.join(repoRoot, 'node_modules/.bin/electron-vite'), ['build'], { cwd: repoRoot, stdio: 'inherit' });
    // As npm start does: the reference upstream runs beside the app, which only learns its URL.
    const upstream = await startUpstream({ size: 20 });
    const app = await electron.launch({ args: [repoRoot], cwd: repoRoot, env: { ...process.env, NODE_ENV: 'test', UPSTREAM_URL: upstream.url } });
    try {
      const window = await app.firstWindow();
      await window.getByTestId('login-screen').waitFor({ timeout: 60_000 });
      expect(await window.getByText('Mina Moderator').count()).toBeGreaterThan(0);
      const exposed = await window.evaluate(() => ({
        api: typeof (window as unknown as { workstation?: unknown }).workstation,
        require: typeof (window as unknown as { require?: unknown }).require,
        process: typeof (window as unknown as { process?: unknown }).process,
      }));
      expect(exposed).toEqual({ api: 'object', require: 'undefined', process: 'undefined' });
      await window.screenshot({ path: path.join(screenshotDir, 'electron-login.png') });
    } finally {
      await app.close();
      await upstream.close();
    }
  });
});
