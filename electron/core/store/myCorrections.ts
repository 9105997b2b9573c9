import type { CorrectionSource, DecisionAction } from '@workstation/protocol';
import type { Db } from './database';

export interface MyCorrectionRow {
  id: string;
  seq: number;
  decisionId: string;
  itemId: string;
  source: CorrectionSource;
  action: DecisionAction;
  reasonCode: string | null;
  reason: string;
  correctedBy: string;
  correctedAt: string;
  seenAt: string | null;
}

const cursorKey = (accountId: string) => `corrections.cursor:${accountId}`;

/** Corrections of a moderator's decisions as the upstream listed them (GET /corrections), and whether they were read. */
export function myCorrectionQueries(db: Db) {
  const insert = db.prepare(
    `INSERT INTO my_corrections (id, account_id, seq, decision_id, item_id, source, action, reason_code, reason, corrected_by, corrected_at)
     VALUES (@id, @accountId, @seq, @decisionId, @itemId, @source, @action, @reasonCode, @reason, @correctedBy, @correctedAt)
     ON CONFLICT (id) DO NOTHING`,
  );
  const list = db.prepare(
    `SELECT id, seq, decision_id AS decisionId, item_id AS itemId, source, action, reason_code AS reasonCode, reason,
            corrected_by AS correctedBy, corrected_at AS correctedAt, seen_at AS seenAt
     FROM my_corrections WHERE account_id = ? ORDER BY seq DESC`,
  );
  const seen = db.prepare(`UPDATE my_corrections SET seen_at = ? WHERE account_id = ? AND seen_at IS NULL`);
  const getCursor = db.prepare(`SELECT value FROM settings WHERE key = ?`);
  const putCursor = db.prepare(`INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`);
  return {
    /** The seq after which to ask the upstream for this moderator's corrections. */
    correctionsCursor(accountId: string): number {
      return Number((getCursor.get(cursorKey(accountId)) as { value: string } | undefined)?.value ?? 0);
    },
    /** Keeps new corrections and moves the cursor past them together; returns how many were new. */
    saveCorrections(accountId: string, corrections: ReadonlyArray<Omit<MyCorrectionRow, 'seenAt'>>, cursor: number): number {
      return db.transaction(() => {
        let added = 0;
        for (const c of corrections) added += insert.run({ ...c, accountId }).changes;
        putCursor.run(cursorKey(accountId), String(cursor));
        return added;
      })();
    },
    myCorrections(accountId: string): MyCorrectionRow[] {
      return list.all(accountId) as MyCorrectionRow[];
    },
    markCorrectionsSeen(accountId: string, at: string): void {
      seen.run(at, accountId);
    },
  };
}
