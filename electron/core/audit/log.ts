import { createHash } from 'node:crypto';
import { canonicalJson } from '@workstation/protocol/checksums';
import { ApiError, type AuditDetail, type AuditFilter, type AuditLogPage, type AuditRow, type AuditSort, type HistoryEntry } from '../../api';
import { type FacetDim, type PageQuery, type Store, type StoredTeamDecision, UnknownFacetValueError } from '../store';

/** Banks the workstation knows by category; a filter may also name one the stored log holds. */
const BANK_CATEGORIES = ['child_safety', 'terrorism', 'previously_actioned'];

interface Cursor {
  f: string;
  k: number;
  r: number;
  /** The query's match count, counted once on its first page. */
  t: number;
}

const queryHash = (filter: AuditFilter, sort: AuditSort): string =>
  createHash('sha256').update(canonicalJson({ filter, sort })).digest('hex').slice(0, 16);

function decodeCursor(raw: string, hash: string): Cursor {
  let cursor: Partial<Cursor>;
  try {
    cursor = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Partial<Cursor>;
  } catch {
    throw new ApiError('bad_request', 'This page cursor is damaged; load the log again from its first page.', 'cursor');
  }
  if (typeof cursor.k !== 'number' || typeof cursor.r !== 'number' || typeof cursor.f !== 'string' || typeof cursor.t !== 'number') {
    throw new ApiError('bad_request', 'This page cursor is damaged; load the log again from its first page.', 'cursor');
  }
  if (cursor.f !== hash) {
    throw new ApiError('bad_request', 'This page cursor belongs to another filter or sort; load the log again from its first page.', 'cursor');
  }
  return cursor as Cursor;
}

/** Words of a search, each required, the last as a prefix, quoted so nothing typed is read as FTS5 syntax. */
export function ftsQueryOf(text: string): string | null {
  const words = text.match(/[\p{L}\p{N}_]+/gu) ?? [];
  if (words.length === 0) return null;
  return words.map((w, i) => `"${w}"${i === words.length - 1 ? '*' : ''}`).join(' ');
}

export type ResolvedFilter = Omit<PageQuery, 'after' | 'limit' | 'sort' | 'direction' | 'count'> | null;

/**
 * The filter as the store's index takes it; null when it is valid but nothing stored can match
 * (a value no stored decision has). A value that cannot be valid is a bad_request naming it.
 */
function resolveFilter(store: Store, filter: AuditFilter): ResolvedFilter {
  const team = store.auditTeam();
  if (filter.moderatorId !== undefined && !team?.members.some((m) => m.id === filter.moderatorId)) {
    throw new ApiError(
      'bad_request',
      `There is no moderator ${filter.moderatorId} in the downloaded team; pick one from the list.`,
      'filter.moderatorId',
    );
  }
  const policy = store.policy()?.reasonCodes ?? [];
  const known = (dim: FacetDim, listed: readonly string[], value: string | undefined, field: string, what: string) => {
    if (value !== undefined && !listed.includes(value) && !store.teamLogValues(dim).includes(value)) {
      throw new ApiError('bad_request', `${value} is not a ${what} of the policy or of the stored log.`, field);
    }
  };
  known(
    'reasonCode',
    policy.map((c) => c.code),
    filter.reasonCode,
    'filter.reasonCode',
    'reason code',
  );
  known('category', [...policy.map((c) => c.category), 'none'], filter.category, 'filter.category', 'policy category');
  const bankAny = filter.bankCategory === 'any';
  const bankNone = filter.bankCategory === 'none';
  if (!bankAny && !bankNone) known('bankCategory', BANK_CATEGORIES, filter.bankCategory, 'filter.bankCategory', 'hash-bank category');
  let facets: { mask: number; value: number };
  try {
    facets = store.teamLogFilter({
      moderator: filter.moderatorId,
      queue: filter.queue,
      category: filter.category,
      reasonCode: filter.reasonCode,
      action: filter.action,
      outcome: filter.outcome,
      bankCategory: bankAny ? undefined : bankNone ? null : filter.bankCategory,
      classifierBand: filter.classifierBand,
      groomingLevel: filter.groomingLevel,
    });
  } catch (error) {
    if (error instanceof UnknownFacetValueError) return null;
    throw error;
  }
  const text = filter.text === undefined ? null : ftsQueryOf(filter.text);
  return {
    mask: facets.mask,
    value: facets.value,
    bankAny,
    fromMs: filter.from === undefined ? null : Date.parse(filter.from),
    toMs: filter.to === undefined ? null : Date.parse(filter.to),
    only: text === null ? null : store.teamNotesMatching(text),
  };
}

function toAuditRow(d: StoredTeamDecision, names: ReadonlyMap<string, string>): AuditRow {
  return {
    id: d.id,
    itemId: d.itemId,
    moderatorId: d.moderatorId,
    moderatorName: names.get(d.moderatorId) ?? d.moderatorId,
    action: d.action as AuditRow['action'],
    reasonCode: d.reasonCode,
    category: d.category,
    queue: d.queue as AuditRow['queue'],
    severity: d.severity as AuditRow['severity'],
    decidedAt: new Date(d.decidedAt).toISOString(),
    handlingMs: d.handlingMs,
    note: d.note,
    outcome: d.outcome,
    bankCategory: d.bankCategory,
    classifierBand: d.classifierBand as AuditRow['classifierBand'],
    groomingLevel: d.groomingLevel as AuditRow['groomingLevel'],
    clearReveals: d.clearReveals,
    clearMs: d.clearMs,
  };
}

