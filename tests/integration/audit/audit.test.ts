import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ApiError,
  type AuditLogPage,
  type AuditRow,
  type AuditStatus,
  type ChainReport,
  type ExportBundle,
  type ExportFile,
  type QaItem,
  type QaSample,
  type QueueState,
} from '../../../electron/api';
import { allocate, CSV_COLUMNS } from '../../../electron/core/audit';
import { createCore, type Core } from '../../../electron/core';
import { startUpstream, type Upstream } from '../../../upstream';
import { decidableItems, untilAnalysed } from '../../support/analysed';
import { tempDir } from '../../unit/store/fixtures';
import { parseCsv } from '../../support/csv';
import { createNodePlatform } from '../../../electron/core/platform/node';
import { fileKeychain, unsealed } from '../../../electron/core/platform/fileKeychain';
import { openDbFile, storeRootKeyOf } from '../../support/storeFile';

const repoRoot = path.resolve(import.meta.dirname, '../../..');
const screenshotDir = path.join(repoRoot, 'tests/e2e/screenshots');
const DAY = 86_400_000;
const UNDO_MS = 50;

let tmp: ReturnType<typeof tempDir>;
let upstream: Upstream;
let supervisor: Core;
let moderator: Core;
let now = Date.now();
const period = { from: new Date(Date.now() - 30 * DAY).toISOString(), to: new Date(Date.now() + DAY).toISOString() };

const dataDir = (name: string) => path.join(tmp.dir, name);
// The Node platform, as browser mode runs it: its keychain file lets npm run audit:verify read the encrypted database too.
const rootKeys = new Map<string, string>();
async function openCore(name: string, fetchImpl?: typeof fetch): Promise<Core> {
  const platform = { ...createNodePlatform({ dataDir: dataDir(name), log: () => {} }), now: () => new Date(now) };
  const core = await createCore({ platform, upstreamUrl: upstream.url, undoMs: UNDO_MS, syncPollMs: 3_600_000, fetch: fetchImpl });
  rootKeys.set(name, await storeRootKeyOf(fileKeychain(path.join(dataDir(name), 'keychain.json'), unsealed)));
  return core;
}
const databaseOf = (name: string, options: { writable?: boolean } = {}) =>
  openDbFile(path.join(dataDir(name), 'workstation.db'), rootKeys.get(name)!, options);

const call = <T>(core: Core, name: string, input: unknown = {}) => core.dispatch(name, input) as Promise<T>;

async function refusal(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected the call to be refused');
}

