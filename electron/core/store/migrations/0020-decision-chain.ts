import { randomUUID } from 'node:crypto';
import { GENESIS_HASH } from '@workstation/protocol';
import { chainHash } from '@workstation/protocol/checksums';
import type { Migration } from './types';

/**
 * Tamper evidence: the workstation's decision records form a hash chain. Each record keeps its
 * place (chain_seq, from 1), the previous record's hash and its own: SHA-256 of the previous hash
 * and the canonical form of its immutable fields (protocol checksums: chainHash). The workstation
 * gets an id of its own, the chain's name upstream. Existing records are chained here in the
 * order they were written. items.first_shown_at is when an item was first shown, for handling time.
 */
export const migration: Migration = {
  version: 20,
  name: 'decision-chain',
  sql: `
    ALTER TABLE decisions ADD COLUMN chain_seq INTEGER;
    ALTER TABLE decisions ADD COLUMN chain_prev TEXT;
    ALTER TABLE decisions ADD COLUMN chain_hash TEXT;
    CREATE UNIQUE INDEX decisions_by_chain_seq ON decisions (chain_seq);
    ALTER TABLE items ADD COLUMN first_shown_at TEXT;
  `,
  backfill(db) {
    db.prepare(`INSERT INTO settings (key, value) VALUES ('workstation.id', ?) ON CONFLICT (key) DO NOTHING`).run(`ws-${randomUUID()}`);
    const workstationId = (db.prepare(`SELECT value FROM settings WHERE key = 'workstation.id'`).get() as { value: string }).value;
    const rows = db
      .prepare(
        `SELECT rowid, id, item_id AS itemId, assignment_id AS assignmentId, account_id AS accountId, action, reason_code AS reasonCode,
                note, decided_at AS decidedAt, supersedes FROM decisions ORDER BY rowid`,
      )
      .all() as Array<{
      rowid: number;
      id: string;
      itemId: string;
      assignmentId: string;
      accountId: string;
      action: string;
      reasonCode: string | null;
      note: string | null;
      decidedAt: string;
      supersedes: string | null;
    }>;
    const link = db.prepare(`UPDATE decisions SET chain_seq = ?, chain_prev = ?, chain_hash = ? WHERE rowid = ?`);
    let previous = GENESIS_HASH;
    rows.forEach((r, index) => {
      const seq = index + 1;
      const hash = chainHash(previous, { ...r, idempotencyKey: r.id, workstationId, seq });
      link.run(seq, previous, hash, r.rowid);
      previous = hash;
    });
  },
};
