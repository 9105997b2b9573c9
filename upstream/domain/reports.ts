import { randomUUID } from 'node:crypto';
import type {
  Account,
  BatchResult,
  EscalationReport,
  ReportEntry,
  ReportsQuery,
  ReportStatus,
  ReportSummary,
  StoredReport,
} from '@workstation/protocol';
import type { Db } from '../db';
import { notFound } from '../errors';
import { conflict, jsonList } from './batch';
import { itemsNeverAssignedTo, missingItems, missingPlatformAccounts } from './items';

export type ReportConflictCode = 'unknown_item' | 'unknown_account' | 'unknown_bank';
export type ReportResult = BatchResult<ReportConflictCode, { reportId: string; reportStatus: ReportStatus }>;

interface ReportRow {
  id: string;
  idempotency_key: string;
  kind: EscalationReport['kind'];
  status: ReportStatus;
  item_id: string;
  incident_type: string | null;
  incident_at: Date;
  reported_platform_account_id: string;
  account_id: string;
  received_at: Date;
  acknowledged_at: Date | null;
  report: EscalationReport;
}

const SUMMARY_COLUMNS = `id, idempotency_key, kind, status, item_id, incident_type, incident_at, reported_platform_account_id,
  account_id, received_at, acknowledged_at`;

/** How long the upstream keeps a report's content and related data after receiving it. */
const PRESERVATION_MS = 365 * 86_400_000;

const toSummary = (r: Omit<ReportRow, 'report'>): ReportSummary => ({
  id: r.id,
  idempotencyKey: r.idempotency_key,
  kind: r.kind,
  status: r.status,
  itemId: r.item_id,
  incidentType: r.incident_type,
  incidentDateTime: r.incident_at.toISOString(),
  reportedAccountId: r.reported_platform_account_id,
  moderatorId: r.account_id,
  receivedAt: r.received_at.toISOString(),
  acknowledgedAt: r.acknowledged_at?.toISOString() ?? null,
  preservation: {
    status: r.acknowledged_at === null ? 'requested' : 'acknowledged',
    requestedAt: r.received_at.toISOString(),
    acknowledgedAt: r.acknowledged_at?.toISOString() ?? null,
    expiresAt: new Date(r.received_at.getTime() + PRESERVATION_MS).toISOString(),
  },
});

async function existing(tx: Db, key: string): Promise<ReportResult | null> {
  const [row] = await tx.query<{ id: string; status: ReportStatus }>('SELECT id, status FROM escalation_reports WHERE idempotency_key = $1', [key]);
  return row ? { idempotencyKey: key, status: 'duplicate', reportId: row.id, reportStatus: row.status } : null;
}

async function conflictFor(tx: Db, moderatorId: string, key: string, report: EscalationReport): Promise<ReportResult | null> {
  const foreign = await itemsNeverAssignedTo(tx, moderatorId, [report.itemId, ...report.files.map((f) => f.itemId)]);
  if (foreign.length > 0) return conflict(key, 'unknown_item', `items ${foreign.join(', ')} do not exist or were never assigned to you`);
  const unknownRelated = await missingItems(tx, report.relatedItems);
  if (unknownRelated.length > 0) return conflict(key, 'unknown_item', `related items ${unknownRelated.join(', ')} do not exist`);
  const accounts = [report.personOrUserReported.espIdentifier, ...report.relatedAccounts.map((a) => a.espIdentifier)];
  const unknownAccounts = await missingPlatformAccounts(tx, accounts);
  if (unknownAccounts.length > 0) return conflict(key, 'unknown_account', `platform accounts ${unknownAccounts.join(', ')} do not exist`);
  const banks = [...new Set(report.files.flatMap((f) => (f.bankMatch ? [f.bankMatch.bank] : [])))];
  const knownBanks = new Set(
    (await tx.query<{ id: string }>('SELECT id FROM hash_banks WHERE id IN (SELECT jsonb_array_elements_text($1::jsonb))', [jsonList(banks)])).map(
      (b) => b.id,
    ),
  );
  const unknownBanks = banks.filter((b) => !knownBanks.has(b));
  if (unknownBanks.length > 0) return conflict(key, 'unknown_bank', `hash banks ${unknownBanks.join(', ')} do not exist`);
  return null;
}

/**
 * Stores one report in its own transaction. The unique idempotency key turns a concurrent retry
 * into 'duplicate', and a duplicate answers with the report's id and current status so a client
 * that lost the first answer still learns them.
 */
export async function recordReport(db: Db, moderatorId: string, entry: ReportEntry): Promise<ReportResult> {
  const { idempotencyKey: key, report } = entry;
  return db.transaction(async (tx) => {
    const known = await existing(tx, key);
    if (known) return known;
    const refused = await conflictFor(tx, moderatorId, key, report);
    if (refused) return refused;
    const id = `rpt_${randomUUID()}`;
    const inserted = await tx.query(
      `INSERT INTO escalation_reports (id, idempotency_key, account_id, kind, status, item_id, incident_type, incident_at,
                                       reported_platform_account_id, report)
       VALUES ($1, $2, $3, $4, 'received', $5, $6, $7, $8, $9::jsonb)
       ON CONFLICT (idempotency_key) DO NOTHING RETURNING 1`,
      [
        id,
        key,
        moderatorId,
        report.kind,
        report.itemId,
        report.kind === 'child_safety' ? report.incidentSummary.incidentType : null,
        report.incidentSummary.incidentDateTime,
        report.personOrUserReported.espIdentifier,
        JSON.stringify(report),
      ],
    );
    if (inserted.length === 0) return (await existing(tx, key))!;
    return { idempotencyKey: key, status: 'accepted', reportId: id, reportStatus: 'received' };
  });
}

/** Supervisors see every report; a moderator sees only their own, to know which are acknowledged. */
export async function listReports(db: Db, viewer: Account, filter: ReportsQuery): Promise<ReportSummary[]> {
  const rows = await db.query<Omit<ReportRow, 'report'>>(
    `SELECT ${SUMMARY_COLUMNS} FROM escalation_reports
     WHERE ($1::text IS NULL OR account_id = $1) AND ($2::text IS NULL OR status = $2) AND ($3::text IS NULL OR kind = $3)
     ORDER BY received_at DESC, id LIMIT $4`,
    [viewer.role === 'supervisor' ? null : viewer.id, filter.status ?? null, filter.kind ?? null, filter.limit],
  );
  return rows.map(toSummary);
}

export async function getReport(db: Db, id: string): Promise<StoredReport> {
  const [row] = await db.query<ReportRow>(`SELECT ${SUMMARY_COLUMNS}, report FROM escalation_reports WHERE id = $1`, [id]);
  if (!row) throw notFound(`report ${id} does not exist`);
  return { ...toSummary(row), report: row.report };
}

/** Stands in for the upstream's own processing. Acknowledging twice keeps the first time. */
export async function acknowledgeReport(db: Db, supervisorId: string, id: string): Promise<ReportSummary> {
  const [row] = await db.query<Omit<ReportRow, 'report'>>(
    `UPDATE escalation_reports
     SET status = 'acknowledged', acknowledged_at = coalesce(acknowledged_at, clock_timestamp()), acknowledged_by = coalesce(acknowledged_by, $2)
     WHERE id = $1 RETURNING ${SUMMARY_COLUMNS}`,
    [id, supervisorId],
  );
  if (!row) throw notFound(`report ${id} does not exist`);
  return toSummary(row);
}
