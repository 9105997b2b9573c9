import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startBrowserMode, type BrowserMode } from '../../../electron/web/host';

export const repoRoot = path.resolve(import.meta.dirname, '../../..');
export const screenshotDir = path.join(repoRoot, 'tests/e2e/screenshots');

export interface RunningApp extends BrowserMode {
  dataDir: string;
  logs: string[];
  stop(): Promise<void>;
}

/** The whole app in browser mode, as `npm start` runs it, on a fresh data folder and in-memory upstream. */
export async function startApp(options: { undoMs?: number; size?: number } = {}): Promise<RunningApp> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'workstation-e2e-'));
  const logs: string[] = [];
  const app = await startBrowserMode({
    dataDir,
    staticDir: path.join(repoRoot, 'out/renderer'),
    undoMs: options.undoMs,
    size: options.size ?? 60,
    log: (line) => logs.push(line),
  });
  mkdirSync(screenshotDir, { recursive: true });
  return {
    ...app,
    dataDir,
    logs,
    async stop() {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
