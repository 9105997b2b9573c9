/**
 * Issue 8, hole 1: the child-safety rule and "no decision before analysis" must hold in core, so
 * these tests bypass the renderer and speak HTTP to the browser-mode transport, as anyone on the
 * machine with the token could, against the real reference upstream.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { eventSchema, type ItemView, type QueueState, type WorkstationEvent } from '../../../electron/api';
import { createCore, type Core } from '../../../electron/core';
import { createTestPlatform } from '../../../electron/core/platform/testing';
import { startWebHost, type WebHost } from '../../../electron/web';
import { startUpstream, type Upstream } from '../../../upstream';
import { untilAnalysed } from '../../support/analysed';
import { tempDir } from '../../unit/store/fixtures';
import { rowCounts, storeRootKeyOf } from '../../support/storeFile';

let tmp: ReturnType<typeof tempDir>;
let upstream: Upstream;
let core: Core;
let host: WebHost;
let dbFile: string;
/** The key the core encrypted its database with, for reading the file behind its back. */
let rootKey: string;
let releaseMedia: () => void;
const events: WorkstationEvent[] = [];
let socket: WebSocket;

interface Reply {
  status: number;
  body: any;
}

async function call(name: string, input: unknown = {}, token: string | null = `Bearer ${host.token}`): Promise<Reply> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token !== null) headers.authorization = token;
  const res = await fetch(`${host.url}/api/${name}`, { method: 'POST', headers, body: JSON.stringify(input) });
  return { status: res.status, body: await res.json() };
}

const dispatchOverHttp = async (name: string, input: unknown) => {
  const reply = await call(name, input);
  if (reply.status !== 200) throw new Error(`${name} answered ${reply.status}: ${JSON.stringify(reply.body)}`);
  return reply.body as unknown;
};

const rowCount = (table: string): number => rowCounts(dbFile, rootKey, [table])[table]!;

const upstreamDecisionCount = async () => (await upstream.db.query<{ n: number }>('SELECT count(*)::int AS n FROM decisions'))[0]!.n;

/** Nothing was recorded locally and nothing reached the upstream, even after a sync. */
async function expectNothingWritten(decisionsBefore: number, outboxBefore: number, upstreamBefore: number): Promise<void> {
  expect(rowCount('decisions')).toBe(decisionsBefore);
  expect(rowCount('outbox')).toBe(outboxBefore);
  await call('sync.now');
  expect(await upstreamDecisionCount()).toBe(upstreamBefore);
}

beforeAll(async () => {
  tmp = tempDir('decision-rules');
  const staticDir = path.join(tmp.dir, 'static');
  mkdirSync(staticDir);
  writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>t</title>');
  upstream = await startUpstream({ port: 0, size: 12, seed: 3 });
  dbFile = path.join(tmp.dir, 'data', 'workstation.db');
  // Media downloads wait for the test's word, so "right after the lease" is deterministic.
  const held = new Promise<void>((resolve) => {
    releaseMedia = resolve;
  });
  const gatedFetch: typeof fetch = async (input, init) => {
    if (String(input instanceof Request ? input.url : input).includes('/media/')) await held;
    return fetch(input, init);
  };
  const platform = createTestPlatform(path.join(tmp.dir, 'data'));
  core = await createCore({ platform, upstreamUrl: upstream.url, dbFile, undoMs: 0, syncPollMs: 3_600_000, fetch: gatedFetch });
  rootKey = await storeRootKeyOf(platform.keychain);
  host = await startWebHost({ core, staticDir, log: () => {}, token: 'decision-rules-token-0123' });
  socket = new WebSocket(`${host.url.replace('http', 'ws')}/events?token=${host.token}`);
  socket.on('message', (data) => events.push(eventSchema.parse(JSON.parse(String(data)))));
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
});

afterAll(async () => {
  socket?.close();
  await host?.close();
  await core?.close();
  await upstream?.close();
  tmp?.remove();
});

