import type { AuditOutcome } from '../../api';
import type { Db } from './database';
import { dimMask, facetCodes, type FacetDim } from './teamLogFacets';
import { teamLogIndex, type PageQuery, type PageResult } from './teamLogIndex';
import { outboxWrites } from './outbox';

export interface TeamMemberRow {
  id: string;
  username: string;
  displayName: string;
  role: string;
}

export interface TeamDecisionInput {
  id: string;
  itemId: string;
  assignmentId: string;
  moderatorId: string;
  action: string;
  reasonCode: string | null;
  category: string;
  queue: string;
  severity: string;
  note: string | null;
  decidedAt: string;
  receivedAt: string;
  supersedes: string | null;
  bankCategory: string | null;
  classifierBand: string | null;
  groomingLevel: string | null;
  handlingMs: number | null;
  clearReveals: number | null;
  clearMs: number | null;
  chain: { workstationId: string; seq: number; prevHash: string; hash: string } | null;
  item: { kind: string; locale: string; text: string };
}

export interface TeamQaInput {
  id: string;
  decisionId: string;
  reviewerId: string;
  action: string;
  reasonCode: string | null;
  verdict: 'agree' | 'overturn';
  reason: string | null;
  reviewedAt: string;
}

export interface TeamAppealInput {
  id: string;
  decisionId: string;
  moderatorId: string;
  statement: string;
  createdAt: string;
  outcome: 'upheld' | 'overturned' | null;
  reason: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
}

export interface TeamCorrectionInput {
  id: string;
  decisionId: string;
  source: string;
  action: string;
  reasonCode: string | null;
  reason: string;
  correctedBy: string;
  correctedAt: string;
}

export interface TeamActionInput {
  id: string;
  moderatorId: string;
  kind: string;
  action: string;
  itemIds: string[];
  reasonCode: string;
  decidedAt: string;
}

export interface TeamEscalationInput {
  id: string;
  itemId: string;
  moderatorId: string;
  kind: string;
  status: string;
  receivedAt: string;
}

/** One downloaded page, stored whole or not at all. */
export interface AuditPageInput {
  team: { id: string; name: string; members: TeamMemberRow[] };
  fromMs: number;
  toMs: number;
  decisions: TeamDecisionInput[];
  qa: TeamQaInput[];
  appeals: TeamAppealInput[];
  corrections: TeamCorrectionInput[];
  actions: TeamActionInput[];
  escalations: TeamEscalationInput[];
  /** Where the next page starts; null once the period is complete. */
  cursor: string | null;
  at: string;
}

/** A stored team decision: the input as written, its time as epoch ms, chain and item flattened to columns. */
export interface StoredTeamDecision extends Omit<TeamDecisionInput, 'decidedAt' | 'chain' | 'item'> {
  rowid: number;
  decidedAt: number;
  workstationId: string | null;
  chainSeq: number | null;
  chainPrev: string | null;
  chainHash: string | null;
  itemKind: string;
  itemLocale: string;
  itemText: string;
  outcome: AuditOutcome;
}

export interface AuditPeriodRow {
  teamId: string;
  fromMs: number;
  toMs: number;
  cursor: string | null;
  complete: boolean;
  records: number;
  pages: number;
  updatedAt: string;
}

const DECISION_COLUMNS = `rowid, id, item_id AS itemId, assignment_id AS assignmentId, moderator_id AS moderatorId, action,
  reason_code AS reasonCode, category, queue, severity, note, decided_at AS decidedAt, received_at AS receivedAt, supersedes,
  bank_category AS bankCategory, classifier_band AS classifierBand, grooming_level AS groomingLevel, handling_ms AS handlingMs,
  clear_reveals AS clearReveals, clear_ms AS clearMs, workstation_id AS workstationId, chain_seq AS chainSeq,
  chain_prev AS chainPrev, chain_hash AS chainHash, item_kind AS itemKind, item_locale AS itemLocale, item_text AS itemText, outcome`;

/** FNV-1a of the id, avalanched: a stable, well-spread 31-bit key QA samples rank by. */
export function sampleKeyOf(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i += 1) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h & 0x7fffffff;
}

const KEEP_ALL_BUT_OUTCOME = ~dimMask('outcome');

