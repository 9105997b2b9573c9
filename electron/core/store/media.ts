import type { Db } from './database';
import type { MediaSealer } from './keys';

export interface CachedMedia {
  sha256: string;
  mimeType: string;
  bytes: Buffer;
}

/** Media bytes by content hash, as downloaded and verified by sync; sealed at rest. */
export function mediaQueries(db: Db, sealer: MediaSealer) {
  const put = db.prepare(`INSERT OR IGNORE INTO media (sha256, mime_type, bytes, fetched_at) VALUES (?, ?, ?, ?)`);
  const get = db.prepare(`SELECT sha256, mime_type AS mimeType, bytes FROM media WHERE sha256 = ?`);
  const has = db.prepare(`SELECT 1 FROM media WHERE sha256 = ?`);
  const all = db.prepare(`SELECT sha256, bytes FROM media`);
  const replace = db.prepare(`UPDATE media SET bytes = ? WHERE sha256 = ?`);
  return {
    /** Seals every file again under the current key (after a key rotation); returns how many. */
    resealMedia(): number {
      return db.transaction(() => {
        const rows = all.all() as Array<{ sha256: string; bytes: Buffer }>;
        for (const row of rows) replace.run(sealer.seal(row.sha256, sealer.open(row.sha256, row.bytes)), row.sha256);
        return rows.length;
      })();
    },
    putMedia(m: CachedMedia, fetchedAt: string): void {
      put.run(m.sha256, m.mimeType, sealer.seal(m.sha256, m.bytes), fetchedAt);
    },
    media(sha256: string): CachedMedia | null {
      const row = get.get(sha256) as CachedMedia | undefined;
      return row ? { ...row, bytes: sealer.open(sha256, row.bytes) } : null;
    },
    hasMedia(sha256: string): boolean {
      return has.get(sha256) !== undefined;
    },
  };
}
