import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ReviewItem } from '@workstation/protocol';
import { DEMO_CHILD_SAFETY_BANK, type Upstream } from '../../../upstream';
import { addReviewer, backend, login, startTestUpstream, type ApiClient } from './harness';

function childSafetyReport(item: ReviewItem, related: ReviewItem) {
  return {
    kind: 'child_safety',
    incidentSummary: {
      incidentType: 'Child Pornography (possession, manufacture, and distribution)',
      incidentDateTime: item.createdAt,
      incidentDateTimeDescription: 'upload time of the post',
      escalateToHighPriority: 'known hash-bank match',
      reportAnnotations: ['sextortion'],
    },
    itemId: item.id,
    personOrUserReported: {
      espIdentifier: item.account.id,
      espService: 'Demo Platform',
      screenName: item.account.handle,
      displayName: item.account.displayName,
      profileUrl: `https://platform.example/${item.account.handle}`,
      profileBio: item.account.bio,
      accountPermanentlyDisabled: true,
      priorCTReports: ['123456'],
      estimatedLocation: { city: 'Berlin', region: 'BE', countryCode: 'DE' },
      additionalInfo: 'account created recently',
    },
    files: [
      {
        itemId: item.id,
        fileName: 'upload-1.png',
        sha256: 'a'.repeat(64),
        md5: 'b'.repeat(32),
        pdq: 'c'.repeat(64),
        fileViewedByEsp: false,
        exifViewedByEsp: false,
        publiclyAvailable: true,
        fileRelevance: 'Reported',
        fileAnnotations: ['potentialMeme'],
        industryClassification: 'A1',
        bankMatch: { bank: DEMO_CHILD_SAFETY_BANK, category: 'child_safety', distance: 4 },
      },
    ],
    additionalInfo: 'Matched the child-safety bank at distance 4; escalated from metadata without viewing.',
    relatedItems: [related.id],
    relatedAccounts: [{ espIdentifier: related.account.id, screenName: related.account.handle, relationship: 'commented on the post' }],
  };
}

function lawEnforcementReport(item: ReviewItem) {
  return {
    kind: 'law_enforcement',
    incidentSummary: { incidentDateTime: item.createdAt },
    threatSummary: 'States a plan to attack a named school tomorrow morning.',
    imminent: true,
    location: { city: 'Madrid', countryCode: 'ES', description: 'school named in the post' },
    itemId: item.id,
    personOrUserReported: {
      espIdentifier: item.account.id,
      screenName: item.account.handle,
      displayName: item.account.displayName,
      profileUrl: `https://platform.example/${item.account.handle}`,
      profileBio: item.account.bio,
    },
    files: [],
    additionalInfo: 'Threat with a time and a place.',
    relatedItems: [],
    relatedAccounts: [],
  };
}

type Result = { idempotencyKey: string; status: string; reportId?: string; reportStatus?: string; conflict?: { code: string; message: string } };

