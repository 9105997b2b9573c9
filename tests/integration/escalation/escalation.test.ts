import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { EscalationDraft, EscalationSummary, ItemView, QueueState, ReviewItem, SyncStatus } from '../../../electron/api';
import { createCore, type Core } from '../../../electron/core';
import { createTestPlatform } from '../../../electron/core/platform/testing';
import { DEMO_CHILD_SAFETY_BANK, startUpstream, type Upstream } from '../../../upstream';
import { tempDir } from '../../unit/store/fixtures';
import { type ApiClient, login } from '../upstream/harness';

/**
 * Escalation end to end: the real core on a SQLite file against the reference upstream over
 * HTTP. The demo item tagged hash_bank_match becomes a child-safety report that the supervisor
 * reads back whole, with the mandated actions, and whose acknowledgement releases the evidence.
 */

let tmp: ReturnType<typeof tempDir>;
let upstream: Upstream;
let platform: ReturnType<typeof createTestPlatform>;
let dbFile: string;
let core: Core;
let supervisor: ApiClient;

const openCore = () => createCore({ platform, upstreamUrl: upstream.url, dbFile, syncPollMs: 3_600_000, reportPollMs: 0, analysisThreads: 1 });
const call = <T>(name: string, input: unknown = {}) => core.dispatch(name, input) as Promise<T>;
const syncNow = () => call<SyncStatus>('sync.now');
const list = async () => (await call<{ escalations: EscalationSummary[] }>('escalation.list')).escalations;

let items: ReviewItem[];
let flagged: ReviewItem;
let draft: EscalationDraft;
let reportId: string;

beforeAll(async () => {
  tmp = tempDir('escalation');
  dbFile = path.join(tmp.dir, 'data', 'workstation.db');
  platform = createTestPlatform(path.join(tmp.dir, 'data'));
  upstream = await startUpstream({ port: 0, size: 8, seed: 23 });
  supervisor = await login(upstream, 'supervisor1');
  core = await openCore();
  await call('session.login', { username: 'mod1', password: 'demo' });
  const leased = (await call<QueueState>('queue.lease', { size: 8 })).items;
  items = await Promise.all(leased.map(async (i) => (await call<ItemView>('queue.item', { itemId: i.id })).item));
  flagged = items.find((i) => i.demoTags.includes('hash_bank_match'))!;
}, 60_000);

afterAll(async () => {
  await core?.close();
  await upstream?.close();
  tmp?.remove();
});

