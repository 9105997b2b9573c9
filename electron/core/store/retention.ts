import type { Db } from './database';

/** What one purge removed: counts only, since that is all its log line may say. */
export interface PurgeCounts {
  items: number;
  mediaFiles: number;
  mediaBytes: number;
}

/**
 * Items whose content the workstation no longer needs: decided, with every decision on them past
 * its undo window and answered by the upstream; or left in a batch whose lease is gone. An item
 * with an escalation not yet acknowledged is evidence and stays.
 */
const PURGEABLE = `
  SELECT i.assignment_id AS assignmentId, i.id AS itemId, i.payload
  FROM items i
  WHERE i.purged_at IS NULL
    AND (
      (i.status <> 'pending' AND NOT EXISTS (
        SELECT 1 FROM decisions d JOIN outbox o ON o.idempotency_key = d.id
        WHERE d.assignment_id = i.assignment_id AND d.item_id = i.id AND d.undone_at IS NULL
          AND (o.state = 'pending' OR d.undo_until > @now)))
      OR (i.status = 'pending' AND EXISTS (SELECT 1 FROM settings s WHERE s.key = 'lease.lost:' || i.assignment_id))
    )
    AND NOT EXISTS (SELECT 1 FROM escalation_drafts e WHERE e.item_id = i.id AND e.status <> 'acknowledged')
`;

/** Media no unpurged item shows and no escalation holds as evidence. */
const ORPHAN_MEDIA = `
  FROM media m
  WHERE NOT EXISTS (SELECT 1 FROM evidence_pins p WHERE p.sha256 = m.sha256)
    AND NOT EXISTS (
      SELECT 1 FROM items i, json_each(i.payload, '$.media') f
      WHERE i.purged_at IS NULL AND json_extract(f.value, '$.sha256') = m.sha256)
`;

/** Purging reviewed content once it has served its purpose: the store keeps nothing it need not. */
export function retentionQueries(db: Db) {
  const purgeable = db.prepare(PURGEABLE);
  const redact = db.prepare(`UPDATE items SET payload = ?, purged_at = ? WHERE assignment_id = ? AND id = ? AND purged_at IS NULL`);
  const orphans = db.prepare(`SELECT m.sha256, length(m.bytes) AS bytes ${ORPHAN_MEDIA}`);
  const dropOrphans = db.prepare(`DELETE FROM media WHERE sha256 IN (SELECT m.sha256 ${ORPHAN_MEDIA})`);

  return {
    /**
     * In one transaction: replaces each purgeable item's payload by what `redact` keeps of it, then
     * deletes the media files nothing needs any more. Returns the purged files' hashes too, so
     * caches built from them can forget them.
     */
    purgeReviewedContent(now: string, redactPayload: (payload: unknown) => unknown): PurgeCounts & { purgedMedia: string[] } {
      return db.transaction(() => {
        const rows = purgeable.all({ now }) as Array<{ assignmentId: string; itemId: string; payload: string }>;
        for (const row of rows) redact.run(JSON.stringify(redactPayload(JSON.parse(row.payload) as unknown)), now, row.assignmentId, row.itemId);
        const media = orphans.all() as Array<{ sha256: string; bytes: number }>;
        dropOrphans.run();
        return {
          items: rows.length,
          mediaFiles: media.length,
          mediaBytes: media.reduce((sum, m) => sum + m.bytes, 0),
          purgedMedia: media.map((m) => m.sha256),
        };
      })();
    },
  };
}
