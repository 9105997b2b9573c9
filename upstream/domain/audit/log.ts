import { createHash } from 'node:crypto';
import type { Account, AuditLogQuery, AuditPage, AuditQueue, AuditRecord, DecisionSignals, Team } from '@workstation/protocol';
import { auditPageChecksum } from '@workstation/protocol/checksums';
import type { Db } from '../../db';
import { ApiError, badRequest } from '../../errors';
import { type AccountRow, toAccount } from '../accounts';

/** The kinds of record a period holds, in the order its pages serve them. */
const PHASES = ['decision', 'qa', 'appeal', 'correction', 'action', 'escalation'] as const;
type Phase = (typeof PHASES)[number];

/** Where a download stands: the phase, the last record served (its time and key), and which query it belongs to. */
interface Cursor {
  q: string;
  p: Phase;
  t: string | null;
  k: string | null;
}

/** The categories items reported for a reason fall under, for decisions without a reason code. */
const REPORTED_CATEGORY: Readonly<Record<string, string>> = {
  nudity: 'adult_sexual',
  harassment: 'harassment',
  hate_speech: 'hate',
  spam: 'spam',
  scam: 'fraud',
  violence: 'violence',
  self_harm: 'self_harm',
  impersonation: 'impersonation',
  child_safety: 'child_safety',
};

const ITEM_TEXT_MAX = 2000;

const queryHash = (teamId: string, from: string, to: string): string =>
  createHash('sha256')
    .update(`${teamId}\n${Date.parse(from)}\n${Date.parse(to)}`)
    .digest('hex')
    .slice(0, 16);

const encodeCursor = (cursor: Cursor): string => Buffer.from(JSON.stringify(cursor)).toString('base64url');

function decodeCursor(raw: string, q: string): Cursor {
  let cursor: Partial<Cursor>;
  try {
    cursor = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Partial<Cursor>;
  } catch {
    throw badRequest('cursor: not a cursor this service gave out; start the download again without one', 'cursor');
  }
  if (cursor.q !== q) throw badRequest('cursor: belongs to another team or period; use the cursor of this query', 'cursor');
  if (
    !PHASES.includes(cursor.p as Phase) ||
    (cursor.t !== null && typeof cursor.t !== 'string') ||
    (cursor.k !== null && typeof cursor.k !== 'string')
  ) {
    throw badRequest('cursor: damaged; start the download again without one', 'cursor');
  }
  return cursor as Cursor;
}

export async function teamOf(db: Db, teamId: string): Promise<Team> {
  const [team] = await db.query<{ id: string; name: string }>('SELECT id, name FROM teams WHERE id = $1', [teamId]);
  if (!team) throw new ApiError(404, 'not_found', `there is no team ${teamId}`);
  const members = await db.query<AccountRow>('SELECT * FROM accounts WHERE team_id = $1 ORDER BY username', [teamId]);
  return {
    id: team.id,
    name: team.name,
    members: members.map(toAccount).map(({ id, username, displayName, role }) => ({ id, username, displayName, role })),
  };
}

/** Supervisors audit their own team only. */
export function requireSupervisorOf(account: Account, teamId: string): void {
  if (account.teamId !== teamId) {
    throw new ApiError(403, 'forbidden', `you supervise ${account.teamId === null ? 'no team' : `team ${account.teamId}`}, not team ${teamId}`);
  }
}

interface DecisionRow {
  idempotency_key: string;
  item_id: string;
  assignment_id: string;
  account_id: string;
  action: 'approve' | 'remove' | 'escalate' | 'skip';
  reason_code: string | null;
  reason_category: string | null;
  note: string | null;
  decided_at: Date;
  received_at: Date;
  supersedes: string | null;
  signals: DecisionSignals | null;
  handling_ms: number | null;
  viewing: { clearReveals: number; clearMs: number } | null;
  workstation_id: string | null;
  chain_seq: number | null;
  chain_prev: string | null;
  chain_hash: string | null;
  kind: 'post' | 'comment' | 'direct_message';
  locale: string;
  source: 'user_report' | 'proactive';
  report_reason: string | null;
  priority: number;
  caption: string | null;
  comments: Array<{ text: string }>;
  thread: Array<{ text: string }>;
}

function itemText(r: Pick<DecisionRow, 'caption' | 'comments' | 'thread'>): string {
  return [r.caption, ...r.comments.map((c) => c.text), ...r.thread.map((m) => m.text)]
    .filter((t): t is string => !!t)
    .join('\n')
    .slice(0, ITEM_TEXT_MAX);
}

const queueOf = (r: Pick<DecisionRow, 'priority' | 'source'>): AuditQueue => (r.priority === 0 ? 'priority' : r.source);

