import type { Migration } from './types';

/**
 * Order per item instead of one queue-wide order: each outbox entry lists the review items it is
 * about (a decision's itemId, an action's itemIds, a report's report.itemId) as a JSON array, so
 * an entry that keeps failing holds back only later entries of its own items. failed_attempts
 * counts the uploads the upstream answered without taking the entry (a 5xx, an unusable reply),
 * unlike attempts, which network trouble also counts; failing_since is when that run of failures
 * began. Both show an entry as stuck. Existing rows are backfilled from their payloads once, here.
 */
export const migration: Migration = {
  version: 9,
  name: 'outbox-items-and-failures',
  sql: `
    ALTER TABLE outbox ADD COLUMN item_ids TEXT NOT NULL DEFAULT '[]';
    ALTER TABLE outbox ADD COLUMN failed_attempts INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE outbox ADD COLUMN failing_since TEXT;
    UPDATE outbox SET item_ids = CASE kind
        WHEN 'decision' THEN json_array(json_extract(payload, '$.itemId'))
        WHEN 'action' THEN json_extract(payload, '$.itemIds')
        WHEN 'report' THEN json_array(json_extract(payload, '$.report.itemId'))
      END
      WHERE json_valid(payload) AND CASE kind
        WHEN 'decision' THEN json_type(payload, '$.itemId') = 'text'
        WHEN 'action' THEN json_type(payload, '$.itemIds') = 'array'
        WHEN 'report' THEN json_type(payload, '$.report.itemId') = 'text'
      END;
    CREATE INDEX outbox_pending_in_order ON outbox (account_id, state, created_at);
  `,
};
