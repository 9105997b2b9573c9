import type { AuditPage, AuditRecord } from '@workstation/protocol';
import { auditPageChecksum } from '@workstation/protocol/checksums';
import { ApiError, type Account, type QaSeverity } from '../../api';
import type { AuditPageInput, Store, TeamDecisionInput } from '../store';
import { UpstreamError, type UpstreamClient } from '../sync';

/** Records per page: large enough that a 100,000-decision period is a hundred requests. */
const DOWNLOAD_PAGE_SIZE = 1000;

export interface DownloadDeps {
  store: Store;
  client: UpstreamClient;
  clock: () => Date;
  log: (line: string) => void;
}

export interface DownloadProgress {
  records: number;
  pages: number;
}

const HIGH = new Set(['child_safety', 'violence', 'self_harm']);
const LOW = new Set(['spam', 'none']);

/** How much harm a wrong call on this decision could do: what QA samples stratify by. */
export function severityOf(category: string, action: string, bankCategory: string | null): QaSeverity {
  if (action === 'escalate' || bankCategory !== null || HIGH.has(category)) return 'high';
  return LOW.has(category) ? 'low' : 'medium';
}

function toDecision(r: Extract<AuditRecord, { type: 'decision' }>): TeamDecisionInput {
  return {
    id: r.idempotencyKey,
    itemId: r.itemId,
    assignmentId: r.assignmentId,
    moderatorId: r.moderatorId,
    action: r.action,
    reasonCode: r.reasonCode,
    category: r.category,
    queue: r.queue,
    severity: severityOf(r.category, r.action, r.signals?.bankCategory ?? null),
    note: r.note,
    decidedAt: r.decidedAt,
    receivedAt: r.receivedAt,
    supersedes: r.supersedes,
    bankCategory: r.signals?.bankCategory ?? null,
    classifierBand: r.signals?.classifierBand ?? null,
    groomingLevel: r.signals?.groomingLevel ?? null,
    handlingMs: r.handlingMs,
    clearReveals: r.viewing?.clearReveals ?? null,
    clearMs: r.viewing?.clearMs ?? null,
    chain: r.chain,
    item: r.item,
  };
}

const refused = (why: string) =>
  new ApiError(
    'conflict',
    `A page of the team log was refused and nothing of it was stored: ${why}. Download the period again; if it keeps happening, the connection to the upstream is being tampered with.`,
  );

/** A page as the store takes it, after checking it is whole and about the supervisor's team. */
function verifiedPage(page: AuditPage, teamId: string, fromMs: number, toMs: number, at: string): AuditPageInput {
  const { checksum, ...content } = page;
  if (auditPageChecksum(content) !== checksum) throw refused(`its checksum does not match its content (expected ${checksum})`);
  if (page.team.id !== teamId) throw refused(`it is about team ${page.team.id}, not yours (${teamId})`);
  const members = new Set(page.team.members.map((m) => m.id));
  const of = <T extends AuditRecord['type']>(type: T) => page.records.filter((r): r is Extract<AuditRecord, { type: T }> => r.type === type);
  const decisions = of('decision');
  const stranger = decisions.find((d) => !members.has(d.moderatorId));
  if (stranger) throw refused(`decision ${stranger.idempotencyKey} was made by ${stranger.moderatorId}, who is not in the team`);
  return {
    team: page.team,
    fromMs,
    toMs,
    decisions: decisions.map(toDecision),
    qa: of('qa').map((q) => ({
      id: q.idempotencyKey,
      decisionId: q.decisionKey,
      reviewerId: q.reviewerId,
      action: q.action,
      reasonCode: q.reasonCode,
      verdict: q.verdict,
      reason: q.reason,
      reviewedAt: q.reviewedAt,
    })),
    appeals: of('appeal').map((a) => ({
      id: a.id,
      decisionId: a.decisionKey,
      moderatorId: a.moderatorId,
      statement: a.statement,
      createdAt: a.createdAt,
      outcome: a.outcome,
      reason: a.reason,
      decidedBy: a.decidedBy,
      decidedAt: a.decidedAt,
    })),
    corrections: of('correction').map((c) => ({
      id: c.id,
      decisionId: c.decisionKey,
      source: c.source,
      action: c.action,
      reasonCode: c.reasonCode,
      reason: c.reason,
      correctedBy: c.correctedBy,
      correctedAt: c.correctedAt,
    })),
    actions: of('action').map((a) => ({
      id: a.idempotencyKey,
      moderatorId: a.moderatorId,
      kind: a.kind,
      action: a.action,
      itemIds: a.itemIds,
      reasonCode: a.reasonCode,
      decidedAt: a.decidedAt,
    })),
    escalations: of('escalation').map((e) => ({
      id: e.id,
      itemId: e.itemId,
      moderatorId: e.moderatorId,
      kind: e.kind,
      status: e.status,
      receivedAt: e.receivedAt,
    })),
    cursor: page.cursor,
    at,
  };
}

/**
 * Downloads the team's log for a period, page by page, storing each verified page with the cursor
 * after it in one transaction: an interruption leaves whole pages and the cursor to resume from.
 * A period downloaded completely before is downloaded again from its start, which adds what is new
 * and updates QA results and appeals. The chain heads the upstream stored come last.
 */
export async function downloadPeriod(
  deps: DownloadDeps,
  session: { token: string; account: Account },
  period: { from: string; to: string },
  onProgress: (progress: DownloadProgress) => void,
): Promise<DownloadProgress> {
  const teamId = session.account.teamId;
  if (teamId === null)
    throw new ApiError('forbidden', 'Your account supervises no team, so there is no team log to download; ask an administrator to add you to one.');
  const fromMs = Date.parse(period.from);
  const toMs = Date.parse(period.to);
  const from = new Date(fromMs).toISOString();
  const to = new Date(toMs).toISOString();
  const stored = deps.store.auditPeriod(teamId, fromMs, toMs);
  if (stored?.complete) deps.store.restartAuditPeriod(teamId, fromMs, toMs);
  let cursor = stored?.complete ? null : (stored?.cursor ?? null);
  const progress: DownloadProgress = { records: 0, pages: 0 };
  if (cursor !== null) deps.log(`[audit] resuming the download of ${teamId} ${from}..${to} after ${stored?.pages ?? 0} stored pages`);
  try {
    do {
      const page = await deps.client.auditPage(session.token, { teamId, from, to, cursor, limit: DOWNLOAD_PAGE_SIZE });
      const input = verifiedPage(page, teamId, fromMs, toMs, deps.clock().toISOString());
      deps.store.storeAuditPage(input);
      progress.records += page.records.length;
      progress.pages += 1;
      onProgress({ ...progress });
      cursor = page.cursor;
    } while (cursor !== null);
    const { heads } = await deps.client.chainHeads(session.token, teamId);
    deps.store.storeTeamChainHeads(heads);
    // The log's first page after a download should not pay for reading the new rows in.
    deps.store.warmTeamLog();
  } catch (error) {
    if (error instanceof UpstreamError) {
      deps.log(`[audit] download of ${teamId} ${from}..${to} stopped after ${progress.pages} pages: ${error.message}`);
      throw new ApiError(
        'upstream_unavailable',
        `The download stopped after ${progress.records} records (${error.message}). What arrived is kept; download the same period again to resume.`,
      );
    }
    throw error;
  }
  deps.log(`[audit] downloaded ${progress.records} records of ${teamId} for ${from}..${to} in ${progress.pages} pages`);
  return progress;
}