function toDecisionRecord(r: DecisionRow): AuditRecord {
  return {
    type: 'decision',
    idempotencyKey: r.idempotency_key,
    itemId: r.item_id,
    assignmentId: r.assignment_id,
    moderatorId: r.account_id,
    action: r.action,
    reasonCode: r.reason_code,
    category: r.reason_category ?? REPORTED_CATEGORY[r.report_reason ?? ''] ?? 'none',
    queue: queueOf(r),
    note: r.note,
    decidedAt: r.decided_at.toISOString(),
    receivedAt: r.received_at.toISOString(),
    supersedes: r.supersedes,
    signals: r.signals,
    handlingMs: r.handling_ms,
    viewing: r.viewing,
    chain:
      r.workstation_id !== null && r.chain_seq !== null && r.chain_prev !== null && r.chain_hash !== null
        ? { workstationId: r.workstation_id, seq: r.chain_seq, prevHash: r.chain_prev, hash: r.chain_hash }
        : null,
    item: { kind: r.kind, locale: r.locale, text: itemText(r) },
  };
}

/** Decisions of the team made in the period; the other phases are about those decisions (or, for actions and reports, made in it). */
const TEAM_DECISIONS = `decisions d JOIN accounts a ON a.id = d.account_id
  WHERE a.team_id = $1 AND d.decided_at >= $2 AND d.decided_at < $3`;

type PhaseRows = { records: AuditRecord[]; last: { t: string | null; k: string } | null };

async function phaseRows(db: Db, phase: Phase, teamId: string, from: string, to: string, after: Cursor, limit: number): Promise<PhaseRows> {
  const base = [teamId, from, to];
  const afterKey = after.k;
  /** The page's rows and the cursor after its last: that record's key field and, for time-ordered phases, its time field. */
  const page = (records: AuditRecord[], key: string, time: string | null): PhaseRows => {
    const last = records.at(-1) as Record<string, string> | undefined;
    return { records, last: last ? { t: time === null ? null : last[time]!, k: last[key]! } : null };
  };
  switch (phase) {
    case 'decision': {
      const rows = await db.query<DecisionRow>(
        `SELECT d.*, rc.category AS reason_category, i.kind, i.locale, i.source, i.report_reason, i.priority, i.caption, i.comments, i.thread
         FROM decisions d JOIN accounts a ON a.id = d.account_id JOIN items i ON i.id = d.item_id
           LEFT JOIN reason_codes rc ON rc.code = d.reason_code
         WHERE a.team_id = $1 AND d.decided_at >= $2 AND d.decided_at < $3
           AND ($4::timestamptz IS NULL OR (d.decided_at, d.idempotency_key) > ($4::timestamptz, $5::text))
         ORDER BY d.decided_at, d.idempotency_key LIMIT $6`,
        [...base, after.t, afterKey, limit],
      );
      const records = rows.map(toDecisionRecord);
      return page(records, 'idempotencyKey', 'decidedAt');
    }
    case 'qa': {
      const rows = await db.query<{
        idempotency_key: string;
        decision_key: string;
        reviewer_id: string;
        action: 'approve';
        reason_code: string | null;
        verdict: 'agree' | 'overturn';
        reason: string | null;
        reviewed_at: Date;
      }>(
        `SELECT q.* FROM qa_reviews q WHERE q.decision_key IN (SELECT d.idempotency_key FROM ${TEAM_DECISIONS})
           AND ($4::text IS NULL OR q.idempotency_key > $4) ORDER BY q.idempotency_key LIMIT $5`,
        [...base, afterKey, limit],
      );
      const records: AuditRecord[] = rows.map((q) => ({
        type: 'qa',
        idempotencyKey: q.idempotency_key,
        decisionKey: q.decision_key,
        reviewerId: q.reviewer_id,
        action: q.action,
        reasonCode: q.reason_code,
        verdict: q.verdict,
        reason: q.reason,
        reviewedAt: q.reviewed_at.toISOString(),
      }));
      return page(records, 'idempotencyKey', null);
    }
    case 'appeal': {
      const rows = await db.query<AppealRow>(
        `SELECT ap.*, d.account_id AS moderator_id FROM appeals ap JOIN decisions d ON d.idempotency_key = ap.decision_key
         WHERE ap.decision_key IN (SELECT d.idempotency_key FROM ${TEAM_DECISIONS}) AND ($4::text IS NULL OR ap.id > $4)
         ORDER BY ap.id LIMIT $5`,
        [...base, afterKey, limit],
      );
      const records = rows.map(toAppealRecord);
      return page(records, 'id', null);
    }
    case 'correction': {
      const rows = await db.query<{
        id: string;
        decision_key: string;
        source: 'qa' | 'appeal';
        action: 'approve';
        reason_code: string | null;
        reason: string;
        corrected_by: string;
        created_at: Date;
      }>(
        `SELECT c.* FROM corrections c WHERE c.decision_key IN (SELECT d.idempotency_key FROM ${TEAM_DECISIONS})
           AND ($4::text IS NULL OR c.id > $4) ORDER BY c.id LIMIT $5`,
        [...base, afterKey, limit],
      );
      const records: AuditRecord[] = rows.map((c) => ({
        type: 'correction',
        id: c.id,
        decisionKey: c.decision_key,
        source: c.source,
        action: c.action,
        reasonCode: c.reason_code,
        reason: c.reason,
        correctedBy: c.corrected_by,
        correctedAt: c.created_at.toISOString(),
      }));
      return page(records, 'id', null);
    }
    case 'action': {
      const rows = await db.query<{
        idempotency_key: string;
        account_id: string;
        kind: 'content';
        action: 'remove_content';
        item_ids: string[];
        reason_code: string;
        decided_at: Date;
      }>(
        `SELECT e.* FROM enforcement_actions e JOIN accounts a ON a.id = e.account_id
         WHERE a.team_id = $1 AND e.decided_at >= $2 AND e.decided_at < $3
           AND ($4::timestamptz IS NULL OR (e.decided_at, e.idempotency_key) > ($4::timestamptz, $5::text))
         ORDER BY e.decided_at, e.idempotency_key LIMIT $6`,
        [...base, after.t, afterKey, limit],
      );
      const records: AuditRecord[] = rows.map((e) => ({
        type: 'action',
        idempotencyKey: e.idempotency_key,
        moderatorId: e.account_id,
        kind: e.kind,
        action: e.action,
        itemIds: e.item_ids,
        reasonCode: e.reason_code,
        decidedAt: e.decided_at.toISOString(),
      }));
      return page(records, 'idempotencyKey', 'decidedAt');
    }
    case 'escalation': {
      const rows = await db.query<{ id: string; item_id: string; account_id: string; kind: 'child_safety'; status: 'received'; received_at: Date }>(
        `SELECT r.id, r.item_id, r.account_id, r.kind, r.status, r.received_at FROM escalation_reports r JOIN accounts a ON a.id = r.account_id
         WHERE a.team_id = $1 AND r.received_at >= $2 AND r.received_at < $3
           AND ($4::timestamptz IS NULL OR (r.received_at, r.id) > ($4::timestamptz, $5::text))
         ORDER BY r.received_at, r.id LIMIT $6`,
        [...base, after.t, afterKey, limit],
      );
      const records: AuditRecord[] = rows.map((r) => ({
        type: 'escalation',
        id: r.id,
        itemId: r.item_id,
        moderatorId: r.account_id,
        kind: r.kind,
        status: r.status,
        receivedAt: r.received_at.toISOString(),
      }));
      return page(records, 'id', 'receivedAt');
    }
  }
}

