import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Keychain, Platform } from './index';

/**
 * Browser-mode host. There is no OS keychain to reach from plain Node, so secrets live in a file
 * readable only by the user (0600) inside the data folder; the Electron platform uses safeStorage.
 */
function fileKeychain(file: string): Keychain {
  const read = (): Record<string, string> => {
    try {
      return JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw new Error(`The keychain file ${file} is unreadable: ${(error as Error).message}`);
    }
  };
  const write = (values: Record<string, string>): void => {
    const tmp = `${file}.tmp`;
    writeFileSync(tmp, JSON.stringify(values), { mode: 0o600 });
    renameSync(tmp, file);
  };
  return {
    async get(key) {
      return read()[key] ?? null;
    },
    async set(key, value) {
      write({ ...read(), [key]: value });
    },
    async delete(key) {
      const values = read();
      delete values[key];
      write(values);
    },
  };
}

export function createNodePlatform(options: { dataDir: string; log?: (line: string) => void }): Platform {
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  return {
    kind: 'node',
    dataDir: options.dataDir,
    keychain: fileKeychain(path.join(options.dataDir, 'keychain.json')),
    notify: (title, body) => log(`[notify] ${title}: ${body}`),
    log,
  };
}
