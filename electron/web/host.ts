/**
 * Browser mode: core and the web transport in one Node process, with the reference upstream
 * started in-process unless UPSTREAM_URL points at a real one. Used by `npm start` where Electron's
 * binary is missing, by `npm run start:web`, and by the e2e tests.
 */
import { mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startUpstream, type Upstream } from '../../upstream';
import { createCore, type Core } from '../core';
import { createNodePlatform } from '../core/platform/node';
import { startWebHost, type WebHost } from './server';

export interface BrowserModeOptions {
  dataDir: string;
  staticDir: string;
  port?: number;
  /** An upstream to use; when absent, the reference upstream starts in-process with demo data. */
  upstreamUrl?: string;
  /** Embedded upstream only: where PGlite keeps its data (in memory when absent). */
  upstreamDataDir?: string;
  seed?: number;
  size?: number;
  token?: string;
  undoMs?: number;
  log?: (line: string) => void;
}

export interface BrowserMode {
  host: WebHost;
  core: Core;
  upstream: Upstream | null;
  upstreamUrl: string;
  close(): Promise<void>;
}

export function defaultDataDir(): string {
  const base = process.env.XDG_DATA_HOME ?? path.join(os.homedir(), '.local', 'share');
  return path.join(base, 'moderator-workstation');
}

export async function startBrowserMode(options: BrowserModeOptions): Promise<BrowserMode> {
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  if (options.upstreamDataDir) mkdirSync(options.upstreamDataDir, { recursive: true });
  const upstream = options.upstreamUrl
    ? null
    : await startUpstream({ dataDir: options.upstreamDataDir, seed: options.seed, size: options.size, log: () => {} });
  const upstreamUrl = options.upstreamUrl ?? upstream!.url;
  const core = await createCore({
    platform: createNodePlatform({ dataDir: options.dataDir, log }),
    upstreamUrl,
    undoMs: options.undoMs,
  });
  const host = await startWebHost({ core, staticDir: options.staticDir, port: options.port, log, token: options.token });
  return {
    host,
    core,
    upstream,
    upstreamUrl,
    async close() {
      await host.close();
      await core.close();
      await upstream?.close();
    },
  };
}