/** A read-only look at a core's own file. */
function query<T>(name: string, sql: string, ...params: unknown[]): T[] {
  const db = databaseOf(name);
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

async function allPages(filter: object, sort = { by: 'decidedAt', direction: 'desc' }, limit = 100): Promise<AuditRow[]> {
  const rows: AuditRow[] = [];
  let cursor: string | undefined;
  do {
    const page = await call<AuditLogPage>(supervisor, 'audit.log', { filter, sort, limit, ...(cursor ? { cursor } : {}) });
    rows.push(...page.rows);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return rows;
}

beforeAll(async () => {
  tmp = tempDir('audit');
  upstream = await startUpstream({ port: 0, size: 16, seed: 5, auditHistory: 3000 });
  moderator = await openCore('moderator');
  supervisor = await openCore('supervisor');
  await call(moderator, 'session.login', { username: 'mod1', password: 'demo' });
  await call(supervisor, 'session.login', { username: 'supervisor1', password: 'demo' });
});

afterAll(async () => {
  await moderator?.close();
  await supervisor?.close();
  await upstream?.close();
  tmp?.remove();
});

describe('a supervisor audits the team offline against the reference upstream', () => {
  let status: AuditStatus;
  let sampleA: QaSample;

  it("uploads the moderator's decisions with signals, handling time and their chain link", async () => {
    const queue = await call<QueueState>(moderator, 'queue.lease', { size: 4 });
    const [first, second] = await decidableItems(
      moderator.dispatch,
      queue.items.map((i) => i.id),
    );
    await untilAnalysed(moderator.dispatch, first!);
    await call(moderator, 'review.decide', {
      itemId: first,
      action: 'remove',
      reasonCode: 'SPAM-1',
      note: 'phishing link in the caption',
      skipReason: null,
    });
    await call(moderator, 'review.decide', { itemId: second, action: 'approve', reasonCode: null, note: null, skipReason: null });
    now += UNDO_MS;
    await call(moderator, 'sync.now');
    const uploaded = await upstream.db.query<{ chain_seq: number; signals: unknown; handling_ms: number | null }>(
      'SELECT chain_seq, signals, handling_ms FROM decisions WHERE workstation_id IS NOT NULL AND item_id = ANY($1::text[]) ORDER BY chain_seq',
      [[first, second]],
    );
    expect(uploaded.map((d) => d.chain_seq)).toEqual([1, 2]);
    expect(uploaded[0]!.signals).toMatchObject({ classifierBand: expect.any(String), groomingLevel: expect.any(String) });
    expect(uploaded[0]!.handling_ms).toBeGreaterThanOrEqual(0);
    const heads = await upstream.db.query<{ seq: number }>(
      `SELECT seq FROM chain_heads WHERE workstation_id LIKE 'ws-%' AND workstation_id NOT LIKE 'ws-mod%' AND workstation_id NOT LIKE 'ws-supervisor%'`,
    );
    expect(heads.map((h) => h.seq)).toContain(2);
  });

  it('downloads the period page by page with progress events', async () => {
    const progress: number[] = [];
    const unsubscribe = supervisor.subscribe((e) => e.type === 'audit.progress' && progress.push(e.records));
    status = await call<AuditStatus>(supervisor, 'audit.download', period);
    unsubscribe();
    expect(status.decisions).toBeGreaterThanOrEqual(3000);
    expect(status.periods).toEqual([expect.objectContaining({ complete: true })]);
    expect(status.team?.members.map((m) => m.username)).toContain('mod5');
    expect(progress.length).toBeGreaterThan(3);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
  });

  it('pages by keyset cursor exactly as an ORDER BY over the same stored rows, for several filters and sorts', async () => {
    const mod2 = status.team!.members.find((m) => m.username === 'mod2')!.id;
    const cases: Array<{ filter: object; sort: { by: string; direction: string }; where: string; order: string; params: unknown[] }> = [
      { filter: {}, sort: { by: 'decidedAt', direction: 'desc' }, where: '1', order: 'decided_at DESC, rowid DESC', params: [] },
      {
        filter: { moderatorId: mod2, action: 'remove' },
        sort: { by: 'decidedAt', direction: 'asc' },
        where: "moderator_id = ? AND action = 'remove'",
        order: 'decided_at, rowid',
        params: [mod2],
      },
      {
        filter: { outcome: 'overturned' },
        sort: { by: 'handlingMs', direction: 'desc' },
        where: "outcome = 'overturned'",
        order: 'coalesce(handling_ms, -1) DESC, rowid DESC',
        params: [],
      },
      {
        filter: { classifierBand: 'high', queue: 'user_report' },
        sort: { by: 'handlingMs', direction: 'asc' },
        where: "classifier_band = 'high' AND queue = 'user_report'",
        order: 'coalesce(handling_ms, -1), rowid',
        params: [],
      },
    ];
    for (const c of cases) {
      const paged = (await allPages(c.filter, c.sort, 37)).map((r) => r.id);
      const ordered = query<{ id: string }>('supervisor', `SELECT id FROM team_decisions WHERE ${c.where} ORDER BY ${c.order}`, ...c.params).map(
        (r) => r.id,
      );
      expect(paged.length, JSON.stringify(c.filter)).toBeGreaterThan(0);
      expect(paged).toEqual(ordered);
    }
  });

  it('refuses a cursor of another query, an unknown moderator and a malformed filter, naming the field', async () => {
    const first = await call<AuditLogPage>(supervisor, 'audit.log', { filter: { action: 'remove' }, limit: 10 });
    const foreign = await refusal(call(supervisor, 'audit.log', { filter: { action: 'approve' }, limit: 10, cursor: first.nextCursor }));
    expect([foreign.code, foreign.field]).toEqual(['bad_request', 'cursor']);
    const unknown = await refusal(call(supervisor, 'audit.log', { filter: { moderatorId: 'nobody-here' } }));
    expect([unknown.code, unknown.field]).toEqual(['bad_request', 'filter.moderatorId']);
    const malformed = await refusal(call(supervisor, 'audit.log', { filter: { action: 'obliterate' } }));
    expect([malformed.code, malformed.field]).toEqual(['bad_request', 'filter.action']);
  });

  it('finds notes by full text', async () => {
    const found = await allPages({ text: 'phishing' });
    const expected = query<{ n: number }>('supervisor', `SELECT count(*) AS n FROM team_decisions WHERE note LIKE '%phishing%'`)[0]!.n;
    expect(found.length).toBe(expected);
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((r) => r.note?.toLowerCase().includes('phishing'))).toBe(true);
  });

  it('draws reproducible samples, and stratified ones in proportion to the strata', async () => {
    sampleA = await call<QaSample>(supervisor, 'qa.draw', { seed: 7, size: 60, mode: 'random' });
    const again = await call<QaSample>(supervisor, 'qa.draw', { seed: 7, size: 60, mode: 'random' });
    const other = await call<QaSample>(supervisor, 'qa.draw', { seed: 8, size: 60, mode: 'random' });
    expect(again.items.map((i) => i.decisionId)).toEqual(sampleA.items.map((i) => i.decisionId));
    expect(other.items.map((i) => i.decisionId)).not.toEqual(sampleA.items.map((i) => i.decisionId));
    expect(new Set(sampleA.items.map((i) => i.decisionId)).size).toBe(60);

    const me = status.team!.members.find((m) => m.username === 'supervisor1')!.id;
    const stratified = await call<QaSample>(supervisor, 'qa.draw', { seed: 3, size: 50, mode: 'stratified', stratifyBy: 'severity' });
    const strata = query<{ stratum: string; n: number }>(
      'supervisor',
      `SELECT severity AS stratum, count(*) AS n FROM team_decisions WHERE action <> 'skip' AND moderator_id <> ? GROUP BY severity`,
      me,
    );
    const drawn = new Map<string, number>();
    for (const i of stratified.items) drawn.set(i.stratum!, (drawn.get(i.stratum!) ?? 0) + 1);
    expect(Object.fromEntries(drawn)).toEqual(Object.fromEntries([...allocate(strata, 50)].filter(([, n]) => n > 0)));
  });

  it('keeps the original decision hidden until the re-review is recorded; an overturn reaches the moderator with its reason', async () => {
    const mod1 = status.team!.members.find((m) => m.username === 'mod1')!.id;
    const ofMod1 = query<{ id: string }>('supervisor', `SELECT id FROM team_decisions WHERE moderator_id = ?`, mod1).map((r) => r.id);
    const target = sampleA.items.find((i) => ofMod1.includes(i.decisionId))!;
    const blind = await call<QaItem>(supervisor, 'qa.item', { sampleId: sampleA.id, decisionId: target.decisionId });
    expect(blind.original).toBeNull();
    expect(blind.state).toBe('blind');
    const early = await refusal(
      call(supervisor, 'qa.verdict', { sampleId: sampleA.id, decisionId: target.decisionId, verdict: 'agree', reason: null }),
    );
    expect(early.code).toBe('conflict');

    const recorded = await call<QaItem>(supervisor, 'qa.record', {
      sampleId: sampleA.id,
      decisionId: target.decisionId,
      action: 'escalate',
      reasonCode: 'HATE-1',
      note: null,
    });
    expect(recorded.original).not.toBeNull();
    const reason = 'Targets a protected group: escalate under HATE-1.';
    const done = await call<QaItem>(supervisor, 'qa.verdict', { sampleId: sampleA.id, decisionId: target.decisionId, verdict: 'overturn', reason });
    expect(done.verdict).toMatchObject({ verdict: 'overturn', upload: 'queued' });

    await call(supervisor, 'sync.now');
    await call(supervisor, 'sync.now');
    const corrections = await upstream.db.query<{ reason: string }>('SELECT reason FROM corrections WHERE decision_key = $1 AND source = $2', [
      target.decisionId,
      'qa',
    ]);
    expect(corrections).toEqual([{ reason }]);
    expect((await call<QaItem>(supervisor, 'qa.item', { sampleId: sampleA.id, decisionId: target.decisionId })).verdict?.upload).toBe('uploaded');

    const events: string[] = [];
    const unsubscribe = moderator.subscribe((e) => e.type === 'corrections.changed' && events.push(e.type));
    await call(moderator, 'sync.now');
    unsubscribe();
    const mine = await call<{ corrections: Array<{ decisionId: string; reason: string; source: string; seen: boolean }>; unseen: number }>(
      moderator,
      'corrections.mine',
    );
    expect(mine.corrections).toContainEqual(expect.objectContaining({ decisionId: target.decisionId, reason, source: 'qa', seen: false }));
    expect(events).toEqual(['corrections.changed']);
    await call(moderator, 'corrections.seen');
    expect((await call<{ unseen: number }>(moderator, 'corrections.mine')).unseen).toBe(0);
  });

  it('never lets the original moderator decide an appeal; another one is decided and uploaded once', async () => {
    const { appeals } = await call<{
      appeals: Array<{ id: string; decidable: boolean; notDecidableReason: string | null; status: string; moderatorName: string }>;
    }>(supervisor, 'appeals.list');
    const own = appeals.find((a) => a.moderatorName === 'Sam Supervisor' && a.status === 'open')!;
    expect(own.decidable).toBe(false);
    expect(own.notDecidableReason).toMatch(/your own decision/);
    const pendingBefore = (await call<AuditStatus>(supervisor, 'audit.status')).pendingUploads;
    const refused = await refusal(call(supervisor, 'appeals.decide', { appealId: own.id, outcome: 'upheld', reason: 'Stands.' }));
    expect([refused.code, refused.field]).toEqual(['forbidden', 'appealId']);
    expect((await call<AuditStatus>(supervisor, 'audit.status')).pendingUploads).toBe(pendingBefore);

    const open = appeals.find((a) => a.decidable)!;
    const decided = await call<{ status: string }>(supervisor, 'appeals.decide', {
      appealId: open.id,
      outcome: 'overturned',
      action: 'approve',
      reasonCode: null,
      reason: 'Counter-speech, allowed.',
    });
    expect(decided.status).toBe('queued');
    await call(supervisor, 'sync.now');
    const stored = await upstream.db.query<{ outcome: string }>('SELECT outcome FROM appeals WHERE id = $1', [open.id]);
    expect(stored).toEqual([{ outcome: 'overturned' }]);
  });

  it('refuses a tampered download page and stores nothing of it', async () => {
    const tampering: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      if (!String(input).includes('/audit/log')) return res;
      const page = (await res.json()) as { records: Array<{ note?: string | null }> };
      const first = page.records[0];
      if (first) first.note = 'rewritten on the way';
      return new Response(JSON.stringify(page), { status: res.status, headers: res.headers });
    };
    const victim = await openCore('tampered', tampering);
    try {
      await call(victim, 'session.login', { username: 'supervisor1', password: 'demo' });
      const refused = await refusal(call(victim, 'audit.download', period));
      expect(refused.code).toBe('conflict');
      expect(refused.message).toMatch(/checksum/);
      expect((await call<AuditStatus>(victim, 'audit.status')).decisions).toBe(0);
      expect(query<{ n: number }>('tampered', 'SELECT count(*) AS n FROM audit_periods')[0]!.n).toBe(0);
    } finally {
      await victim.close();
    }
  });

  it('finds a tampered team record at the right record, and a tampered own decision (also through npm run audit:verify)', async () => {
    expect(await call<ChainReport>(supervisor, 'audit.verifyTeam')).toMatchObject({ ok: true, firstBreak: null });
    expect(await call<ChainReport>(moderator, 'chain.verify')).toMatchObject({ ok: true, checked: 2 });
    const script = () =>
      spawnSync(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'scripts/audit/verify.ts'), dataDir('moderator')], {
        cwd: repoRoot,
        encoding: 'utf8',
      });
    expect(script().status).toBe(0);

    const victim = query<{ id: string; workstation_id: string; chain_seq: number }>(
      'supervisor',
      `SELECT id, workstation_id, chain_seq FROM team_decisions WHERE workstation_id = 'ws-mod3' ORDER BY chain_seq LIMIT 1 OFFSET 40`,
    )[0]!;
    const sup = databaseOf('supervisor', { writable: true });
    sup.prepare(`UPDATE team_decisions SET reason_code = 'SPAM-1', action = 'remove' WHERE id = ?`).run(victim.id);
    sup.close();
    expect((await call<ChainReport>(supervisor, 'audit.verifyTeam')).firstBreak).toMatchObject({
      recordId: victim.id,
      workstationId: 'ws-mod3',
      position: victim.chain_seq,
      problem: 'hash',
    });

    const own = query<{ id: string }>('moderator', 'SELECT id FROM decisions WHERE chain_seq = 2')[0]!;
    const mod = databaseOf('moderator', { writable: true });
    mod.prepare(`UPDATE decisions SET note = 'nothing to see' WHERE id = ?`).run(own.id);
    mod.close();
    expect((await call<ChainReport>(moderator, 'chain.verify')).firstBreak).toMatchObject({ recordId: own.id, position: 2, problem: 'hash' });
    const result = script();
    expect(result.status).toBe(1);
    expect(result.stdout).toContain(own.id);
    expect(result.stdout).toContain('position 2');
  });

  it('exports the filtered view as CSV that reads back as the view', async () => {
    const mod4 = status.team!.members.find((m) => m.username === 'mod4')!.id;
    const view = { filter: { moderatorId: mod4, action: 'remove' }, sort: { by: 'decidedAt', direction: 'asc' } };
    const file = await call<ExportFile>(supervisor, 'audit.exportCsv', view);
    const [header, ...records] = parseCsv(Buffer.from(file.base64!, 'base64').toString('utf8'));
    expect(header).toEqual([...CSV_COLUMNS]);
    const rows = await allPages(view.filter, view.sort);
    expect(records).toEqual(rows.map((r) => CSV_COLUMNS.map((c) => (r[c] === null ? '' : String(r[c])))));
    expect(readFileSync(file.savedTo).length).toBe(file.bytes);
  });

  it('writes a PDF report whose first page renders', async (ctx) => {
    const file = await call<ExportFile>(supervisor, 'audit.exportPdf', { sampleId: sampleA.id });
    expect(file.mimeType).toBe('application/pdf');
    expect(readFileSync(file.savedTo).subarray(0, 5).toString()).toBe('%PDF-');
    if (spawnSync('pdftoppm', ['-v']).error) {
      console.log('pdftoppm is not installed (apt-get install -y poppler-utils); the PDF was not rendered');
      ctx.skip();
    }
    mkdirSync(screenshotDir, { recursive: true });
    execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', '-singlefile', file.savedTo, path.join(screenshotDir, 'audit-report-page1')]);
    const png = readFileSync(path.join(screenshotDir, 'audit-report-page1.png'));
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.length).toBeGreaterThan(10_000);
  });

  it('signs a bundle that the documented command verifies, and refuses after a one-byte change in any file', async () => {
    const bundle = await call<ExportBundle>(supervisor, 'audit.exportBundle', { sampleId: sampleA.id });
    const verify = (dir: string) =>
      spawnSync(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'scripts/audit/verifyBundle.ts'), dir], {
        cwd: repoRoot,
        encoding: 'utf8',
      });
    expect(verify(bundle.directory).status).toBe(0);
    for (const name of readdirSync(bundle.directory)) {
      const copy = path.join(tmp.dir, `bundle-${name}`);
      cpSync(bundle.directory, copy, { recursive: true });
      const target = path.join(copy, name);
      const bytes = readFileSync(target);
      const at = Math.floor(bytes.length / 2);
      bytes[at] = bytes[at]! ^ 0x01;
      writeFileSync(target, bytes);
      const result = verify(copy);
      expect(result.status, `${name} changed`).toBe(1);
    }
    expect(existsSync(path.join(bundle.directory, 'public-key.pem'))).toBe(true);
    const openssl = spawnSync(
      'openssl',
      ['pkeyutl', '-verify', '-pubin', '-inkey', 'public-key.pem', '-rawin', '-in', 'manifest.json', '-sigfile', 'manifest.sig'],
      { cwd: bundle.directory, encoding: 'utf8' },
    );
    if (!openssl.error) expect(openssl.stdout).toContain('Signature Verified Successfully');
  });
});
