import type { Db } from './database';

export interface CachedMedia {
  sha256: string;
  mimeType: string;
  bytes: Buffer;
}

/** Media bytes by content hash, as downloaded and verified by sync. */
export function mediaQueries(db: Db) {
  const put = db.prepare(
    `INSERT OR IGNORE INTO media (sha256, mime_type, bytes, fetched_at) VALUES (?, ?, ?, ?)`,
  );
  const get = db.prepare(`SELECT sha256, mime_type AS mimeType, bytes FROM media WHERE sha256 = ?`);
  const has = db.prepare(`SELECT 1 FROM media WHERE sha256 = ?`);
  return {
    putMedia(m: CachedMedia, fetchedAt: string): void {
      put.run(m.sha256, m.mimeType, m.bytes, fetchedAt);
    },
    media(sha256: string): CachedMedia | null {
      return (get.get(sha256) as CachedMedia | undefined) ?? null;
    },
    hasMedia(sha256: string): boolean {
      return has.get(sha256) !== undefined;
    },
  };
}
