import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileKeychain, unsealed } from './fileKeychain';
import type { Platform } from './index';
import { resolveVideoTools, type VideoToolsChoice } from './videoTools';

/**
 * Browser-mode host. Secrets live in a file readable only by the user (0600) inside the data
 * folder; the Electron platform seals them with safeStorage instead. Idle time is what the renderer reports: the seconds since its last input.
 */
export function createNodePlatform(options: { dataDir: string; log?: (line: string) => void; videoTools?: VideoToolsChoice }): Platform {
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  // No OS idle clock is reachable from a browser tab: idle is the time since the renderer last reported input.
  let lastInput = Date.now();
  return {
    kind: 'node',
    now: () => new Date(),
    idleSeconds: () => Math.max(0, (Date.now() - lastInput) / 1000),
    noteInput: () => {
      lastInput = Date.now();
    },
    dataDir: options.dataDir,
    keychain: fileKeychain(path.join(options.dataDir, 'keychain.json'), unsealed),
    notify: (title, body) => log(`[notify] ${title}: ${body}`),
    videoTools: () => resolveVideoTools(options.videoTools),
    log,
  };
}
