import type { ItemStatus, ReviewItem } from '../../api';
import type { Db } from './database';

export interface AssignmentRow {
  id: string;
  accountId: string;
  leasedAt: string;
  leaseExpiresAt: string;
}

export interface ItemRow {
  id: string;
  assignmentId: string;
  position: number;
  accountHandle: string;
  platformAccountId: string;
  kind: ReviewItem['kind'];
  status: ItemStatus;
  item: ReviewItem;
}

interface RawItem {
  id: string;
  assignment_id: string;
  position: number;
  account_handle: string;
  platform_account_id: string;
  kind: ReviewItem['kind'];
  status: ItemStatus;
  payload: string;
}

const toItem = (r: RawItem): ItemRow => ({
  id: r.id,
  assignmentId: r.assignment_id,
  position: r.position,
  accountHandle: r.account_handle,
  platformAccountId: r.platform_account_id,
  kind: r.kind,
  status: r.status,
  item: JSON.parse(r.payload) as ReviewItem,
});

export function assignmentQueries(db: Db) {
  const insertAssignment = db.prepare(
    `INSERT INTO assignments (id, account_id, leased_at, lease_expires_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET lease_expires_at = excluded.lease_expires_at`,
  );
  const insertItem = db.prepare(
    `INSERT OR IGNORE INTO items (id, assignment_id, position, account_handle, platform_account_id, kind, payload)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const latest = db.prepare(
    `SELECT id, account_id AS accountId, leased_at AS leasedAt, lease_expires_at AS leaseExpiresAt
     FROM assignments WHERE account_id = ? ORDER BY leased_at DESC, rowid DESC LIMIT 1`,
  );
  const byId = db.prepare(
    `SELECT id, account_id AS accountId, leased_at AS leasedAt, lease_expires_at AS leaseExpiresAt
     FROM assignments WHERE id = ?`,
  );
  const items = db.prepare(`SELECT * FROM items WHERE assignment_id = ? ORDER BY position`);
  const item = db.prepare(`SELECT * FROM items WHERE assignment_id = ? AND id = ?`);
  const setStatus = db.prepare(`UPDATE items SET status = ? WHERE assignment_id = ? AND id = ?`);
  const itemIdsOfAccount = db.prepare(`SELECT DISTINCT id FROM items WHERE platform_account_id = ? ORDER BY id`);
  const accountOfHandle = db.prepare(`SELECT platform_account_id AS id FROM items WHERE account_handle = ? LIMIT 1`);
  const renew = db.prepare(`UPDATE assignments SET lease_expires_at = ? WHERE id = ?`);
  const shown = db.prepare(`UPDATE items SET first_shown_at = ? WHERE assignment_id = ? AND id = ? AND first_shown_at IS NULL`);
  const firstShown = db.prepare(`SELECT first_shown_at AS at FROM items WHERE assignment_id = ? AND id = ?`);
  // A lost lease is a flag on at most a few batches, so it lives in settings rather than in a schema migration.
  const lostKey = (assignmentId: string) => `lease.lost:${assignmentId}`;
  const getLost = db.prepare(`SELECT value FROM settings WHERE key = ?`);
  const putLost = db.prepare(`INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING`);

  return {
    saveAssignment(a: AssignmentRow, reviewItems: readonly ReviewItem[]): void {
      db.transaction(() => {
        insertAssignment.run(a.id, a.accountId, a.leasedAt, a.leaseExpiresAt);
        reviewItems.forEach((it, position) => insertItem.run(it.id, a.id, position, it.account.handle, it.account.id, it.kind, JSON.stringify(it)));
      })();
    },
    latestAssignment(accountId: string): AssignmentRow | null {
      return (latest.get(accountId) as AssignmentRow | undefined) ?? null;
    },
    assignment(id: string): AssignmentRow | null {
      return (byId.get(id) as AssignmentRow | undefined) ?? null;
    },
    renewLease(assignmentId: string, leaseExpiresAt: string): void {
      renew.run(leaseExpiresAt, assignmentId);
    },
    /** Records that the upstream refused to renew this batch: its pending items are no longer the moderator's. */
    markLeaseLost(assignmentId: string, at: string): void {
      putLost.run(lostKey(assignmentId), at);
    },
    /** When the batch's lease was found gone, or null while it is still held. */
    leaseLostAt(assignmentId: string): string | null {
      return (getLost.get(lostKey(assignmentId)) as { value: string } | undefined)?.value ?? null;
    },
    items(assignmentId: string): ItemRow[] {
      return (items.all(assignmentId) as RawItem[]).map(toItem);
    },
    item(assignmentId: string, itemId: string): ItemRow | null {
      const r = item.get(assignmentId, itemId) as RawItem | undefined;
      return r ? toItem(r) : null;
    },
    /** The first time the item was shown to the moderator counts; later views change nothing. */
    markItemShown(assignmentId: string, itemId: string, at: string): void {
      shown.run(at, assignmentId, itemId);
    },
    itemFirstShownAt(assignmentId: string, itemId: string): string | null {
      return (firstShown.get(assignmentId, itemId) as { at: string | null } | undefined)?.at ?? null;
    },
    setItemStatus(assignmentId: string, itemId: string, status: ItemStatus): void {
      setStatus.run(status, assignmentId, itemId);
    },
    /** Ids of every item this workstation holds from one platform account, in any batch. */
    itemIdsOfPlatformAccount(platformAccountId: string): string[] {
      return (itemIdsOfAccount.all(platformAccountId) as Array<{ id: string }>).map((r) => r.id);
    },
    /** The platform account id behind a handle, when an item of that account is on this workstation. */
    platformAccountIdOfHandle(handle: string): string | null {
      return (accountOfHandle.get(handle) as { id: string } | undefined)?.id ?? null;
    },
  };
}