describe(`upstream escalation reports (${backend})`, () => {
  let upstream: Upstream;
  let alice: ApiClient;
  let bob: ApiClient;
  let supervisor: ApiClient;
  let items: ReviewItem[];
  let bobItems: ReviewItem[];
  let keyCounter = 0;
  const key = (label: string): string => `rpt-${label}-${(keyCounter += 1)}`;

  const send = async (client: ApiClient, entries: { idempotencyKey: string; report: unknown }[]): Promise<Result[]> => {
    const reply = await client.post('/reports/batch', { entries });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    return reply.body.results;
  };

  beforeAll(async () => {
    upstream = await startTestUpstream({ seed: 31, size: 20 });
    alice = await login(upstream, 'mod1');
    bob = await addReviewer(upstream, 'bob');
    supervisor = await login(upstream, 'supervisor1');
    items = (await alice.post('/assignments/lease', { size: 10 })).body.assignment.items;
    bobItems = (await bob.post('/assignments/lease', { size: 2 })).body.assignment.items;
  });
  afterAll(() => upstream?.close());

  test('a child-safety report is accepted as received, and GET /reports/{id} returns every field as sent', async () => {
    const report = childSafetyReport(items[0]!, items[1]!);
    const entry = { idempotencyKey: key('cs'), report };
    const [result] = await send(alice, [entry]);
    expect(result).toEqual({
      idempotencyKey: entry.idempotencyKey,
      status: 'accepted',
      reportId: expect.stringMatching(/^rpt_/),
      reportStatus: 'received',
    });

    const stored = await supervisor.get(`/reports/${result!.reportId}`);
    expect(stored.status).toBe(200);
    expect(stored.body.report).toEqual(report);
    expect(stored.body).toMatchObject({
      id: result!.reportId,
      idempotencyKey: entry.idempotencyKey,
      kind: 'child_safety',
      status: 'received',
      itemId: items[0]!.id,
      incidentType: report.incidentSummary.incidentType,
      incidentDateTime: new Date(items[0]!.createdAt).toISOString(),
      reportedAccountId: items[0]!.account.id,
      moderatorId: expect.any(String),
      acknowledgedAt: null,
    });
  });

  test('a law-enforcement referral is accepted and listed without an incident type', async () => {
    const report = lawEnforcementReport(items[2]!);
    const [result] = await send(alice, [{ idempotencyKey: key('le'), report }]);
    expect(result!.status).toBe('accepted');
    const listed = (await supervisor.get('/reports?kind=law_enforcement')).body.reports;
    expect(listed.map((r: { id: string }) => r.id)).toContain(result!.reportId);
    expect(listed.find((r: { id: string }) => r.id === result!.reportId)).toMatchObject({
      kind: 'law_enforcement',
      incidentType: null,
      status: 'received',
    });
    expect((await supervisor.get(`/reports/${result!.reportId}`)).body.report).toEqual(report);
  });

  test('a retry is duplicate and names the same report; concurrent retries store one', async () => {
    const entry = { idempotencyKey: key('dup'), report: childSafetyReport(items[3]!, items[4]!) };
    const all = await Promise.all(Array.from({ length: 5 }, () => send(alice, [entry])));
    const results = all.map((r) => r[0]!);
    expect(results.filter((r) => r.status === 'accepted')).toHaveLength(1);
    expect(new Set(results.map((r) => r.reportId)).size).toBe(1);
    const rows = await upstream.db.query<{ n: number }>('SELECT count(*)::int AS n FROM escalation_reports WHERE idempotency_key = $1', [
      entry.idempotencyKey,
    ]);
    expect(rows[0]!.n).toBe(1);
  });

  test('acknowledging moves received to acknowledged once; a duplicate upload then reports the new status', async () => {
    const entry = { idempotencyKey: key('ack'), report: childSafetyReport(items[5]!, items[6]!) };
    const [accepted] = await send(alice, [entry]);
    const first = await supervisor.post(`/reports/${accepted!.reportId}/acknowledge`);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ id: accepted!.reportId, status: 'acknowledged', acknowledgedAt: expect.any(String) });
    const second = await supervisor.post(`/reports/${accepted!.reportId}/acknowledge`);
    expect(second.body.acknowledgedAt).toBe(first.body.acknowledgedAt);
    expect((await send(alice, [entry]))[0]).toMatchObject({ status: 'duplicate', reportId: accepted!.reportId, reportStatus: 'acknowledged' });
    const acknowledged = (await supervisor.get('/reports?status=acknowledged')).body.reports.map((r: { id: string }) => r.id);
    const received = (await supervisor.get('/reports?status=received')).body.reports.map((r: { id: string }) => r.id);
    expect(acknowledged).toContain(accepted!.reportId);
    expect(received).not.toContain(accepted!.reportId);
    expect((await supervisor.post('/reports/rpt_missing/acknowledge')).status).toBe(404);
    expect((await supervisor.get('/reports/rpt_missing')).status).toBe(404);
  });

  test('references must exist: items you were assigned, platform accounts, hash banks', async () => {
    const base = childSafetyReport(items[7]!, items[8]!);
    const foreign = { ...base, itemId: bobItems[0]!.id };
    const badRelated = { ...base, relatedItems: ['itm_missing'] };
    const badAccount = { ...base, personOrUserReported: { ...base.personOrUserReported, espIdentifier: 'acct_missing' } };
    const badRelatedAccount = { ...base, relatedAccounts: [{ espIdentifier: 'acct_gone', relationship: 'friend' }] };
    const badBank = { ...base, files: [{ ...base.files[0]!, bankMatch: { bank: 'no-such-bank', category: 'child_safety', distance: 0 } }] };
    const badFileItem = { ...base, files: [{ ...base.files[0]!, itemId: bobItems[1]!.id }] };
    const results = await send(
      alice,
      [foreign, badRelated, badAccount, badRelatedAccount, badBank, badFileItem].map((report) => ({ idempotencyKey: key('ref'), report })),
    );
    expect(results.map((r) => r.conflict?.code)).toEqual([
      'unknown_item',
      'unknown_item',
      'unknown_account',
      'unknown_account',
      'unknown_bank',
      'unknown_item',
    ]);
    expect(results[4]!.conflict!.message).toContain('no-such-bank');
  });

  test('schema: CyberTipline enumerations, strict objects and the law-enforcement fields are 400s naming the field', async () => {
    const cs = childSafetyReport(items[9]!, items[0]!);
    const le = lawEnforcementReport(items[9]!);
    const cases: Array<[unknown, string]> = [
      [{ ...cs, incidentSummary: { ...cs.incidentSummary, incidentType: 'Something else' } }, 'entries.0.report.incidentSummary.incidentType'],
      [{ ...cs, incidentSummary: { ...cs.incidentSummary, incidentDateTime: 'last week' } }, 'entries.0.report.incidentSummary.incidentDateTime'],
      [{ ...cs, files: [{ ...cs.files[0]!, fileViewedByEsp: undefined }] }, 'entries.0.report.files.0.fileViewedByEsp'],
      [{ ...cs, files: [{ ...cs.files[0]!, md5: 'xyz' }] }, 'entries.0.report.files.0.md5'],
      [{ ...cs, files: [{ ...cs.files[0]!, fileRelevance: 'Important' }] }, 'entries.0.report.files.0.fileRelevance'],
      [{ ...cs, files: [{ ...cs.files[0]!, fileViewed: true }] }, 'entries.0.report.files.0'],
      [{ ...cs, personOrUserReported: { ...cs.personOrUserReported, profileUrl: 'not a url' } }, 'entries.0.report.personOrUserReported.profileUrl'],
      [{ ...cs, additionalInfo: '' }, 'entries.0.report.additionalInfo'],
      [{ ...cs, kind: 'spam' }, 'entries.0.report.kind'],
      [{ ...le, imminent: 'yes' }, 'entries.0.report.imminent'],
      [{ ...le, threatSummary: undefined }, 'entries.0.report.threatSummary'],
      [{ ...le, location: { countryCode: 'Spain' } }, 'entries.0.report.location.countryCode'],
    ];
    for (const [report, field] of cases) {
      const reply = await alice.post('/reports/batch', { entries: [{ idempotencyKey: key('bad'), report }] });
      expect(reply.status, field).toBe(400);
      expect(reply.body.error.field).toBe(field);
    }
  });

  test('text with a NUL or another control character is a 400 naming the element, never a 500, and nothing of the batch is stored', async () => {
    const le = lawEnforcementReport(items[8]!);
    const clean = { idempotencyKey: key('clean'), report: le };
    const cases: Array<[unknown, string]> = [
      [{ ...le, additionalInfo: 'saw it\u0000' }, 'entries.1.report.additionalInfo'],
      [{ ...le, threatSummary: 'tomorrow \u0085 morning' }, 'entries.1.report.threatSummary'],
      [{ ...le, personOrUserReported: { ...le.personOrUserReported, profileBio: '\ud800' } }, 'entries.1.report.personOrUserReported.profileBio'],
      [{ ...le, relatedItems: [`${items[0]!.id}\u0000`] }, 'entries.1.report.relatedItems.0'],
    ];
    for (const [report, field] of cases) {
      const reply = await alice.post('/reports/batch', { entries: [clean, { idempotencyKey: key('nul'), report }] });
      expect(reply.status, field).toBe(400);
      expect(reply.body.error).toMatchObject({ code: 'bad_request', field });
    }
    expect(await upstream.db.query('SELECT 1 FROM escalation_reports WHERE idempotency_key = $1', [clean.idempotencyKey])).toEqual([]);
  });

  test('moderators list only their own reports; only supervisors read or acknowledge one', async () => {
    const mine = (await alice.get('/reports')).body.reports;
    expect(mine.length).toBeGreaterThan(0);
    expect((await bob.get('/reports')).body.reports).toEqual([]);
    const all = (await supervisor.get('/reports')).body.reports;
    expect(all.map((r: { id: string }) => r.id).sort()).toEqual(mine.map((r: { id: string }) => r.id).sort());
    expect((await alice.get(`/reports/${mine[0].id}`)).status).toBe(403);
    expect((await alice.post(`/reports/${mine[0].id}/acknowledge`)).status).toBe(403);
    expect((await supervisor.post('/reports/batch', { entries: [] })).status).toBe(403);
  });
});
