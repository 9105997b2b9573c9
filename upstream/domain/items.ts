import type { ReviewItem } from '@workstation/protocol';
import type { Db } from '../db';
import { jsonList } from './batch';

interface ItemRow {
  id: string;
  kind: ReviewItem['kind'];
  locale: ReviewItem['locale'];
  created_at: Date;
  source: ReviewItem['source'];
  report_reason: string | null;
  caption: string | null;
  media: ReviewItem['media'];
  comments: ReviewItem['comments'];
  thread: ReviewItem['thread'];
  demo_tags: string[];
  account_id: string;
  account_handle: string;
  account_display_name: string;
  account_created_at: Date;
  account_prior_strikes: number;
  account_prior_actions: string[];
  account_followers: number;
  account_bio: string;
}

/** Oldest first, but hash-bank matches (priority 0) ahead of everything. */
export const POOL_ORDER = 'i.priority, i.created_at, i.id';

function toReviewItem(row: ItemRow): ReviewItem {
  return {
    id: row.id,
    kind: row.kind,
    locale: row.locale,
    createdAt: row.created_at.toISOString(),
    source: row.source,
    reportReason: row.report_reason,
    media: row.media,
    caption: row.caption,
    comments: row.comments,
    thread: row.thread,
    account: {
      id: row.account_id,
      handle: row.account_handle,
      displayName: row.account_display_name,
      createdAt: row.account_created_at.toISOString(),
      priorStrikes: row.account_prior_strikes,
      priorActions: row.account_prior_actions,
      followers: row.account_followers,
      bio: row.account_bio,
    },
    demoTags: row.demo_tags,
  };
}

export async function itemsOfAssignment(db: Db, assignmentId: string): Promise<ReviewItem[]> {
  const rows = await db.query<ItemRow>(
    `SELECT i.id, i.kind, i.locale, i.created_at, i.source, i.report_reason, i.caption, i.media, i.comments,
            i.thread, i.demo_tags, p.id AS account_id, p.handle AS account_handle,
            p.display_name AS account_display_name, p.created_at AS account_created_at,
            p.prior_strikes AS account_prior_strikes, p.prior_actions AS account_prior_actions,
            p.followers AS account_followers, p.bio AS account_bio
     FROM items i JOIN platform_accounts p ON p.id = i.platform_account_id
     WHERE i.lease_assignment_id = $1
     ORDER BY ${POOL_ORDER}`,
    [assignmentId],
  );
  return rows.map(toReviewItem);
}

export async function countItems(db: Db): Promise<number> {
  const [row] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM items');
  return row!.n;
}

/** The ids among `itemIds` that no assignment of this moderator ever held (unknown ids included). */
export async function itemsNeverAssignedTo(db: Db, moderatorId: string, itemIds: readonly string[]): Promise<string[]> {
  if (itemIds.length === 0) return [];
  const held = await db.query<{ item_id: string }>(
    `SELECT DISTINCT ai.item_id FROM assignment_items ai JOIN assignments a ON a.id = ai.assignment_id
     WHERE a.account_id = $1 AND ai.item_id IN (SELECT jsonb_array_elements_text($2::jsonb))`,
    [moderatorId, jsonList(itemIds)],
  );
  const known = new Set(held.map((r) => r.item_id));
  return [...new Set(itemIds)].filter((id) => !known.has(id));
}

export async function missingItems(db: Db, itemIds: readonly string[]): Promise<string[]> {
  return missingIds(db, 'items', itemIds);
}

export async function missingPlatformAccounts(db: Db, accountIds: readonly string[]): Promise<string[]> {
  return missingIds(db, 'platform_accounts', accountIds);
}

async function missingIds(db: Db, table: 'items' | 'platform_accounts', ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const found = await db.query<{ id: string }>(`SELECT id FROM ${table} WHERE id IN (SELECT jsonb_array_elements_text($1::jsonb))`, [jsonList(ids)]);
  const known = new Set(found.map((r) => r.id));
  return [...new Set(ids)].filter((id) => !known.has(id));
}
