import { app, Notification, powerMonitor, safeStorage } from 'electron';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Platform } from '../core/platform';
import { fileKeychain, type Sealer } from '../core/platform/fileKeychain';
import { resolveVideoTools, videoToolsChoiceFromEnv } from '../core/platform/videoTools';

/** safeStorage encrypts with a key the OS keychain holds, so the file alone gives nothing away. */
const safeStorageSealer: Sealer = {
  seal(value) {
    if (!safeStorage.isEncryptionAvailable()) {
      throw new Error('The OS keychain is not available, so the upstream token cannot be stored safely.');
    }
    return safeStorage.encryptString(value).toString('base64');
  },
  unseal: (stored) => safeStorage.decryptString(Buffer.from(stored, 'base64')),
};

/** Electron's platform: the data folder is userData, secrets are sealed by the OS keychain, notifications are native, idle time is the OS's. */
export function createElectronPlatform(log: (line: string) => void): Platform {
  const dataDir = app.getPath('userData');
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  return {
    kind: 'electron',
    now: () => new Date(),
    idleSeconds: () => powerMonitor.getSystemIdleTime(),
    // The OS knows about every input to this computer, not only to this window.
    noteInput: () => undefined,
    dataDir,
    log,
    notify: (title, body) => new Notification({ title, body }).show(),
    keychain: fileKeychain(path.join(dataDir, 'keychain.sealed.json'), safeStorageSealer),
    videoTools: () => resolveVideoTools(videoToolsChoiceFromEnv(process.env.WORKSTATION_FFMPEG)),
  };
}