/** The supervisor's copy of the team log: storing downloaded pages, reading pages and histories. */
export function teamLogQueries(db: Db) {
  const codes = facetCodes(db);
  const index = teamLogIndex(db);
  const outbox = outboxWrites(db);

  const upsertTeam = db.prepare(
    `INSERT INTO audit_team (id, name, members, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, members = excluded.members, updated_at = excluded.updated_at`,
  );
  const insertDecision = db.prepare(
    `INSERT INTO team_decisions (id, item_id, assignment_id, moderator_id, action, reason_code, category, queue, severity, note,
       decided_at, received_at, supersedes, bank_category, classifier_band, grooming_level, handling_ms, clear_reveals, clear_ms,
       workstation_id, chain_seq, chain_prev, chain_hash, item_kind, item_locale, item_text, facets, sample_key)
     VALUES (@id, @itemId, @assignmentId, @moderatorId, @action, @reasonCode, @category, @queue, @severity, @note,
       @decidedAt, @receivedAt, @supersedes, @bankCategory, @classifierBand, @groomingLevel, @handlingMs, @clearReveals, @clearMs,
       @workstationId, @chainSeq, @chainPrev, @chainHash, @itemKind, @itemLocale, @itemText, @facets, @sampleKey)
     ON CONFLICT (id) DO NOTHING`,
  );
  const upsertQa = db.prepare(
    `INSERT INTO team_qa (id, decision_id, reviewer_id, action, reason_code, verdict, reason, reviewed_at)
     VALUES (@id, @decisionId, @reviewerId, @action, @reasonCode, @verdict, @reason, @reviewedAt) ON CONFLICT (id) DO NOTHING`,
  );
  // An outcome decided here and not yet uploaded is kept until the upstream says the appeal was decided.
  const upsertAppeal = db.prepare(
    `INSERT INTO team_appeals (id, decision_id, moderator_id, statement, created_at, outcome, reason, decided_by, decided_at)
     VALUES (@id, @decisionId, @moderatorId, @statement, @createdAt, @outcome, @reason, @decidedBy, @decidedAt)
     ON CONFLICT (id) DO UPDATE SET
       outcome = coalesce(excluded.outcome, team_appeals.outcome), reason = coalesce(excluded.reason, team_appeals.reason),
       decided_by = coalesce(excluded.decided_by, team_appeals.decided_by), decided_at = coalesce(excluded.decided_at, team_appeals.decided_at)`,
  );
  const insertCorrection = db.prepare(
    `INSERT INTO team_corrections (id, decision_id, source, action, reason_code, reason, corrected_by, corrected_at)
     VALUES (@id, @decisionId, @source, @action, @reasonCode, @reason, @correctedBy, @correctedAt) ON CONFLICT (id) DO NOTHING`,
  );
  const upsertAction = db.prepare(
    `INSERT OR REPLACE INTO team_actions (id, moderator_id, kind, action, item_ids, reason_code, decided_at)
     VALUES (@id, @moderatorId, @kind, @action, @itemIds, @reasonCode, @decidedAt)`,
  );
  const upsertEscalation = db.prepare(
    `INSERT OR REPLACE INTO team_escalations (id, item_id, moderator_id, kind, status, received_at)
     VALUES (@id, @itemId, @moderatorId, @kind, @status, @receivedAt)`,
  );
  const upsertPeriod = db.prepare(
    `INSERT INTO audit_periods (team_id, from_ms, to_ms, cursor, complete, records, pages, updated_at) VALUES (@teamId, @fromMs, @toMs, @cursor, @complete, @records, 1, @at)
     ON CONFLICT (team_id, from_ms, to_ms) DO UPDATE SET cursor = excluded.cursor, complete = excluded.complete,
       records = audit_periods.records + excluded.records, pages = audit_periods.pages + 1, updated_at = excluded.updated_at`,
  );
  const periodRow = db.prepare(
    `SELECT team_id AS teamId, from_ms AS fromMs, to_ms AS toMs, cursor, complete, records, pages, updated_at AS updatedAt
     FROM audit_periods WHERE team_id = ? AND from_ms = ? AND to_ms = ?`,
  );
  const periodRows = db.prepare(
    `SELECT team_id AS teamId, from_ms AS fromMs, to_ms AS toMs, cursor, complete, records, pages, updated_at AS updatedAt
     FROM audit_periods ORDER BY from_ms DESC`,
  );
  const restartPeriod = db.prepare(`UPDATE audit_periods SET cursor = NULL, complete = 0 WHERE team_id = ? AND from_ms = ? AND to_ms = ?`);
  const team = db.prepare(`SELECT id, name, members FROM audit_team ORDER BY updated_at DESC LIMIT 1`);
  const count = db.prepare(`SELECT count(*) AS n FROM team_decisions`);
  const outcomeOf = db.prepare(
    `SELECT
       EXISTS (SELECT 1 FROM team_corrections WHERE decision_id = @id)
         OR EXISTS (SELECT 1 FROM team_qa WHERE decision_id = @id AND verdict = 'overturn')
         OR EXISTS (SELECT 1 FROM team_appeals WHERE decision_id = @id AND outcome = 'overturned') AS overturned,
       EXISTS (SELECT 1 FROM team_appeals WHERE decision_id = @id AND outcome IS NULL) AS appealed,
       EXISTS (SELECT 1 FROM team_qa WHERE decision_id = @id AND verdict = 'agree')
         OR EXISTS (SELECT 1 FROM team_appeals WHERE decision_id = @id AND outcome = 'upheld') AS upheld`,
  );
  const setOutcome = db.prepare(
    `UPDATE team_decisions SET outcome = @outcome, facets = (facets & @keep) | @bits WHERE id = @id AND outcome <> @outcome RETURNING rowid, facets`,
  );
  const byRowids = db.prepare(`SELECT ${DECISION_COLUMNS} FROM team_decisions WHERE rowid IN (SELECT value FROM json_each(?))`);
  const byId = db.prepare(`SELECT ${DECISION_COLUMNS} FROM team_decisions WHERE id = ?`);
  const supersededBy = db.prepare(`SELECT ${DECISION_COLUMNS} FROM team_decisions WHERE supersedes = ? ORDER BY decided_at`);
  const qaOf = db.prepare(
    `SELECT id, decision_id AS decisionId, reviewer_id AS reviewerId, action, reason_code AS reasonCode, verdict, reason, reviewed_at AS reviewedAt FROM team_qa WHERE decision_id = ? ORDER BY reviewed_at`,
  );
  const appealsOf = db.prepare(
    `SELECT id, decision_id AS decisionId, moderator_id AS moderatorId, statement, created_at AS createdAt, outcome, reason, decided_by AS decidedBy, decided_at AS decidedAt, local_key AS localKey FROM team_appeals WHERE decision_id = ? ORDER BY created_at`,
  );
  const correctionsOf = db.prepare(
    `SELECT id, decision_id AS decisionId, source, action, reason_code AS reasonCode, reason, corrected_by AS correctedBy, corrected_at AS correctedAt FROM team_corrections WHERE decision_id = ? ORDER BY corrected_at`,
  );
  const actionsOf = db.prepare(
    `SELECT id, moderator_id AS moderatorId, kind, action, item_ids AS itemIds, reason_code AS reasonCode, decided_at AS decidedAt FROM team_actions WHERE EXISTS (SELECT 1 FROM json_each(team_actions.item_ids) WHERE value = ?) ORDER BY decided_at`,
  );
  const escalationsOf = db.prepare(
    `SELECT id, item_id AS itemId, moderator_id AS moderatorId, kind, status, received_at AS receivedAt FROM team_escalations WHERE item_id = ? ORDER BY received_at`,
  );
  const allAppeals = db.prepare(
    `SELECT id, decision_id AS decisionId, moderator_id AS moderatorId, statement, created_at AS createdAt, outcome, reason, decided_by AS decidedBy, decided_at AS decidedAt, local_key AS localKey FROM team_appeals ORDER BY outcome IS NOT NULL, created_at, id`,
  );
  const appealById = db.prepare(
    `SELECT id, decision_id AS decisionId, moderator_id AS moderatorId, statement, created_at AS createdAt, outcome, reason, decided_by AS decidedBy, decided_at AS decidedAt, local_key AS localKey FROM team_appeals WHERE id = ?`,
  );
  const decideAppeal = db.prepare(
    `UPDATE team_appeals SET outcome = @outcome, reason = @reason, decided_by = @decidedBy, decided_at = @decidedAt, local_key = @key WHERE id = @id AND outcome IS NULL`,
  );
  const insertHead = db.prepare(
    `INSERT INTO team_chain_heads (workstation_id, account_id, seq, hash, reported_at) VALUES (@workstationId, @accountId, @seq, @hash, @reportedAt)
     ON CONFLICT (workstation_id) DO UPDATE SET account_id = excluded.account_id, seq = excluded.seq, hash = excluded.hash, reported_at = excluded.reported_at
     WHERE excluded.seq >= team_chain_heads.seq`,
  );
  const heads = db.prepare(
    `SELECT workstation_id AS workstationId, account_id AS accountId, seq, hash, reported_at AS reportedAt FROM team_chain_heads`,
  );
  const chainRows = db.prepare(`SELECT ${DECISION_COLUMNS} FROM team_decisions WHERE workstation_id IS NOT NULL ORDER BY workstation_id, chain_seq`);
  const agreementRows = db.prepare(
    `SELECT d.moderator_id AS moderatorId, d.category, d.action, d.reason_code AS reasonCode, q.action AS qaAction, q.reason_code AS qaReasonCode
     FROM team_decisions d JOIN team_qa q ON q.id = (SELECT id FROM team_qa WHERE decision_id = d.id ORDER BY reviewed_at DESC LIMIT 1)
     WHERE d.decided_at >= ? AND d.decided_at < ?`,
  );
  const handlingRows = db.prepare(
    `SELECT moderator_id AS moderatorId, category, handling_ms AS handlingMs FROM team_decisions
     WHERE decided_at >= ? AND decided_at < ? AND handling_ms IS NOT NULL`,
  );
  const decisionCounts = db.prepare(
    `SELECT moderator_id AS moderatorId, category, count(*) AS n FROM team_decisions WHERE decided_at >= ? AND decided_at < ? GROUP BY moderator_id, category`,
  );
  const ftsRowids = db.prepare(`SELECT rowid FROM team_notes WHERE team_notes MATCH ?`).pluck();
  /** The last few searches' matches: paging through one search runs FTS once. Cleared when rows are added. */
  const ftsCache = new Map<string, Uint8Array>();
  const maxRowid = db.prepare(`SELECT coalesce(max(rowid), 0) AS m FROM team_decisions`);

  /** Recomputes the outcome of these decisions from their QA, appeals and corrections; patches the index. */
  function recomputeOutcomes(ids: Iterable<string>): void {
    for (const id of new Set(ids)) {
      const r = outcomeOf.get({ id }) as { overturned: number; appealed: number; upheld: number };
      const outcome: AuditOutcome = r.overturned ? 'overturned' : r.appealed ? 'appealed' : r.upheld ? 'upheld' : 'unreviewed';
      const changed = setOutcome.get({ id, outcome, keep: KEEP_ALL_BUT_OUTCOME, bits: codes.filter({ outcome }).value }) as
        { rowid: number; facets: number } | undefined;
      if (changed) index.patch(changed.rowid, changed.facets);
    }
  }

  const storePage = db.transaction((page: AuditPageInput): number => {
    upsertTeam.run(page.team.id, page.team.name, JSON.stringify(page.team.members), page.at);
    let inserted = 0;
    for (const d of page.decisions) {
      const facets = codes.pack({
        moderator: d.moderatorId,
        queue: d.queue,
        category: d.category,
        reasonCode: d.reasonCode,
        action: d.action,
        outcome: 'unreviewed',
        bankCategory: d.bankCategory,
        classifierBand: d.classifierBand ?? 'none',
        groomingLevel: d.groomingLevel ?? 'none',
      });
      inserted += insertDecision.run({
        ...d,
        decidedAt: Date.parse(d.decidedAt),
        workstationId: d.chain?.workstationId ?? null,
        chainSeq: d.chain?.seq ?? null,
        chainPrev: d.chain?.prevHash ?? null,
        chainHash: d.chain?.hash ?? null,
        itemKind: d.item.kind,
        itemLocale: d.item.locale,
        itemText: d.item.text,
        facets,
        sampleKey: sampleKeyOf(d.id),
      }).changes;
    }
    for (const q of page.qa) upsertQa.run(q);
    for (const a of page.appeals) upsertAppeal.run(a);
    for (const c of page.corrections) insertCorrection.run(c);
    for (const a of page.actions) upsertAction.run({ ...a, itemIds: JSON.stringify(a.itemIds) });
    for (const e of page.escalations) upsertEscalation.run(e);
    recomputeOutcomes([...page.qa, ...page.appeals, ...page.corrections].map((r) => r.decisionId));
    const records =
      page.decisions.length + page.qa.length + page.appeals.length + page.corrections.length + page.actions.length + page.escalations.length;
    upsertPeriod.run({
      teamId: page.team.id,
      fromMs: page.fromMs,
      toMs: page.toMs,
      cursor: page.cursor,
      complete: page.cursor === null ? 1 : 0,
      records,
      at: page.at,
    });
    return inserted;
  });

  const toPeriod = (r: Omit<AuditPeriodRow, 'complete'> & { complete: number }): AuditPeriodRow => ({ ...r, complete: r.complete === 1 });

  return {
    /** Stores a verified page and moves the period's cursor past it, in one transaction. */
    storeAuditPage(page: AuditPageInput): void {
      let inserted: number;
      try {
        inserted = storePage(page);
      } catch (error) {
        codes.forget();
        throw error;
      }
      if (inserted > 0) {
        index.invalidate();
        ftsCache.clear();
      }
    },
    auditPeriod(teamId: string, fromMs: number, toMs: number): AuditPeriodRow | null {
      const r = periodRow.get(teamId, fromMs, toMs) as (Omit<AuditPeriodRow, 'complete'> & { complete: number }) | undefined;
      return r ? toPeriod(r) : null;
    },
    auditPeriods(): AuditPeriodRow[] {
      return (periodRows.all() as Array<Omit<AuditPeriodRow, 'complete'> & { complete: number }>).map(toPeriod);
    },
    /** A complete period downloaded again starts from its beginning (records already stored are kept). */
    restartAuditPeriod(teamId: string, fromMs: number, toMs: number): void {
      restartPeriod.run(teamId, fromMs, toMs);
    },
    auditTeam(): { id: string; name: string; members: TeamMemberRow[] } | null {
      const r = team.get() as { id: string; name: string; members: string } | undefined;
      return r ? { id: r.id, name: r.name, members: JSON.parse(r.members) as TeamMemberRow[] } : null;
    },
    teamDecisionCount(): number {
      return (count.get() as { n: number }).n;
    },
    /** The stored values of an open filter dimension. */
    teamLogValues(dim: FacetDim): string[] {
      return codes.values(dim);
    },
    /** mask and value for wanted filter values; UnknownFacetValueError names one never stored. */
    teamLogFilter(wanted: Partial<Record<FacetDim, string | null>>): { mask: number; value: number } {
      return codes.filter(wanted);
    },
    /** Rowids of decisions whose note matches an FTS5 query, as a membership array. */
    teamNotesMatching(ftsQuery: string): Uint8Array {
      const cached = ftsCache.get(ftsQuery);
      if (cached) return cached;
      const only = new Uint8Array((maxRowid.get() as { m: number }).m + 1);
      for (const rowid of ftsRowids.all(ftsQuery) as number[]) only[rowid] = 1;
      if (ftsCache.size >= 8) ftsCache.delete(ftsCache.keys().next().value!);
      ftsCache.set(ftsQuery, only);
      return only;
    },
    teamLogPage(q: PageQuery): PageResult {
      return index.page(q);
    },
    teamLogAll(q: Omit<PageQuery, 'after' | 'limit' | 'count'>): Generator<number> {
      return index.all(q);
    },
    warmTeamLog(): void {
      index.warm('decidedAt');
      index.warm('handlingMs');
    },
    /** The decisions with these rowids, in the order given. */
    teamDecisionsByRowid(rowids: readonly number[]): StoredTeamDecision[] {
      const found = new Map((byRowids.all(JSON.stringify(rowids)) as StoredTeamDecision[]).map((r) => [r.rowid, r]));
      return rowids.map((id) => found.get(id)).filter((r): r is StoredTeamDecision => r !== undefined);
    },
    teamDecision(id: string): StoredTeamDecision | null {
      return (byId.get(id) as StoredTeamDecision | undefined) ?? null;
    },
    /** Everything recorded about one decision: later self-corrections, QA, appeals, corrections, and its item's actions and reports. */
    teamHistory(d: StoredTeamDecision) {
      return {
        selfCorrections: supersededBy.all(d.id) as StoredTeamDecision[],
        qa: qaOf.all(d.id) as TeamQaInput[],
        appeals: appealsOf.all(d.id) as Array<TeamAppealInput & { localKey: string | null }>,
        corrections: correctionsOf.all(d.id) as TeamCorrectionInput[],
        actions: (actionsOf.all(d.itemId) as Array<Omit<TeamActionInput, 'itemIds'> & { itemIds: string }>).map((a) => ({
          ...a,
          itemIds: JSON.parse(a.itemIds) as string[],
        })),
        escalations: escalationsOf.all(d.itemId) as TeamEscalationInput[],
      };
    },
    teamAppeals(): Array<TeamAppealInput & { localKey: string | null }> {
      return allAppeals.all() as Array<TeamAppealInput & { localKey: string | null }>;
    },
    teamAppeal(id: string): (TeamAppealInput & { localKey: string | null }) | null {
      return (appealById.get(id) as (TeamAppealInput & { localKey: string | null }) | undefined) ?? null;
    },
    /**
     * Records an appeal outcome decided here with the outbox entry that uploads it, and the
     * decision's new outcome; false when the appeal was decided already.
     */
    decideTeamAppeal(a: {
      id: string;
      key: string;
      outcome: 'upheld' | 'overturned';
      reason: string;
      decidedBy: string;
      decidedAt: string;
      accountId: string;
      itemId: string;
      payload: unknown;
    }): boolean {
      return db.transaction(() => {
        if (
          decideAppeal.run({ id: a.id, outcome: a.outcome, reason: a.reason, decidedBy: a.decidedBy, decidedAt: a.decidedAt, key: a.key }).changes !==
          1
        )
          return false;
        outbox.enqueue({
          key: a.key,
          kind: 'appeal',
          accountId: a.accountId,
          itemIds: [a.itemId],
          payload: a.payload,
          createdAt: a.decidedAt,
          notBefore: a.decidedAt,
        });
        const appeal = appealById.get(a.id) as { decisionId: string };
        recomputeOutcomes([appeal.decisionId]);
        return true;
      })();
    },
    /** A QA verdict given here: kept with the team's QA results, the decision's outcome updated. */
    recordLocalQa(q: TeamQaInput): void {
      upsertQa.run(q);
      recomputeOutcomes([q.decisionId]);
    },
    storeTeamChainHeads(list: ReadonlyArray<{ workstationId: string; accountId: string; seq: number; hash: string; reportedAt: string }>): void {
      db.transaction(() => {
        for (const h of list) insertHead.run(h);
      })();
    },
    teamChainHeads(): Array<{ workstationId: string; accountId: string; seq: number; hash: string; reportedAt: string }> {
      return heads.all() as Array<{ workstationId: string; accountId: string; seq: number; hash: string; reportedAt: string }>;
    },
    /** Downloaded decisions that carry a chain link, per workstation in chain order. */
    teamChainRecords(): IterableIterator<StoredTeamDecision> {
      return chainRows.iterate() as IterableIterator<StoredTeamDecision>;
    },
    /** Decisions in [fromMs, toMs) with their latest QA result. */
    teamAgreementRows(fromMs: number, toMs: number) {
      return agreementRows.all(fromMs, toMs) as Array<{
        moderatorId: string;
        category: string;
        action: string;
        reasonCode: string | null;
        qaAction: string;
        qaReasonCode: string | null;
      }>;
    },
    teamHandlingRows(fromMs: number, toMs: number) {
      return handlingRows.iterate(fromMs, toMs) as IterableIterator<{ moderatorId: string; category: string; handlingMs: number }>;
    },
    teamDecisionCounts(fromMs: number, toMs: number) {
      return decisionCounts.all(fromMs, toMs) as Array<{ moderatorId: string; category: string; n: number }>;
    },
  };
}

export type { PageQuery, PageResult, SortKey, Direction } from './teamLogIndex';
export { UnknownFacetValueError, type FacetDim } from './teamLogFacets';