export function memberNames(store: Store): Map<string, string> {
  return new Map((store.auditTeam()?.members ?? []).map((m) => [m.id, m.displayName]));
}

/** One page of the stored log, from the keyset cursor of the same query. */
export function logPage(store: Store, input: { filter: AuditFilter; sort: AuditSort; cursor?: string; limit: number }): AuditLogPage {
  const hash = queryHash(input.filter, input.sort);
  const after = input.cursor === undefined ? null : decodeCursor(input.cursor, hash);
  const resolved = resolveFilter(store, input.filter);
  if (resolved === null) return { rows: [], nextCursor: null, total: 0 };
  const page = store.teamLogPage({
    ...resolved,
    sort: input.sort.by,
    direction: input.sort.direction,
    after: after === null ? null : { key: after.k, rowid: after.r },
    limit: input.limit,
    count: after === null,
  });
  const total = page.total ?? after!.t;
  const names = memberNames(store);
  const rows = store.teamDecisionsByRowid(page.rowids).map((d) => toAuditRow(d, names));
  const nextCursor =
    page.next === null
      ? null
      : Buffer.from(JSON.stringify({ f: hash, k: page.next.key, r: page.next.rowid, t: total } satisfies Cursor)).toString('base64url');
  return { rows, nextCursor, total };
}

/** Every stored decision the view shows, in its order, in chunks (exports). */
export function* viewRows(store: Store, filter: AuditFilter, sort: AuditSort): Generator<AuditRow> {
  const resolved = resolveFilter(store, filter);
  if (resolved === null) return;
  const names = memberNames(store);
  let chunk: number[] = [];
  const flush = function* () {
    for (const d of store.teamDecisionsByRowid(chunk)) yield toAuditRow(d, names);
    chunk = [];
  };
  for (const rowid of store.teamLogAll({ ...resolved, sort: sort.by, direction: sort.direction })) {
    chunk.push(rowid);
    if (chunk.length === 1000) yield* flush();
  }
  yield* flush();
}

export function teamDecisionOrThrow(store: Store, decisionId: string, field = 'decisionId'): StoredTeamDecision {
  const d = store.teamDecision(decisionId);
  if (!d) throw new ApiError('not_found', `Decision ${decisionId} is not in the downloaded team log; download the period it was made in.`, field);
  return d;
}

/** A decision's history, oldest first; no media, only what was recorded about it. */
export function detail(store: Store, decisionId: string): AuditDetail {
  const d = teamDecisionOrThrow(store, decisionId);
  const names = memberNames(store);
  const name = (id: string | null) => (id === null ? '' : (names.get(id) ?? id));
  const h = store.teamHistory(d);
  const history: HistoryEntry[] = [
    {
      kind: 'decision' as const,
      at: new Date(d.decidedAt).toISOString(),
      by: name(d.moderatorId),
      action: d.action,
      reasonCode: d.reasonCode,
      text: d.note,
      outcome: null,
    },
    ...h.selfCorrections.map((c): HistoryEntry => ({
      kind: 'self_correction',
      at: new Date(c.decidedAt).toISOString(),
      by: name(c.moderatorId),
      action: c.action,
      reasonCode: c.reasonCode,
      text: c.note,
      outcome: null,
    })),
    ...h.qa.map((q): HistoryEntry => ({
      kind: 'qa',
      at: q.reviewedAt,
      by: name(q.reviewerId),
      action: q.action,
      reasonCode: q.reasonCode,
      text: q.reason,
      outcome: q.verdict,
    })),
    ...h.appeals.map((a): HistoryEntry => ({
      kind: 'appeal',
      at: a.createdAt,
      by: name(a.decidedBy),
      action: null,
      reasonCode: null,
      text: a.reason ?? a.statement,
      outcome: a.outcome ?? 'open',
    })),
    ...h.corrections.map((c): HistoryEntry => ({
      kind: 'correction',
      at: c.correctedAt,
      by: name(c.correctedBy),
      action: c.action,
      reasonCode: c.reasonCode,
      text: c.reason,
      outcome: c.source,
    })),
    ...h.actions.map((a): HistoryEntry => ({
      kind: 'action',
      at: a.decidedAt,
      by: name(a.moderatorId),
      action: a.action,
      reasonCode: a.reasonCode,
      text: null,
      outcome: null,
    })),
    ...h.escalations.map((e): HistoryEntry => ({
      kind: 'escalation',
      at: e.receivedAt,
      by: name(e.moderatorId),
      action: e.kind,
      reasonCode: null,
      text: null,
      outcome: e.status,
    })),
  ].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  return {
    row: toAuditRow(d, names),
    item: { kind: d.itemKind, locale: d.itemLocale, text: d.itemText },
    history,
    chain:
      d.workstationId !== null && d.chainSeq !== null && d.chainPrev !== null && d.chainHash !== null
        ? { workstationId: d.workstationId, seq: d.chainSeq, prevHash: d.chainPrev, hash: d.chainHash }
        : null,
  };
}
