import { app, Notification, safeStorage } from 'electron';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Platform } from '../core';

/**
 * Electron's platform: the data folder is userData, secrets are sealed with safeStorage (the OS
 * keychain's key) before they touch disk, notifications are native.
 */
export function createElectronPlatform(log: (line: string) => void): Platform {
  const dataDir = app.getPath('userData');
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'keychain.sealed.json');
  const read = (): Record<string, string> => {
    try {
      return JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw error;
    }
  };
  const write = (values: Record<string, string>) => {
    writeFileSync(`${file}.tmp`, JSON.stringify(values), { mode: 0o600 });
    renameSync(`${file}.tmp`, file);
  };
  return {
    kind: 'electron',
    dataDir,
    log,
    notify: (title, body) => new Notification({ title, body }).show(),
    keychain: {
      async get(key) {
        const sealed = read()[key];
        return sealed ? safeStorage.decryptString(Buffer.from(sealed, 'base64')) : null;
      },
      async set(key, value) {
        if (!safeStorage.isEncryptionAvailable()) {
          throw new Error('The OS keychain is not available, so the upstream token cannot be stored safely.');
        }
        write({ ...read(), [key]: safeStorage.encryptString(value).toString('base64') });
      },
      async delete(key) {
        const values = read();
        delete values[key];
        write(values);
      },
    },
  };
}
