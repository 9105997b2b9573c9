import { randomUUID } from 'node:crypto';
import type { Account, Assignment } from '@workstation/protocol';
import type { Db } from '../db';
import { ApiError, notFound } from '../errors';
import { jsonList } from './batch';
import { itemsOfAssignment, POOL_ORDER } from './items';

/**
 * Takes up to `size` items from the pool in one statement. SKIP LOCKED lets concurrent leases
 * on real Postgres pass each other instead of handing out the same rows.
 */
/**
 * Items only a child-safety-cleared moderator may be leased: reported as child safety, or with a
 * file whose exact hash (SHA-256 or MD5) is in a child-safety bank. PDQ matches are the
 * workstation's to find; it refuses to open one for an uncleared moderator.
 */
const CHILD_SAFETY_ITEM = `(
  coalesce(i.report_reason, '') = 'child_safety'
  OR EXISTS (
    SELECT 1 FROM jsonb_array_elements(i.media) AS m
    JOIN hash_bank_entries e ON e.kind IN ('sha256', 'md5') AND e.hash = m->>e.kind
    JOIN hash_banks b ON b.id = e.bank_id AND b.category = 'child_safety'
  )
)`;

export async function leaseAssignment(
  db: Db,
  account: Pick<Account, 'id' | 'childSafetyCleared'>,
  size: number,
  leaseSeconds: number,
): Promise<Assignment> {
  const accountId = account.id;
  return db.transaction(async (tx) => {
    const id = randomUUID();
    const [assignment] = await tx.query<{ lease_expires_at: Date }>(
      `INSERT INTO assignments (id, account_id, lease_expires_at)
       VALUES ($1, $2, now() + make_interval(secs => $3)) RETURNING lease_expires_at`,
      [id, accountId, leaseSeconds],
    );
    await tx.query(
      `WITH picked AS (
         SELECT i.id FROM items i
         WHERE i.final_account_id IS NULL AND (i.lease_expires_at IS NULL OR i.lease_expires_at <= now())
           AND ($4::boolean OR NOT ${CHILD_SAFETY_ITEM})
           -- A skip hands the item to someone else (another language, a specialist): never back to who skipped it.
           AND NOT EXISTS (SELECT 1 FROM decisions d WHERE d.item_id = i.id AND d.account_id = $5 AND d.action = 'skip')
         ORDER BY ${POOL_ORDER}
         LIMIT $2
         FOR UPDATE SKIP LOCKED
       ), leased AS (
         UPDATE items SET lease_assignment_id = $1, lease_expires_at = $3
         FROM picked WHERE items.id = picked.id
         RETURNING items.id
       )
       INSERT INTO assignment_items (assignment_id, item_id) SELECT $1, id FROM leased`,
      [id, size, assignment!.lease_expires_at, account.childSafetyCleared, accountId],
    );
    return { id, leaseExpiresAt: assignment!.lease_expires_at.toISOString(), items: await itemsOfAssignment(tx, id) };
  });
}

async function ownAssignment(tx: Db, accountId: string, assignmentId: string, verb: string): Promise<{ expired: boolean }> {
  const [assignment] = await tx.query<{ account_id: string; expired: boolean }>(
    'SELECT account_id, lease_expires_at <= now() AS expired FROM assignments WHERE id = $1 FOR UPDATE',
    [assignmentId],
  );
  if (!assignment) throw notFound(`assignment ${assignmentId} does not exist`);
  if (assignment.account_id !== accountId) {
    throw new ApiError(403, 'forbidden', `assignment ${assignmentId} belongs to another account; only its owner can ${verb} it`);
  }
  return assignment;
}

/**
 * Puts the named items of an assignment back in the pool at once, for the next lease to take.
 * Only items the assignment still holds undecided go back; the rest are left as they are.
 */
export async function releaseAssignment(db: Db, accountId: string, assignmentId: string, itemIds: readonly string[]): Promise<string[]> {
  return db.transaction(async (tx) => {
    await ownAssignment(tx, accountId, assignmentId, 'release');
    const released = await tx.query<{ id: string }>(
      `UPDATE items SET lease_assignment_id = NULL, lease_expires_at = NULL
       WHERE lease_assignment_id = $1 AND final_account_id IS NULL AND id IN (SELECT jsonb_array_elements_text($2::jsonb))
       RETURNING id`,
      [assignmentId, jsonList(itemIds)],
    );
    return released.map((r) => r.id).sort();
  });
}

/**
 * Extends the lease on the items the assignment still holds. An expired assignment can be
 * renewed only while nobody else has taken any of its items; otherwise 409 lease_expired.
 */
export async function renewAssignment(db: Db, accountId: string, assignmentId: string, leaseSeconds: number): Promise<string> {
  return db.transaction(async (tx) => {
    const assignment = await ownAssignment(tx, accountId, assignmentId, 'renew');
    const [renewed] = await tx.query<{ lease_expires_at: Date }>(
      `UPDATE assignments SET lease_expires_at = now() + make_interval(secs => $2) WHERE id = $1 RETURNING lease_expires_at`,
      [assignmentId, leaseSeconds],
    );
    // Row locks taken here make a concurrent lease skip these items, so the check below is final.
    await tx.query('UPDATE items SET lease_expires_at = $2 WHERE lease_assignment_id = $1 AND final_account_id IS NULL', [
      assignmentId,
      renewed!.lease_expires_at,
    ]);
    if (assignment.expired) {
      const taken = await tx.query(
        `SELECT 1 FROM assignment_items ai JOIN items i ON i.id = ai.item_id
         WHERE ai.assignment_id = $1 AND i.lease_assignment_id IS NOT NULL AND i.lease_assignment_id <> $1 LIMIT 1`,
        [assignmentId],
      );
      if (taken.length > 0) {
        throw new ApiError(
          409,
          'lease_expired',
          `assignment ${assignmentId} expired and some of its items went to another assignment; lease a new batch`,
        );
      }
    }
    return renewed!.lease_expires_at.toISOString();
  });
}
