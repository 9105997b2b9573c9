import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { Keychain } from './index';

/** Turns a secret into what may touch the disk and back; Electron seals with the OS keychain's key. */
export interface Sealer {
  seal(value: string): string;
  unseal(stored: string): string;
}

/** Stored as typed: for hosts without an OS keychain, where the file's 0600 mode is the protection. */
export const unsealed: Sealer = { seal: (value) => value, unseal: (stored) => stored };

/**
 * Secrets in one JSON file readable only by the user, written atomically (temp file + rename) so
 * a crash never leaves half a keychain; each value passes through the host's sealer.
 */
export function fileKeychain(file: string, sealer: Sealer): Keychain {
  const read = (): Record<string, string> => {
    try {
      return JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw new Error(`The keychain file ${file} is unreadable: ${(error as Error).message}`, { cause: error });
    }
  };
  const write = (values: Record<string, string>): void => {
    const tmp = `${file}.tmp`;
    writeFileSync(tmp, JSON.stringify(values), { mode: 0o600 });
    renameSync(tmp, file);
  };
  return {
    async get(key) {
      const stored = read()[key];
      return stored === undefined ? null : sealer.unseal(stored);
    },
    async set(key, value) {
      write({ ...read(), [key]: sealer.seal(value) });
    },
    async delete(key) {
      const values = read();
      delete values[key];
      write(values);
    },
  };
}