export interface AppealRow {
  id: string;
  decision_key: string;
  moderator_id: string;
  statement: string;
  created_at: Date;
  outcome: 'upheld' | 'overturned' | null;
  reason: string | null;
  decided_by: string | null;
  decided_at: Date | null;
}

export const toAppealRecord = (a: AppealRow): Extract<AuditRecord, { type: 'appeal' }> => ({
  type: 'appeal',
  id: a.id,
  decisionKey: a.decision_key,
  moderatorId: a.moderator_id,
  statement: a.statement,
  createdAt: a.created_at.toISOString(),
  outcome: a.outcome,
  reason: a.reason,
  decidedBy: a.decided_by,
  decidedAt: a.decided_at?.toISOString() ?? null,
});

/**
 * One page of a team's log for a period: records of one phase at a time, in a stable order, and
 * a cursor to resume after them. A phase that runs out ends the page early; the next page starts
 * the next phase.
 */
export async function auditLogPage(db: Db, account: Account, query: AuditLogQuery): Promise<AuditPage> {
  requireSupervisorOf(account, query.teamId);
  const team = await teamOf(db, query.teamId);
  const q = queryHash(query.teamId, query.from, query.to);
  const at: Cursor = query.cursor ? decodeCursor(query.cursor, q) : { q, p: 'decision', t: null, k: null };
  const { records, last } = await phaseRows(db, at.p, query.teamId, query.from, query.to, at, query.limit);
  const phaseIndex = PHASES.indexOf(at.p);
  const next: Cursor | null =
    records.length === query.limit && last
      ? { q, p: at.p, t: last.t, k: last.k }
      : phaseIndex < PHASES.length - 1
        ? { q, p: PHASES[phaseIndex + 1]!, t: null, k: null }
        : null;
  const page = { team, records, cursor: next ? encodeCursor(next) : null, hasMore: next !== null };
  return { ...page, checksum: auditPageChecksum(page) };
}
