/**
 * Vault: the workstation's data at rest. One random root key per workstation lives in the
 * Platform keychain (Electron: sealed by the OS keychain; browser mode: a file only the user can
 * read, announced once); the database (SQLCipher) and media (AES-256-GCM) keys derive from it.
 * Rotation writes the next key to the keychain before touching the database, so an interrupted
 * rotation is finished at the next start instead of locking the data away.
 */
import type { Platform } from '../platform';
import { newRootKey, openStore, type Store } from '../store';

export const STORE_ROOT_KEY = 'store-root-key';
const NEXT_ROOT_KEY = 'store-root-key.next';

type Keychain = Platform['keychain'];

/**
 * Opens the store under whichever key it has, and finishes a pending rotation: the rotation itself
 * only stores the next key and re-keys the database; this resealing and promotion is the one path
 * both a rotation and the start after an interrupted one take.
 */
async function openWithKeys(file: string, keychain: Keychain, log: (line: string) => void): Promise<{ store: Store; resealed: number }> {
  const current = await keychain.get(STORE_ROOT_KEY);
  const next = await keychain.get(NEXT_ROOT_KEY);
  if (!current) throw new Error('The workstation has no database key in its keychain.');
  if (!next) return { store: openStore(file, { rootKey: current }), resealed: 0 };
  // A rotation stopped part way: the database is under one of the two keys, media under either.
  let store: Store;
  try {
    store = openStore(file, { rootKey: next, previousRootKey: current });
  } catch {
    store = openStore(file, { rootKey: current, previousRootKey: next });
    store.rekey(next);
  }
  const resealed = store.resealMedia();
  await keychain.set(STORE_ROOT_KEY, next);
  await keychain.delete(NEXT_ROOT_KEY);
  log(`[vault] the database key was rotated (${resealed} media files resealed)`);
  return { store, resealed };
}

/** The workstation's store, encrypted at rest; the root key is made on first start. */
export async function openProtectedStore(platform: Pick<Platform, 'kind' | 'dataDir' | 'keychain' | 'log'>, file: string): Promise<Store> {
  if (!(await platform.keychain.get(STORE_ROOT_KEY))) {
    await platform.keychain.set(STORE_ROOT_KEY, newRootKey());
    if (platform.kind === 'node') {
      platform.log(
        `[vault] warning: browser mode has no OS keychain, so the database key is kept in a file only you can read in ${platform.dataDir}; ` +
          'anyone who copies that whole folder can read the database. The desktop app keeps the key in the OS keychain.',
      );
    }
  }
  return (await openWithKeys(file, platform.keychain, platform.log)).store;
}

/** Re-keys the database and reseals every media file under a new root key (npm run db:rotate-key). */
export async function rotateStoreKey(file: string, keychain: Keychain, log: (line: string) => void): Promise<{ resealed: number }> {
  const { store } = await openWithKeys(file, keychain, log);
  try {
    const next = newRootKey();
    // Kept before the database changes, so a crash between the two is finished at the next start.
    await keychain.set(NEXT_ROOT_KEY, next);
    store.rekey(next);
  } finally {
    store.close();
  }
  const finished = await openWithKeys(file, keychain, log);
  finished.store.close();
  return { resealed: finished.resealed };
}
