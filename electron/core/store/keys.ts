import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * One random root key per workstation, kept in the OS keychain (Platform); the database key and
 * the media key are derived from it with HKDF, so rotating the root re-keys both and neither key
 * can be computed from the other.
 */
export interface StoreKeys {
  /** SQLCipher raw key, 64 hex digits. */
  database: string;
  /** AES-256-GCM key for media rows. */
  media: Buffer;
}

export function newRootKey(): string {
  return randomBytes(32).toString('hex');
}

export function deriveStoreKeys(rootKey: string): StoreKeys {
  const root = Buffer.from(rootKey, 'hex');
  if (root.length !== 32) throw new Error('The workstation root key must be 32 bytes as 64 hex digits.');
  const derive = (purpose: string) => Buffer.from(hkdfSync('sha256', root, Buffer.alloc(0), `moderator-workstation ${purpose} v1`, 32));
  return { database: derive('database').toString('hex'), media: derive('media') };
}

/** How a media file is kept at rest: sealed, or as received when the store has no key (unit tests). */
export interface MediaSealer {
  seal(sha256: string, bytes: Buffer): Buffer;
  open(sha256: string, stored: Buffer): Buffer;
}

export const unsealedMedia: MediaSealer = { seal: (_sha256, bytes) => bytes, open: (_sha256, stored) => stored };

const FORMAT = 1;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

/**
 * AES-256-GCM per file: version byte, random nonce, ciphertext, tag. The file's SHA-256 is the
 * associated data, so a sealed file moved to another row does not open. During a key rotation
 * the previous key still opens the files not yet resealed.
 */
export function mediaSealer(key: Buffer, previousKey?: Buffer): MediaSealer {
  const primary = aesGcm(key);
  if (!previousKey) return primary;
  const previous = aesGcm(previousKey);
  return {
    seal: primary.seal,
    open(sha256, stored) {
      try {
        return primary.open(sha256, stored);
      } catch {
        return previous.open(sha256, stored);
      }
    },
  };
}

function aesGcm(key: Buffer): MediaSealer {
  return {
    seal(sha256, bytes) {
      const nonce = randomBytes(NONCE_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, nonce);
      cipher.setAAD(Buffer.from(sha256, 'utf8'));
      const body = Buffer.concat([cipher.update(bytes), cipher.final()]);
      return Buffer.concat([Buffer.from([FORMAT]), nonce, body, cipher.getAuthTag()]);
    },
    open(sha256, stored) {
      if (stored[0] !== FORMAT || stored.length < 1 + NONCE_BYTES + TAG_BYTES)
        throw new Error(`Media ${sha256} is not sealed in a format this version reads.`);
      const nonce = stored.subarray(1, 1 + NONCE_BYTES);
      const tag = stored.subarray(stored.length - TAG_BYTES);
      const decipher = createDecipheriv('aes-256-gcm', key, nonce);
      decipher.setAAD(Buffer.from(sha256, 'utf8'));
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(stored.subarray(1 + NONCE_BYTES, stored.length - TAG_BYTES)), decipher.final()]);
    },
  };
}
