import { openDatabaseReadOnly } from './database';
import { deriveStoreKeys } from './keys';
import type { Db } from './database';

/** One of this workstation's decision records as its chain link commits to it, with the link as stored. */
export interface ChainedRecord {
  id: string;
  itemId: string;
  assignmentId: string;
  accountId: string;
  action: string;
  reasonCode: string | null;
  note: string | null;
  decidedAt: string;
  supersedes: string | null;
  seq: number | null;
  prevHash: string | null;
  hash: string | null;
}

export interface ChainHeadRow {
  workstationId: string;
  seq: number;
  hash: string | null;
}

const SELECT_CHAIN = `
  SELECT id, item_id AS itemId, assignment_id AS assignmentId, account_id AS accountId, action, reason_code AS reasonCode,
         note, decided_at AS decidedAt, supersedes, chain_seq AS seq, chain_prev AS prevHash, chain_hash AS hash
  FROM decisions ORDER BY chain_seq IS NULL, chain_seq, rowid`;

const REPORTED_KEY = 'chain.reported';

function chainReads(db: Db) {
  const records = db.prepare(SELECT_CHAIN);
  const reported = db.prepare(`SELECT value FROM settings WHERE key = '${REPORTED_KEY}'`);
  const workstation = db.prepare(`SELECT value FROM settings WHERE key = 'workstation.id'`);
  const head = db.prepare(`SELECT chain_seq AS seq, chain_hash AS hash FROM decisions WHERE chain_seq IS NOT NULL ORDER BY chain_seq DESC LIMIT 1`);
  return {
    /** Every decision record, in chain order; records without a link (which should not exist) last. */
    chainRecords(): IterableIterator<ChainedRecord> {
      return records.iterate() as IterableIterator<ChainedRecord>;
    },
    /** The last head the upstream acknowledged: a rewrite of the chain up to it no longer matches it. */
    reportedChainHead(): { seq: number; hash: string } | null {
      const r = reported.get() as { value: string } | undefined;
      return r ? (JSON.parse(r.value) as { seq: number; hash: string }) : null;
    },
    /** This workstation's id and the last link of its chain (seq 0 before the first decision). */
    chainHead(): ChainHeadRow {
      const last = head.get() as { seq: number; hash: string } | undefined;
      return { workstationId: (workstation.get() as { value: string }).value, seq: last?.seq ?? 0, hash: last?.hash ?? null };
    },
  };
}

export function chainQueries(db: Db) {
  const putReported = db.prepare(
    `INSERT INTO settings (key, value) VALUES ('${REPORTED_KEY}', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
  );
  return {
    ...chainReads(db),
    markChainHeadReported(head: { seq: number; hash: string }): void {
      putReported.run(JSON.stringify(head));
    },
  };
}

/**
 * A workstation database opened read-only, without migrating it, for verifying its chain from
 * outside the app (npm run audit:verify): nothing the check does can change the file it checks.
 */
export function openChainReader(file: string, rootKey?: string): ReturnType<typeof chainReads> & { close(): void } {
  const db = openDatabaseReadOnly(file, rootKey === undefined ? undefined : deriveStoreKeys(rootKey).database);
  return { ...chainReads(db), close: () => db.close() };
}
