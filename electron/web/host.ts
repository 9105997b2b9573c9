/**
 * Browser mode: core and the web transport in one Node process, talking to the upstream at
 * upstreamUrl. Used by `npm start` where Electron's binary is missing, by `npm run start:web`, and
 * by the e2e tests; whoever starts it also starts (or names) the upstream.
 */
import os from 'node:os';
import path from 'node:path';
import { createCore, type Core, type Platform } from '../core';
import { createNodePlatform } from '../core/platform/node';
import { videoToolsChoiceFromEnv } from '../core/platform/videoTools';
import { startWebHost, type WebHost } from './server';

export interface BrowserModeOptions {
  dataDir: string;
  staticDir: string;
  /** The review service this workstation syncs with. */
  upstreamUrl: string;
  port?: number;
  token?: string;
  undoMs?: number;
  log?: (line: string) => void;
  /** Defaults to the Node platform on dataDir; tests pass one whose clock and idle time they set. */
  platform?: Platform;
  /** The folder of classifier manifests; defaults to the project's models/. */
  modelsDir?: string;
}

export interface BrowserMode {
  host: WebHost;
  core: Core;
  close(): Promise<void>;
}

export function defaultDataDir(): string {
  const base = process.env.XDG_DATA_HOME ?? path.join(os.homedir(), '.local', 'share');
  return path.join(base, 'moderator-workstation');
}

export async function startBrowserMode(options: BrowserModeOptions): Promise<BrowserMode> {
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const core = await createCore({
    platform:
      options.platform ?? createNodePlatform({ dataDir: options.dataDir, log, videoTools: videoToolsChoiceFromEnv(process.env.WORKSTATION_FFMPEG) }),
    upstreamUrl: options.upstreamUrl,
    undoMs: options.undoMs,
    modelsDir: options.modelsDir,
  });
  const host = await startWebHost({ core, staticDir: options.staticDir, port: options.port, log, token: options.token });
  return {
    host,
    core,
    async close() {
      await host.close();
      await core.close();
    },
  };
}
