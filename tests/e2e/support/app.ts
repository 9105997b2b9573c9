import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Platform } from '../../../electron/core';
import { startBrowserMode, type BrowserMode } from '../../../electron/web/host';
import { startUpstream, type Upstream } from '../../../upstream';

export const repoRoot = path.resolve(import.meta.dirname, '../../..');
export const screenshotDir = path.join(repoRoot, 'tests/e2e/screenshots');

export interface RunningApp extends BrowserMode {
  upstream: Upstream;
  dataDir: string;
  logs: string[];
  stop(): Promise<void>;
}

/**
 * The whole app in browser mode, as `npm start` runs it: the reference upstream in memory with
 * demo data, and the workstation on a fresh data folder syncing with it.
 */
export async function startApp(
  options: {
    undoMs?: number;
    size?: number;
    /** A platform of the test's (its clock, idle time) instead of the Node platform on the data folder. */
    platform?: (dataDir: string, log: (line: string) => void) => Platform;
    /** Another workstation on this upstream (it stays running when this app stops); a fresh one otherwise. */
    upstream?: Upstream;
    /** A folder of classifier manifests instead of the project's models/. */
    modelsDir?: string;
  } = {},
): Promise<RunningApp> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'workstation-e2e-'));
  const logs: string[] = [];
  const log = (line: string) => logs.push(line);
  const shared = options.upstream;
  const upstream = shared ?? (await startUpstream({ size: options.size ?? 60 }));
  try {
    const app = await startBrowserMode({
      dataDir,
      staticDir: path.join(repoRoot, 'out/renderer'),
      upstreamUrl: upstream.url,
      undoMs: options.undoMs,
      log,
      platform: options.platform?.(dataDir, log),
      modelsDir: options.modelsDir,
    });
    mkdirSync(screenshotDir, { recursive: true });
    return {
      ...app,
      upstream,
      dataDir,
      logs,
      async stop() {
        await app.close();
        if (!shared) await upstream.close();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    if (!shared) await upstream.close();
    throw error;
  }
}
