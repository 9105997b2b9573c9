import type { ReportPreservation, ReportStatus } from '@workstation/protocol';
import type { EscalationStatus, ReportKind } from '../../api';
import type { Db } from './database';
import { outboxWrites, type Settlement } from './outbox';

export interface EscalationRow {
  id: string;
  itemId: string;
  assignmentId: string;
  /** The moderator who drafted it. */
  accountId: string;
  kind: ReportKind;
  reasonCode: string | null;
  /** The report as typed so far: JSON, complete only once submitted. */
  report: unknown;
  status: EscalationStatus;
  reportId: string | null;
  /** Null until the upstream has listed the report. */
  preservation: ReportPreservation | null;
  createdAt: string;
  updatedAt: string;
}

interface RawEscalation {
  id: string;
  item_id: string;
  assignment_id: string;
  account_id: string;
  kind: ReportKind;
  reason_code: string | null;
  report: string;
  status: EscalationStatus;
  report_id: string | null;
  preservation: string | null;
  created_at: string;
  updated_at: string;
}

const toRow = (r: RawEscalation): EscalationRow => ({
  id: r.id,
  itemId: r.item_id,
  assignmentId: r.assignment_id,
  accountId: r.account_id,
  kind: r.kind,
  reasonCode: r.reason_code,
  report: JSON.parse(r.report) as unknown,
  status: r.status,
  reportId: r.report_id,
  preservation: r.preservation === null ? null : (JSON.parse(r.preservation) as ReportPreservation),
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** What the upstream said about one report: on upload (accepted, duplicate) or in its report list. */
export interface ReportStatusUpdate {
  idempotencyKey: string;
  reportId: string;
  status: ReportStatus;
  /** Known from the upstream's report list, not from an upload's answer. */
  preservation?: ReportPreservation;
}

/**
 * Escalation drafts, their report uploads (outbox kind 'report', keyed by the draft id) and the
 * evidence pins that keep an escalated item's media until the upstream acknowledges the report.
 */
export function escalationQueries(db: Db) {
  const outbox = outboxWrites(db);
  const insert = db.prepare(
    `INSERT INTO escalation_drafts (id, item_id, assignment_id, account_id, kind, reason_code, report, created_at, updated_at)
     VALUES (@id, @itemId, @assignmentId, @accountId, @kind, @reasonCode, @report, @createdAt, @createdAt)
     ON CONFLICT (account_id, item_id, kind) DO NOTHING`,
  );
  const byId = db.prepare(`SELECT * FROM escalation_drafts WHERE id = ?`);
  const byItem = db.prepare(`SELECT * FROM escalation_drafts WHERE account_id = ? AND item_id = ? AND kind = ?`);
  const save = db.prepare(
    `UPDATE escalation_drafts SET reason_code = @reasonCode, report = @report, updated_at = @updatedAt WHERE id = @id AND status = 'draft'`,
  );
  const markQueued = db.prepare(
    `UPDATE escalation_drafts SET report = @report, status = 'queued', updated_at = @at WHERE id = @id AND status = 'draft'`,
  );
  const all = db.prepare(`SELECT * FROM escalation_drafts ORDER BY updated_at DESC, rowid DESC`);
  const mine = db.prepare(`SELECT * FROM escalation_drafts WHERE account_id = ? ORDER BY updated_at DESC, rowid DESC`);
  const pin = db.prepare(`INSERT OR IGNORE INTO evidence_pins (sha256, escalation_id, pinned_at) VALUES (?, ?, ?)`);
  const unpin = db.prepare(`DELETE FROM evidence_pins WHERE escalation_id = ?`);
  const pinned = db.prepare(`SELECT 1 FROM evidence_pins WHERE sha256 = ? LIMIT 1`);
  // A report's status only moves forward: queued -> submitted -> acknowledged; its preservation comes with the upstream's list.
  const setStatus = db.prepare(
    `UPDATE escalation_drafts SET report_id = @reportId, status = @status, updated_at = @at, preservation = coalesce(@preservation, preservation)
     WHERE id = @id AND status IN ('queued', 'submitted')
       AND NOT (status = 'submitted' AND @status = 'submitted' AND report_id IS @reportId AND (@preservation IS NULL OR preservation IS @preservation))`,
  );
  const awaiting = db.prepare(`SELECT count(*) AS n FROM escalation_drafts WHERE account_id = ? AND status IN ('queued', 'submitted')`);

  function applyStatus(update: ReportStatusUpdate, at: string): boolean {
    const status = update.status === 'acknowledged' ? 'acknowledged' : 'submitted';
    const preservation = update.preservation === undefined ? null : JSON.stringify(update.preservation);
    const changed = setStatus.run({ id: update.idempotencyKey, reportId: update.reportId, status, at, preservation }).changes === 1;
    if (changed && status === 'acknowledged') unpin.run(update.idempotencyKey);
    return changed;
  }

  return {
    /** The moderator's draft of this kind for the item, creating it from `create` when there is none. */
    openEscalationDraft(create: Omit<EscalationRow, 'status' | 'reportId' | 'preservation' | 'updatedAt'>): EscalationRow {
      return db.transaction(() => {
        insert.run({ ...create, report: JSON.stringify(create.report) });
        return toRow(byItem.get(create.accountId, create.itemId, create.kind) as RawEscalation);
      })();
    },
    escalationDraftFor(accountId: string, itemId: string, kind: ReportKind): EscalationRow | null {
      const r = byItem.get(accountId, itemId, kind) as RawEscalation | undefined;
      return r ? toRow(r) : null;
    },
    escalationDraft(id: string): EscalationRow | null {
      const r = byId.get(id) as RawEscalation | undefined;
      return r ? toRow(r) : null;
    },
    /** Saves typed changes; false when the draft is no longer a draft (submitted meanwhile). */
    saveEscalationDraft(id: string, change: { reasonCode: string | null; report: unknown }, updatedAt: string): boolean {
      return save.run({ id, reasonCode: change.reasonCode, report: JSON.stringify(change.report), updatedAt }).changes === 1;
    },
    /**
     * Queues the report for upload and pins the evidence. Call inside the transaction that also
     * records the escalate decision and the mandated actions; false when it was already submitted.
     */
    queueEscalationReport(q: {
      id: string;
      accountId: string;
      itemId: string;
      report: unknown;
      uploadPayload: unknown;
      at: string;
      evidence: readonly string[];
    }): boolean {
      if (markQueued.run({ id: q.id, report: JSON.stringify(q.report), at: q.at }).changes !== 1) return false;
      outbox.enqueue({
        key: q.id,
        kind: 'report',
        accountId: q.accountId,
        itemIds: [q.itemId],
        payload: q.uploadPayload,
        createdAt: q.at,
        notBefore: q.at,
      });
      for (const sha256 of q.evidence) pin.run(sha256, q.id, q.at);
      return true;
    },
    /** Every escalation on this workstation (accountId null) or one moderator's, newest change first. */
    escalations(accountId: string | null): EscalationRow[] {
      return ((accountId === null ? all.all() : mine.all(accountId)) as RawEscalation[]).map(toRow);
    },
    /** Settles report uploads and records the upstream's report id and status, in one transaction. */
    settleReportUploads(
      results: ReadonlyArray<{ idempotencyKey: string; settlement: Settlement; report: ReportStatusUpdate | null }>,
      at: string,
    ): void {
      db.transaction(() => {
        for (const r of results) {
          outbox.settle(r.idempotencyKey, r.settlement, at);
          if (r.report) applyStatus(r.report, at);
        }
      })();
    },
    /**
     * Applies statuses from the upstream's report list; acknowledged reports release their
     * evidence pins. Returns how many escalations changed.
     */
    recordReportStatuses(updates: readonly ReportStatusUpdate[], at: string): number {
      return db.transaction(() => updates.filter((u) => applyStatus(u, at)).length)();
    },
    /** Reports of this moderator the upstream has not acknowledged yet (queued or submitted). */
    reportsAwaitingAcknowledgement(accountId: string): number {
      return (awaiting.get(accountId) as { n: number }).n;
    },
    /** True while an unacknowledged escalation holds this media as evidence: nothing may purge it. */
    isPinned(sha256: string): boolean {
      return pinned.get(sha256) !== undefined;
    },
  };
}
