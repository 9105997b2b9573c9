import type { Migration } from './types';

/**
 * When an item's reviewed content (texts, account bio) was purged after its decision synced: the
 * row stays, as the batch's record, with only what identifies the item and its files.
 */
export const migration: Migration = {
  version: 30,
  name: 'item-purge',
  sql: `
    ALTER TABLE items ADD COLUMN purged_at TEXT;
    CREATE INDEX items_not_purged ON items (purged_at) WHERE purged_at IS NULL;
  `,
};