describe('core refuses decisions the renderer would only hide (HTTP, renderer bypassed)', () => {
  let queue: QueueState;
  let withMedia: string;
  let matched: string;
  let ordinary: string;

  it('refuses every decision and action on an item whose images are not analysed yet, writes nothing and uploads nothing', async () => {
    expect((await call('session.login', { username: 'mod1', password: 'demo' })).status).toBe(200);
    const leased = await call('queue.lease', { size: 6 });
    expect(leased.status).toBe(200);
    queue = leased.body as QueueState;
    const views = await Promise.all(queue.items.map(async (i) => (await call('queue.item', { itemId: i.id })).body as ItemView));
    withMedia = views.find((v) => v.item.media.length > 0)!.item.id;
    expect(views.find((v) => v.item.id === withMedia)!.signals.media.every((m) => m.status === 'pending')).toBe(true);

    const attempts: Array<[string, unknown]> = [
      ['review.decide', { itemId: withMedia, action: 'approve', reasonCode: null, note: null }],
      ['review.decide', { itemId: withMedia, action: 'remove', reasonCode: 'HATE-1', note: null }],
      ['review.decide', { itemId: withMedia, action: 'skip', reasonCode: null, skipReason: 'needs_specialist', note: 'unsure' }],
      [
        'actions.apply',
        { kind: 'content', action: 'remove_content', itemIds: [withMedia], accountId: null, reasonCode: 'HATE-1', params: {}, note: null },
      ],
    ];
    for (const [name, input] of attempts) {
      const refused = await call(name, input);
      expect(refused.status).toBe(409);
      expect(refused.body.error.message).toContain(`Item ${withMedia} is still being analysed`);
    }
    await expectNothingWritten(0, 0, 0);
  });

  it('says item.analysed once the images are hashed and matched, and only then accepts a decision', async () => {
    releaseMedia();
    for (const item of queue.items) await untilAnalysed(dispatchOverHttp, item.id);
    expect(events.filter((e) => e.type === 'item.analysed').map((e) => (e as { itemId: string }).itemId)).toContain(withMedia);
    const views = await Promise.all(queue.items.map(async (i) => (await call('queue.item', { itemId: i.id })).body as ItemView));
    const isMatched = (v: ItemView) => v.signals.media.some((m) => m.bankMatches.some((b) => b.category === 'child_safety'));
    matched = views.find(isMatched)!.item.id;
    ordinary = views.find((v) => !isMatched(v) && v.item.id !== matched)!.item.id;
    expect(matched).toBeDefined();
  });

  it('on a child-safety match refuses approve, remove, escalate, other skips and enforcement, alone or with other items', async () => {
    const attempts: Array<[string, unknown, string]> = [
      ['review.decide', { itemId: matched, action: 'approve', reasonCode: null, note: null }, 'action'],
      ['review.decide', { itemId: matched, action: 'remove', reasonCode: 'HATE-1', note: null }, 'action'],
      ['review.decide', { itemId: matched, action: 'escalate', reasonCode: 'HATE-1', note: null }, 'action'],
      ['review.decide', { itemId: matched, action: 'skip', reasonCode: null, skipReason: 'not_my_language', note: null }, 'action'],
      ['review.decide', { itemId: matched, action: 'skip', reasonCode: null, skipReason: 'needs_specialist', note: null }, 'action'],
      [
        'actions.apply',
        { kind: 'content', action: 'remove_content', itemIds: [matched], accountId: null, reasonCode: 'CSAE-1', params: {}, note: null },
        'itemIds.0',
      ],
      [
        'actions.apply',
        { kind: 'content', action: 'remove_content', itemIds: [ordinary, matched], accountId: null, reasonCode: 'HATE-1', params: {}, note: null },
        'itemIds.1',
      ],
    ];
    for (const [name, input, field] of attempts) {
      const refused = await call(name, input);
      expect(refused.status, `${name} ${JSON.stringify(input)}`).toBe(409);
      expect(refused.body.error.field).toBe(field);
      expect(refused.body.error.message).toContain('matched the child-safety hash bank');
    }
    const otherKind = await call('escalation.open', { itemId: matched, kind: 'law_enforcement' });
    expect(otherKind.status).toBe(409);
    expect(otherKind.body.error.message).toContain('escalated as child safety');
    await expectNothingWritten(0, 0, 0);
  });

  it('refuses a child-safety reason on a plain removal of any item: R then Enter cannot file child exploitation', async () => {
    const refused = await call('review.decide', { itemId: ordinary, action: 'remove', reasonCode: 'CSAE-1', note: null });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'conflict', field: 'reasonCode' });
    await expectNothingWritten(0, 0, 0);
  });

  it('lets the matched item be handed back for a specialist when the skip says why, and uploads that', async () => {
    const handedBack = await call('review.decide', {
      itemId: matched,
      action: 'skip',
      reasonCode: null,
      skipReason: 'needs_specialist',
      note: 'not cleared for child-safety review',
    });
    expect(handedBack.status).toBe(200);
    expect(handedBack.body.decision).toMatchObject({ action: 'skip', note: 'Skipped: needs_specialist — not cleared for child-safety review' });
    await call('sync.now');
    expect(await upstreamDecisionCount()).toBe(1);
  });
});

describe('transport details (issue 8, hole 6)', () => {
  it('checks the role before the input: a forbidden caller learns nothing of the schema', async () => {
    await call('session.logout');
    expect((await call('session.login', { username: 'supervisor1', password: 'demo' })).status).toBe(200);
    const refused = await call('review.decide', { nonsense: true });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('forbidden');
    expect(JSON.stringify(refused.body)).not.toContain('itemId');
  });

  it('accepts the token only with the Bearer scheme', async () => {
    expect((await call('session.current', {}, host.token)).status).toBe(401);
    expect((await call('session.current', {}, `Basic ${host.token}`)).status).toBe(401);
    expect((await call('session.current', {}, `Bearer ${host.token}`)).status).toBe(200);
  });

  it('sends nosniff on API answers, refusals included, and 404 for a folder path', async () => {
    const ok = await fetch(`${host.url}/api/session.current`, { method: 'POST', headers: { authorization: `Bearer ${host.token}` }, body: '{}' });
    expect(ok.headers.get('x-content-type-options')).toBe('nosniff');
    const refused = await fetch(`${host.url}/api/session.current`, { method: 'POST', body: '{}' });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('x-content-type-options')).toBe('nosniff');
    mkdirSync(path.join(tmp.dir, 'static', 'assets'), { recursive: true });
    const folder = await fetch(`${host.url}/assets/`);
    expect(folder.status).toBe(404);
  });
});
