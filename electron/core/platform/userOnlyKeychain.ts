import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileKeychain, unsealed } from './fileKeychain';
import type { Keychain } from './index';

/**
 * Browser mode's keychain: a file readable only by this user, with a warning the first time it is
 * made. Not the OS secret service through a binding such as @napi-rs/keyring: on Linux without a
 * running secret service it silently falls back to the kernel keyring, which lives in memory, so a
 * root key kept there would be gone after a reboot and the encrypted database with it.
 */
export function userOnlyKeychain(dataDir: string, log: (line: string) => void): Keychain {
  const file = path.join(dataDir, 'keychain.json');
  if (!existsSync(file)) {
    log(
      `[platform] warning: browser mode keeps this workstation's keys in ${file}, readable only by you (mode 0600); ` +
        'anyone who can read your files can read them. The desktop app keeps them in the OS keychain instead.',
    );
  }
  return fileKeychain(file, unsealed);
}
