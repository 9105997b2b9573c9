/**
 * `npm run db:rotate-key -- <data dir>`: gives a browser-mode workstation's database and media a
 * new key. The workstation must be stopped. The desktop app's key is sealed by the OS keychain
 * through Electron, which a script cannot reach: there, rotation needs the app itself.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileKeychain, unsealed } from '../../electron/core/platform/fileKeychain';
import { rotateStoreKey } from '../../electron/core/vault';

async function main(): Promise<number> {
  const dataDir = process.argv[2];
  if (!dataDir) {
    console.error('Name the workstation data folder: npm run db:rotate-key -- <data dir>');
    return 2;
  }
  const database = path.join(dataDir, 'workstation.db');
  const keychainFile = path.join(dataDir, 'keychain.json');
  if (!existsSync(database)) {
    console.error(`There is no workstation database in ${dataDir}.`);
    return 2;
  }
  if (!existsSync(keychainFile)) {
    const sealed = existsSync(path.join(dataDir, 'keychain.sealed.json'));
    console.error(
      sealed
        ? `${dataDir} belongs to the desktop app, whose key the OS keychain seals through Electron; rotate it from the app.`
        : `There is no keychain file in ${dataDir}, so there is no key to rotate.`,
    );
    return 2;
  }
  const { resealed } = await rotateStoreKey(database, fileKeychain(keychainFile, unsealed), (line) => console.log(line));
  console.log(`The database in ${dataDir} has a new key; ${resealed} media files were resealed under it.`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`The key could not be rotated: ${(error as Error).message}`);
    process.exit(1);
  },
);
