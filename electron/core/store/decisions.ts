import { GENESIS_HASH, type ChainLink } from '@workstation/protocol';
import { chainHash } from '@workstation/protocol/checksums';
import type { DecisionAction, ItemStatus, UploadState } from '../../api';
import type { Db } from './database';
import { outboxWrites } from './outbox';

export interface DecisionRecord {
  id: string;
  itemId: string;
  assignmentId: string;
  accountId: string;
  action: DecisionAction;
  reasonCode: string | null;
  note: string | null;
  decidedAt: string;
  undoUntil: string;
  supersedes: string | null;
}

export interface StoredDecision extends DecisionRecord {
  undoneAt: string | null;
  upload: UploadState;
}

export type UndoResult = { ok: true; decision: StoredDecision } | { ok: false; reason: 'unknown' | 'not_yours' | 'already_undone' | 'window_closed' };

const selectDecision = `
  SELECT d.id, d.item_id AS itemId, d.assignment_id AS assignmentId, d.account_id AS accountId,
         d.action, d.reason_code AS reasonCode, d.note, d.decided_at AS decidedAt,
         d.undo_until AS undoUntil, d.supersedes, d.undone_at AS undoneAt, o.state AS outboxState
  FROM decisions d LEFT JOIN outbox o ON o.idempotency_key = d.id`;

interface RawDecision extends DecisionRecord {
  undoneAt: string | null;
  outboxState: string | null;
}

const statusAfter = (action: DecisionAction): ItemStatus => (action === 'skip' ? 'skipped' : 'decided');

function uploadState(r: RawDecision, now: string): UploadState {
  if (r.undoneAt !== null) return 'undone';
  switch (r.outboxState) {
    case 'accepted':
    case 'duplicate':
      return 'uploaded';
    case 'conflict':
      return 'conflict';
    default:
      return now < r.undoUntil ? 'undoable' : 'queued';
  }
}

/** Decisions and their outbox entries: always written together, in one transaction. */
export function decisionQueries(db: Db) {
  const insertDecision = db.prepare(
    `INSERT INTO decisions (id, item_id, assignment_id, account_id, action, reason_code, note, decided_at, undo_until, supersedes,
                            chain_seq, chain_prev, chain_hash)
     VALUES (@id, @itemId, @assignmentId, @accountId, @action, @reasonCode, @note, @decidedAt, @undoUntil, @supersedes,
             @seq, @prevHash, @hash)`,
  );
  const workstation = db.prepare(`SELECT value FROM settings WHERE key = 'workstation.id'`);
  const head = db.prepare(`SELECT chain_seq AS seq, chain_hash AS hash FROM decisions WHERE chain_seq IS NOT NULL ORDER BY chain_seq DESC LIMIT 1`);

  /** The next link of this workstation's chain for d; called inside the transaction that writes d. */
  const nextLink = (d: DecisionRecord): ChainLink => {
    const workstationId = (workstation.get() as { value: string }).value;
    const last = head.get() as { seq: number; hash: string } | undefined;
    const seq = (last?.seq ?? 0) + 1;
    const prevHash = last?.hash ?? GENESIS_HASH;
    return { workstationId, seq, prevHash, hash: chainHash(prevHash, { ...d, idempotencyKey: d.id, workstationId, seq }) };
  };
  const outbox = outboxWrites(db);
  const setItemStatus = db.prepare(`UPDATE items SET status = ? WHERE assignment_id = ? AND id = ?`);
  const byId = db.prepare(`${selectDecision} WHERE d.id = ?`);
  const latestForItem = db.prepare(
    `${selectDecision} WHERE d.assignment_id = ? AND d.item_id = ? AND d.undone_at IS NULL
     ORDER BY d.decided_at DESC, d.rowid DESC LIMIT 1`,
  );
  const markUndone = db.prepare(`UPDATE decisions SET undone_at = ? WHERE id = ?`);

  const view = (r: RawDecision | undefined, now: string): StoredDecision | null =>
    r
      ? {
          id: r.id,
          itemId: r.itemId,
          assignmentId: r.assignmentId,
          accountId: r.accountId,
          action: r.action,
          reasonCode: r.reasonCode,
          note: r.note,
          decidedAt: r.decidedAt,
          undoUntil: r.undoUntil,
          supersedes: r.supersedes,
          undoneAt: r.undoneAt,
          upload: uploadState(r, now),
        }
      : null;

  return {
    /**
     * Records the decision as the next link of the workstation's hash chain, its outbox entry
     * (the upload payload with the link as `chain`, held back until the undo window closes) and
     * the item's new status, all or nothing.
     */
    recordDecision(d: DecisionRecord, uploadPayload: object): ChainLink {
      return db.transaction(() => {
        const link = nextLink(d);
        insertDecision.run({ ...d, seq: link.seq, prevHash: link.prevHash, hash: link.hash });
        const payload = { ...uploadPayload, chain: link };
        outbox.enqueue({
          key: d.id,
          kind: 'decision',
          accountId: d.accountId,
          itemIds: [d.itemId],
          payload,
          createdAt: d.decidedAt,
          notBefore: d.undoUntil,
        });
        setItemStatus.run(statusAfter(d.action), d.assignmentId, d.itemId);
        return link;
      })();
    },
    decision(id: string, now: string): StoredDecision | null {
      return view(byId.get(id) as RawDecision | undefined, now);
    },
    latestDecisionForItem(assignmentId: string, itemId: string, now: string): StoredDecision | null {
      return view(latestForItem.get(assignmentId, itemId) as RawDecision | undefined, now);
    },
    /** Cancels a decision whose outbox entry has not left yet; the item goes back to pending unless another decision on it stands. */
    undoDecision(id: string, accountId: string, now: string): UndoResult {
      return db.transaction((): UndoResult => {
        const d = view(byId.get(id) as RawDecision | undefined, now);
        if (!d) return { ok: false, reason: 'unknown' };
        if (d.accountId !== accountId) return { ok: false, reason: 'not_yours' };
        if (d.undoneAt !== null) return { ok: false, reason: 'already_undone' };
        if (d.upload !== 'undoable') return { ok: false, reason: 'window_closed' };
        if (!outbox.cancel(id, now)) return { ok: false, reason: 'window_closed' };
        markUndone.run(now, id);
        // A correction made after this decision still stands; only with none left is the item pending again.
        const standing = latestForItem.get(d.assignmentId, d.itemId) as RawDecision | undefined;
        setItemStatus.run(standing ? statusAfter(standing.action) : 'pending', d.assignmentId, d.itemId);
        return { ok: true, decision: { ...d, undoneAt: now, upload: 'undone' } };
      })();
    },
  };
}
