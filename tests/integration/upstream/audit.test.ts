import { auditPageSchema, GENESIS_HASH, type AuditPage, type AuditRecord } from '@workstation/protocol';
import { auditPageChecksum, chainHash } from '@workstation/protocol/checksums';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createAccount, type Upstream } from '../../../upstream';
import { backend, entry, login, startTestUpstream, type ApiClient } from './harness';

const DAY = 86_400_000;

describe(`upstream team audit (${backend})`, () => {
  let upstream: Upstream;
  let supervisor: ApiClient;
  let mod1: ApiClient;
  let teamId: string;
  const to = new Date(Math.ceil(Date.now() / 3_600_000) * 3_600_000 + 3_600_000).toISOString();
  const from = new Date(Date.parse(to) - 30 * DAY).toISOString();
  const period = (extra = '') => `/audit/log?teamId=${teamId}&from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}${extra}`;

  async function download(limit: number): Promise<{ pages: AuditPage[]; records: AuditRecord[] }> {
    const pages: AuditPage[] = [];
    let cursor: string | null = null;
    do {
      const reply = await supervisor.get(period(`&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`));
      expect(reply.status).toBe(200);
      const page = auditPageSchema.parse(reply.body);
      pages.push(page);
      cursor = page.cursor;
    } while (cursor !== null);
    return { pages, records: pages.flatMap((p) => p.records) };
  }

  beforeAll(async () => {
    upstream = await startTestUpstream({ seed: 4, size: 16, auditHistory: 600 });
    supervisor = await login(upstream, 'supervisor1');
    mod1 = await login(upstream, 'mod1');
    teamId = (await supervisor.post('/auth/login', { username: 'supervisor1', password: 'demo' })).body.account.teamId;
  });
  afterAll(() => upstream?.close());

  test("pages the seeded team's period, each page checksummed, every decision once, with QA, appeals and corrections", async () => {
    const { pages, records } = await download(250);
    for (const page of pages) {
      const { checksum, ...rest } = page;
      expect(auditPageChecksum(rest)).toBe(checksum);
    }
    const decisions = records.filter((r) => r.type === 'decision');
    const keys = decisions.map((d) => d.idempotencyKey);
    expect(new Set(keys).size).toBe(keys.length);
    expect(decisions.length).toBeGreaterThanOrEqual(600);
    expect(records.some((r) => r.type === 'qa' && r.verdict === 'overturn')).toBe(true);
    expect(records.some((r) => r.type === 'appeal')).toBe(true);
    expect(records.some((r) => r.type === 'correction')).toBe(true);
    const moderators = new Set(decisions.map((d) => d.moderatorId));
    expect(moderators.size).toBeGreaterThanOrEqual(5);
    expect(pages[0]!.team.members.map((m) => m.username)).toContain('mod3');
  });

  test("the seeded records' chain links recompute per workstation", async () => {
    const { records } = await download(2000);
    const byWorkstation = new Map<string, Array<Extract<AuditRecord, { type: 'decision' }>>>();
    for (const r of records)
      if (r.type === 'decision' && r.chain) byWorkstation.set(r.chain.workstationId, [...(byWorkstation.get(r.chain.workstationId) ?? []), r]);
    expect(byWorkstation.size).toBeGreaterThanOrEqual(5);
    for (const chain of byWorkstation.values()) {
      chain.sort((a, b) => a.chain!.seq - b.chain!.seq);
      let previous = GENESIS_HASH;
      for (const r of chain) {
        expect(r.chain!.prevHash).toBe(previous);
        expect(chainHash(r.chain!.prevHash, { ...r, ...r.chain!, accountId: r.moderatorId })).toBe(r.chain!.hash);
        previous = r.chain!.hash;
      }
    }
  });

  test('a cursor of another period, a moderator and a supervisor of another team are refused', async () => {
    const first = (await supervisor.get(period('&limit=10'))).body as AuditPage;
    const otherFrom = new Date(Date.parse(from) + DAY).toISOString();
    const foreign = await supervisor.get(
      `/audit/log?teamId=${teamId}&from=${encodeURIComponent(otherFrom)}&to=${encodeURIComponent(to)}&cursor=${encodeURIComponent(first.cursor!)}`,
    );
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.field).toBe('cursor');
    expect((await supervisor.get(period('&cursor=not-a-cursor'))).status).toBe(400);
    expect((await mod1.get(period())).status).toBe(403);

    await upstream.db.query(`INSERT INTO teams (id, name) VALUES ('team-south', 'South')`);
    await createAccount(upstream.db, {
      username: 'sup-south',
      displayName: 'South supervisor',
      role: 'supervisor',
      password: 'pw-south-1',
      teamId: 'team-south',
    });
    const south = await login(upstream, 'sup-south', 'pw-south-1');
    const refused = await south.get(period());
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toContain('team-south');
  });

  test('a QA overturn becomes a correction the moderator lists with its reason; retried, it writes nothing twice', async () => {
    const me = (await mod1.post('/auth/login', { username: 'mod1', password: 'demo' })).body.account.id as string;
    const before = (await mod1.get('/corrections')).body as { cursor: number };
    const { records } = await download(2000);
    const target = records.find(
      (r): r is Extract<AuditRecord, { type: 'decision' }> => r.type === 'decision' && r.moderatorId === me && r.action === 'remove',
    )!;
    const qa = {
      idempotencyKey: 'qa-test-overturn-1',
      decisionKey: target.idempotencyKey,
      action: 'approve',
      reasonCode: null,
      note: null,
      verdict: 'overturn',
      reason: 'Satire account; the context makes it allowed.',
      reviewedAt: new Date().toISOString(),
    };
    expect((await supervisor.post('/audit/qa/batch', { entries: [qa] })).body.results[0].status).toBe('accepted');
    expect((await supervisor.post('/audit/qa/batch', { entries: [qa] })).body.results[0].status).toBe('duplicate');
    const listed = (await mod1.get(`/corrections?since=${before.cursor}`)).body as {
      corrections: Array<{ decisionKey: string; reason: string; source: string; correctedBy: string }>;
    };
    expect(listed.corrections).toEqual([
      expect.objectContaining({ decisionKey: target.idempotencyKey, reason: qa.reason, source: 'qa', correctedBy: 'Sam Supervisor' }),
    ]);
    const noReason = await supervisor.post('/audit/qa/batch', { entries: [{ ...qa, idempotencyKey: 'qa-test-overturn-2', reason: null }] });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.field).toBe('entries.0.reason');
  });

  test('an appeal is never decided by the moderator who made the decision; another reviewer decides it once', async () => {
    const { appeals } = (await supervisor.get(`/appeals?teamId=${teamId}`)).body as {
      appeals: Array<{ id: string; moderatorId: string; outcome: string | null }>;
    };
    const supervisorId = (await supervisor.post('/auth/login', { username: 'supervisor1', password: 'demo' })).body.account.id as string;
    const own = appeals.find((a) => a.moderatorId === supervisorId && a.outcome === null)!;
    const other = appeals.find((a) => a.moderatorId !== supervisorId && a.outcome === null)!;
    const decision = (appealId: string, key: string) => ({
      idempotencyKey: key,
      appealId,
      outcome: 'upheld',
      action: null,
      reasonCode: null,
      reason: 'The removal stands.',
      decidedAt: new Date().toISOString(),
    });

    const refused = (await supervisor.post('/audit/appeals/batch', { entries: [decision(own.id, 'appeal-own-1')] })).body.results[0];
    expect(refused).toMatchObject({ status: 'conflict', conflict: { code: 'own_decision' } });
    expect((await upstream.db.query<{ outcome: string | null }>('SELECT outcome FROM appeals WHERE id = $1', [own.id]))[0]!.outcome).toBeNull();

    expect((await supervisor.post('/audit/appeals/batch', { entries: [decision(other.id, 'appeal-ok-1')] })).body.results[0].status).toBe('accepted');
    expect((await supervisor.post('/audit/appeals/batch', { entries: [decision(other.id, 'appeal-ok-1')] })).body.results[0].status).toBe(
      'duplicate',
    );
    expect((await supervisor.post('/audit/appeals/batch', { entries: [decision(other.id, 'appeal-ok-2')] })).body.results[0].conflict.code).toBe(
      'already_decided',
    );
    expect((await mod1.post('/audit/appeals/batch', { entries: [decision(other.id, 'appeal-mod-1')] })).status).toBe(403);
  });

  test('decisions carry their chain link, a wrong hash is a conflict, and chain heads are kept per workstation', async () => {
    const lease = (await mod1.post('/assignments/lease', { size: 2 })).body.assignment as { id: string; items: Array<{ id: string }> };
    const me = (await mod1.post('/auth/login', { username: 'mod1', password: 'demo' })).body.account.id as string;
    const base = entry({ key: 'chain-test-1', itemId: lease.items[0]!.id, assignmentId: lease.id, action: 'approve' });
    const link = { workstationId: 'ws-test', seq: 1, prevHash: GENESIS_HASH };
    const hash = chainHash(GENESIS_HASH, { ...base, ...link, accountId: me });
    const signals = { bankCategory: null, classifierBand: 'low', groomingLevel: 'none' };
    const tampered = { ...base, idempotencyKey: 'chain-test-2', itemId: lease.items[1]!.id, chain: { ...link, hash } };
    expect((await mod1.post('/decisions/batch', { entries: [tampered] })).body.results[0].conflict.code).toBe('chain_mismatch');
    const good = { ...base, signals, handlingMs: 4200, viewing: { clearReveals: 1, clearMs: 900 }, chain: { ...link, hash } };
    expect((await mod1.post('/decisions/batch', { entries: [good] })).body.results[0].status).toBe('accepted');

    const head = { workstationId: 'ws-test', seq: 1, hash, reportedAt: new Date().toISOString() };
    expect((await mod1.post('/audit/chain-head', head)).status).toBe(200);
    const { heads } = (await supervisor.get(`/audit/chain-heads?teamId=${teamId}`)).body as {
      heads: Array<{ workstationId: string; seq: number; hash: string }>;
    };
    expect(heads.find((h) => h.workstationId === 'ws-test')).toMatchObject({ seq: 1, hash });
    expect((await mod1.get(`/audit/chain-heads?teamId=${teamId}`)).status).toBe(403);

    const { records } = await download(2000);
    expect(records.find((r) => r.type === 'decision' && r.idempotencyKey === 'chain-test-1')).toMatchObject({
      signals,
      handlingMs: 4200,
      viewing: { clearReveals: 1, clearMs: 900 },
      chain: { ...link, hash },
    });
  });
});
