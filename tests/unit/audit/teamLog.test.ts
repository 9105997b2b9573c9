import Database from 'better-sqlite3';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, type AuditFilter, type AuditSort } from '../../../electron/api';
import { drawMembers, ftsQueryOf, logPage } from '../../../electron/core/audit';
import { openStore, type Store } from '../../../electron/core/store';
import { fillTeamLog, GENERATED_START } from '../../support/generatedTeamLog';
import { tempDir } from '../store/fixtures';

let tmp: ReturnType<typeof tempDir>;
let store: Store;
let reader: Database.Database;

beforeAll(() => {
  tmp = tempDir('team-log');
  store = openStore(path.join(tmp.dir, 'workstation.db'));
  fillTeamLog(store, 6000, 3, 1500);
  reader = new Database(path.join(tmp.dir, 'workstation.db'), { readonly: true });
});

afterAll(() => {
  reader?.close();
  store?.close();
  tmp?.remove();
});

const COLUMNS: Record<string, string> = {
  moderatorId: 'moderator_id',
  queue: 'queue',
  category: 'category',
  reasonCode: 'reason_code',
  action: 'action',
  outcome: 'outcome',
  classifierBand: "coalesce(classifier_band, 'none')",
  groomingLevel: "coalesce(grooming_level, 'none')",
};

/** The same view as an OFFSET query straight over the table: the peer keyset paging must equal. */
function offsetPages(filter: AuditFilter, sort: AuditSort, limit: number): string[][] {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (clause: string, param: unknown) => {
    where.push(clause);
    params.push(param);
  };
  for (const [key, column] of Object.entries(COLUMNS)) {
    const value = filter[key as keyof AuditFilter];
    if (value !== undefined) {
      where.push(`${column} = ?`);
      params.push(value);
    }
  }
  if (filter.bankCategory === 'any') where.push('bank_category IS NOT NULL');
  else if (filter.bankCategory === 'none') where.push('bank_category IS NULL');
  else if (filter.bankCategory !== undefined) add('bank_category = ?', filter.bankCategory);
  if (filter.from) add('decided_at >= ?', Date.parse(filter.from));
  if (filter.to) add('decided_at < ?', Date.parse(filter.to));
  if (filter.text) add('rowid IN (SELECT rowid FROM team_notes WHERE team_notes MATCH ?)', ftsQueryOf(filter.text));
  const key = sort.by === 'decidedAt' ? 'decided_at' : 'coalesce(handling_ms, -1)';
  const dir = sort.direction === 'asc' ? 'ASC' : 'DESC';
  const statement = reader.prepare(
    `SELECT id FROM team_decisions WHERE ${where.join(' AND ') || '1'} ORDER BY ${key} ${dir}, rowid ${dir} LIMIT ? OFFSET ?`,
  );
  const pages: string[][] = [];
  for (let offset = 0; ; offset += limit) {
    const page = (statement.all(...params, limit, offset) as Array<{ id: string }>).map((r) => r.id);
    if (page.length === 0) return pages;
    pages.push(page);
  }
}

function keysetPages(filter: AuditFilter, sort: AuditSort, limit: number): string[][] {
  const pages: string[][] = [];
  let cursor: string | undefined;
  do {
    const page = logPage(store, { filter, sort, limit, ...(cursor ? { cursor } : {}) });
    if (page.rows.length > 0) pages.push(page.rows.map((r) => r.id));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return pages;
}

const day = (n: number) => new Date(GENERATED_START + n * 86_400_000).toISOString();

describe('the team log pages', () => {
  const filters: AuditFilter[] = [
    {},
    { moderatorId: 'm3' },
    { action: 'escalate', queue: 'user_report' },
    { category: 'hate', reasonCode: 'HATE-1', moderatorId: 'm7' },
    { outcome: 'overturned' },
    { bankCategory: 'any' },
    { bankCategory: 'none', classifierBand: 'high' },
    { groomingLevel: 'medium', category: 'harassment' },
    { from: day(20), to: day(60), action: 'remove' },
    { text: 'phishing', moderatorId: 'm1' },
    { text: 'satire acc' },
    { moderatorId: 'm2', action: 'skip', classifierBand: 'high', bankCategory: 'terrorism' },
  ];
  const sorts: AuditSort[] = [
    { by: 'decidedAt', direction: 'desc' },
    { by: 'decidedAt', direction: 'asc' },
    { by: 'handlingMs', direction: 'desc' },
    { by: 'handlingMs', direction: 'asc' },
  ];

  it.each(filters.map((f) => [JSON.stringify(f), f] as const))('keyset pages equal OFFSET pages for %s in every sort', (_, filter) => {
    for (const sort of sorts) {
      const expected = offsetPages(filter, sort, 45);
      expect(keysetPages(filter, sort, 45)).toEqual(expected);
      expect(logPage(store, { filter, sort, limit: 45 }).total).toBe(expected.flat().length);
    }
  });

  it('refuses a cursor from another query, and a damaged one', () => {
    const first = logPage(store, { filter: { action: 'remove' }, sort: { by: 'decidedAt', direction: 'desc' }, limit: 10 });
    const other = () =>
      logPage(store, { filter: { action: 'approve' }, sort: { by: 'decidedAt', direction: 'desc' }, limit: 10, cursor: first.nextCursor! });
    expect(other).toThrow(ApiError);
    expect(other).toThrow(/another filter or sort/);
    expect(() => logPage(store, { filter: {}, sort: { by: 'handlingMs', direction: 'desc' }, limit: 10, cursor: first.nextCursor! })).toThrow(
      /another filter or sort/,
    );
    expect(() => logPage(store, { filter: {}, sort: { by: 'decidedAt', direction: 'desc' }, limit: 10, cursor: 'garbage' })).toThrow(/damaged/);
  });

  it('turns typed words into a quoted FTS5 query that cannot inject syntax', () => {
    expect(ftsQueryOf('phishing link')).toBe('"phishing" "link"*');
    expect(ftsQueryOf('" OR NEAR(a b) *')).toBe('"OR" "NEAR" "a" "b"*');
    expect(ftsQueryOf('  ')).toBeNull();
  });
});

describe('QA samples from the generated log', () => {
  it('are the same for the same seed and differ for another', () => {
    const a = drawMembers(store, { seed: 42, size: 200, mode: 'random' }, 'nobody');
    const b = drawMembers(store, { seed: 42, size: 200, mode: 'random' }, 'nobody');
    const c = drawMembers(store, { seed: 43, size: 200, mode: 'random' }, 'nobody');
    expect(a).toEqual(b);
    expect(a).toHaveLength(200);
    expect(c.map((m) => m.decisionId)).not.toEqual(a.map((m) => m.decisionId));
  });

  it('leave out the drawing reviewer’s own decisions and skips', () => {
    const members = drawMembers(store, { seed: 5, size: 500, mode: 'random' }, 'm4');
    const rows = reader
      .prepare(`SELECT moderator_id AS m, action FROM team_decisions WHERE id IN (SELECT value FROM json_each(?))`)
      .all(JSON.stringify(members.map((m) => m.decisionId))) as Array<{ m: string; action: string }>;
    expect(rows.some((r) => r.m === 'm4' || r.action === 'skip')).toBe(false);
  });
});