describe('escalating the hash-bank match to a child-safety report', () => {
  test('the draft is prefilled: bank match, hashes, not viewed, the account and its profile', async () => {
    expect(flagged).toBeDefined();
    const sha256 = flagged.media[0]!.sha256;
    draft = await call<EscalationDraft>('escalation.open', { itemId: flagged.id, kind: 'child_safety' });
    expect(draft).toMatchObject({ status: 'draft', reasonCode: 'CSAE-1', itemId: flagged.id });
    expect(draft.report).toMatchObject({
      kind: 'child_safety',
      incidentSummary: { incidentType: 'Child Pornography (possession, manufacture, and distribution)', incidentDateTime: flagged.createdAt },
      personOrUserReported: {
        espIdentifier: flagged.account.id,
        screenName: flagged.account.handle,
        profileUrl: `https://platform.example/@${flagged.account.handle}`,
      },
      files: [
        {
          itemId: flagged.id,
          sha256,
          md5: expect.stringMatching(/^[0-9a-f]{32}$/),
          fileViewedByEsp: false,
          exifViewedByEsp: false,
          bankMatch: { bank: DEMO_CHILD_SAFETY_BANK, category: 'child_safety', distance: 0 },
        },
      ],
    });
    expect(draft.report.files?.[0]?.pdq).toMatch(/^[0-9a-f]{64}$/);
    expect(draft.problems.map((p) => p.path)).toEqual(['additionalInfo']);
    // Never shown clear, not even under a reveal: the match is withheld.
    await expect(call('reveal.begin', { itemId: flagged.id, sha256, kind: 'hold_full' })).rejects.toMatchObject({ code: 'forbidden' });
  });

  test('submitting an incomplete report names the missing field; a complete one is queued with its actions', async () => {
    await expect(call('escalation.submit', { draftId: draft.draftId })).rejects.toMatchObject({
      code: 'bad_request',
      field: 'report.additionalInfo',
    });
    const counterpart = items.find((i) => i.account.id !== flagged.account.id)!;
    draft = await call<EscalationDraft>('escalation.update', {
      draftId: draft.draftId,
      patch: {
        report: {
          additionalInfo: 'Matched the child-safety bank at distance 0; confirmed from the match details without viewing.',
          relatedAccounts: [{ espIdentifier: counterpart.account.id, screenName: counterpart.account.handle, relationship: 'commented on the post' }],
        },
      },
    });
    expect(draft.problems).toEqual([]);
    const queued = await call<EscalationSummary>('escalation.submit', { draftId: draft.draftId });
    expect(queued).toMatchObject({ status: 'queued', reportId: null });
    expect(core.isPinned(flagged.media[0]!.sha256)).toBe(true);
  });

  test('sync uploads decision, actions and report; the report id comes back', async () => {
    const status = await syncNow();
    expect(status).toMatchObject({ pendingUploads: 0, conflicts: [], lastError: null });
    const [summary] = (await list()).filter((e) => e.draftId === draft.draftId);
    expect(summary).toMatchObject({ status: 'submitted', reportId: expect.any(String) });
    reportId = summary!.reportId!;
  });

  test('the supervisor reads every field of the report back from the upstream', async () => {
    const reply = await supervisor.get(`/reports/${reportId}`);
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({
      kind: 'child_safety',
      status: 'received',
      itemId: flagged.id,
      reportedAccountId: flagged.account.id,
      idempotencyKey: draft.draftId,
    });
    const report = reply.body.report;
    expect(report).toEqual(draft.report);
    expect(report.incidentSummary).toEqual({
      incidentType: 'Child Pornography (possession, manufacture, and distribution)',
      incidentDateTime: flagged.createdAt,
    });
    expect(report.files).toEqual([
      expect.objectContaining({
        sha256: flagged.media[0]!.sha256,
        md5: expect.any(String),
        pdq: expect.any(String),
        fileViewedByEsp: false,
        bankMatch: { bank: DEMO_CHILD_SAFETY_BANK, category: 'child_safety', distance: 0 },
      }),
    ]);
    expect(report.personOrUserReported).toMatchObject({
      espIdentifier: flagged.account.id,
      screenName: flagged.account.handle,
      displayName: flagged.account.displayName,
      profileUrl: expect.stringContaining(flagged.account.handle),
    });
    expect(report.additionalInfo).toMatch(/without viewing/);
    expect(report.relatedItems).toEqual(
      items
        .filter((i) => i.account.id === flagged.account.id && i.id !== flagged.id)
        .map((i) => i.id)
        .sort(),
    );
    expect(report.relatedItems.length).toBeGreaterThan(0);
    expect(report.relatedAccounts).toHaveLength(1);

    const actions = await supervisor.get(`/actions?itemId=${encodeURIComponent(flagged.id)}`);
    expect(actions.status).toBe(200);
    expect(
      actions.body.actions.map((a: { action: string; accountId: string | null; reasonCode: string }) => [a.action, a.accountId, a.reasonCode]).sort(),
    ).toEqual([
      ['remove_content', flagged.account.id, 'CSAE-1'],
      ['terminate_account', flagged.account.id, 'CSAE-1'],
    ]);
    const decisions = await supervisor.get(`/decisions?itemId=${encodeURIComponent(flagged.id)}`);
    expect(decisions.body.decisions.map((d: { action: string; reasonCode: string }) => [d.action, d.reasonCode])).toEqual([['escalate', 'CSAE-1']]);
  });

  test('a clear preview needs an open reveal, and once served the file is reported as viewed', async () => {
    const shown = items.find((i) => i.id !== flagged.id && i.media.length > 0)!;
    const sha256 = shown.media[0]!.sha256;
    const clear = { itemId: shown.id, sha256, tier: 'clear', grayscale: false };
    await expect(core.preview(clear)).rejects.toMatchObject({ code: 'bad_request', field: 'revealId' });
    const { revealId } = await call<{ revealId: string }>('reveal.begin', { itemId: shown.id, sha256, kind: 'hold_full' });
    const image = await core.preview({ ...clear, revealId });
    expect(image.bytes.length).toBeGreaterThan(0);
    await call('reveal.end', { revealId });
    await expect(core.preview({ ...clear, revealId })).rejects.toMatchObject({ code: 'forbidden', field: 'revealId' });
    const report = await call<EscalationDraft>('escalation.open', { itemId: shown.id, kind: 'child_safety' });
    expect(report.report.files?.find((f) => f?.sha256 === sha256)).toMatchObject({ fileViewedByEsp: true, exifViewedByEsp: false });
  });

  test('drafts survive a core restart, and acknowledgement upstream releases the evidence and confirms its preservation for a year', async () => {
    const other = items.find((i) => i.id !== flagged.id)!;
    const referral = await call<EscalationDraft>('escalation.open', { itemId: other.id, kind: 'law_enforcement' });
    await call('escalation.update', { draftId: referral.draftId, patch: { report: { threatSummary: 'Threatens to hurt a named person tonight.' } } });
    await core.close();
    core = await openCore();

    const reopened = await call<EscalationDraft>('escalation.open', { itemId: other.id, kind: 'law_enforcement' });
    expect(reopened).toMatchObject({
      draftId: referral.draftId,
      status: 'draft',
      report: { threatSummary: 'Threatens to hurt a named person tonight.' },
    });
    expect((await list()).map((e) => [e.draftId, e.status])).toEqual(
      expect.arrayContaining([
        [draft.draftId, 'submitted'],
        [referral.draftId, 'draft'],
      ]),
    );
    expect(core.isPinned(flagged.media[0]!.sha256)).toBe(true);
    const requested = (await list()).find((e) => e.draftId === draft.draftId)!.preservation!;
    expect(requested).toMatchObject({ status: 'requested', acknowledgedAt: null });
    expect(Date.parse(requested.expiresAt) - Date.parse(requested.requestedAt)).toBe(365 * 86_400_000);

    expect((await supervisor.post(`/reports/${reportId}/acknowledge`)).status).toBe(200);
    await syncNow();
    const acknowledged = (await list()).find((e) => e.draftId === draft.draftId)!;
    expect(acknowledged).toMatchObject({
      status: 'acknowledged',
      reportId,
      preservation: { status: 'acknowledged', requestedAt: requested.requestedAt, expiresAt: requested.expiresAt },
    });
    expect(acknowledged.preservation!.acknowledgedAt).not.toBeNull();
    expect(core.isPinned(flagged.media[0]!.sha256)).toBe(false);
  });
});
