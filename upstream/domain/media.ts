import type { Db } from '../db';

export interface StoredMedia {
  mimeType: string;
  bytes: Buffer;
}

export async function getMedia(db: Db, sha256: string): Promise<StoredMedia | null> {
  const [row] = await db.query<{ mime_type: string; bytes: Uint8Array }>('SELECT mime_type, bytes FROM media WHERE sha256 = $1', [sha256]);
  // PGlite hands back a Uint8Array, node-postgres a Buffer; wrap without copying.
  return row ? { mimeType: row.mime_type, bytes: Buffer.from(row.bytes.buffer, row.bytes.byteOffset, row.bytes.byteLength) } : null;
}
