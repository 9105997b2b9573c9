/**
 * A workstation in browser mode (core behind the web transport, renderer bypassed) on a test
 * platform whose clock and idle time the test sets, against the real reference upstream. Calls go
 * over HTTP exactly as a renderer's would, so every rule these tests see is core's. Shared by the
 * wellness integration tests and the scripted-shift benchmark (tests/bench/wellness-shift).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_WELLNESS_POLICY, type WellnessPolicy, type WellnessPolicyContent } from '@workstation/protocol';
import type { ItemView, QueueState, WellnessStatus } from '../../electron/api';
import { createCore, type Core } from '../../electron/core';
import { createTestPlatform, type TestPlatform } from '../../electron/core/platform/testing';
import { startWebHost, type WebHost } from '../../electron/web';
import { startUpstream, type Upstream } from '../../upstream';
import { untilAnalysed } from './analysed';
import { tempDir } from '../unit/store/fixtures';
import { readRows, storeRootKeyOf } from './storeFile';

export interface Reply<T = any> {
  status: number;
  body: T;
  bytes: Buffer;
}

export interface Workstation {
  platform: TestPlatform;
  core: Core;
  host: WebHost;
  dbFile: string;
  /** One API call over HTTP; never throws on a refusal, the test reads the status. */
  call<T = any>(name: string, input?: unknown): Promise<Reply<T>>;
  /** The call, expected to succeed. */
  ok<T = any>(name: string, input?: unknown): Promise<T>;
  /** GET /preview/... with a query as the renderer's client writes it. */
  preview(itemId: string, sha256: string, query?: Record<string, string>): Promise<Reply>;
  /** Reads the core's own file through a separate read-only connection. */
  rows<T>(sql: string, ...params: unknown[]): T[];
  close(): Promise<void>;
}

/** A workstation on its own data folder; pass the platform of one closed before to reopen it (its keychain holds the session). */
export async function openWorkstation(upstreamUrl: string, dir: string, name: string, at: number, reopen?: TestPlatform): Promise<Workstation> {
  const dataDir = path.join(dir, name);
  const staticDir = path.join(dir, `${name}-static`);
  mkdirSync(staticDir, { recursive: true });
  writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>test</title>');
  const platform = reopen ?? createTestPlatform(dataDir);
  platform.setNow(at);
  const dbFile = path.join(dataDir, 'workstation.db');
  // The tests move the clock by hours and days; the idle sign-in lock is tested on its own (tests/integration/workstation).
  const core = await createCore({
    platform,
    upstreamUrl,
    dbFile,
    sessionIdleLockMs: 30 * 86_400_000,
    undoMs: 0,
    syncPollMs: 3_600_000,
    deltaPullMs: 3_600_000,
    analysisThreads: 1,
  });
  const rootKey = await storeRootKeyOf(platform.keychain);
  const host = await startWebHost({ core, staticDir, log: platform.log, token: `token-${name}-0123456789` });
  const headers = { authorization: `Bearer ${host.token}`, 'content-type': 'application/json' };
  const read = async (res: Response): Promise<Reply> => {
    const bytes = Buffer.from(await res.arrayBuffer());
    const json = res.headers.get('content-type')?.startsWith('application/json') ?? false;
    return { status: res.status, body: json ? JSON.parse(bytes.toString('utf8')) : undefined, bytes };
  };
  let closed = false;
  const call = async (callName: string, input: unknown = {}) =>
    read(await fetch(`${host.url}/api/${callName}`, { method: 'POST', headers, body: JSON.stringify(input) }));
  return {
    platform,
    core,
    host,
    dbFile,
    call,
    async ok(callName, input = {}) {
      const reply = await call(callName, input);
      if (reply.status !== 200) throw new Error(`${callName} answered ${reply.status}: ${JSON.stringify(reply.body)}`);
      return reply.body;
    },
    async preview(itemId, sha256, query = {}) {
      const search = new URLSearchParams({ tier: 'default', ...query });
      return read(await fetch(`${host.url}/preview/${encodeURIComponent(itemId)}/${sha256}?${search}`, { headers }));
    },
    rows(sql, ...params) {
      return readRows(dbFile, rootKey, sql, ...params) as never;
    },
    async close() {
      if (closed) return;
      closed = true;
      await host.close();
      await core.close();
    },
  };
}

/** The reference upstream with its demo team, a scratch folder, and workstations on it. */
export async function startWellnessWorld(options: { size?: number; seed?: number } = {}) {
  const tmp = tempDir('wellness');
  const upstream: Upstream = await startUpstream({ port: 0, size: options.size ?? 40, seed: options.seed ?? 7 });
  const opened: Workstation[] = [];
  return {
    upstream,
    dir: tmp.dir,
    async workstation(name: string, at = Date.now()): Promise<Workstation> {
      const ws = await openWorkstation(upstream.url, tmp.dir, name, at);
      opened.push(ws);
      return ws;
    },
    /** Saves a policy as the demo wellness lead straight on the upstream, over the version in force. */
    async publishPolicy(change: (policy: WellnessPolicyContent) => WellnessPolicyContent): Promise<WellnessPolicy> {
      const login = (await (
        await fetch(`${upstream.url}/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: 'wellness1', password: 'demo' }),
        })
      ).json()) as { token: string };
      const auth = { authorization: `Bearer ${login.token}`, 'content-type': 'application/json' };
      const { version, ...current } = (await (await fetch(`${upstream.url}/wellness/policy`, { headers: auth })).json()) as WellnessPolicy;
      const res = await fetch(`${upstream.url}/wellness/policy`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({ baseVersion: version, policy: change(current) }),
      });
      if (res.status !== 200) throw new Error(`saving the policy answered ${res.status}: ${await res.text()}`);
      return (await res.json()) as WellnessPolicy;
    },
    async close() {
      for (const ws of opened) await ws.close();
      await upstream.close();
      tmp.remove();
    },
  };
}

export type WellnessWorld = Awaited<ReturnType<typeof startWellnessWorld>>;

/** The default policy with one severity's viewing rule and the default limits changed. */
export function withRules(
  policy: WellnessPolicyContent,
  change: {
    viewing?: Partial<WellnessPolicyContent['viewing']['S1']>;
    limits?: Partial<WellnessPolicyContent['limits']['default']>;
    severity?: 'S0' | 'S1' | 'S2' | 'S3';
  },
): WellnessPolicyContent {
  const severity = change.severity ?? 'S1';
  return {
    ...policy,
    viewing: { ...policy.viewing, [severity]: { ...policy.viewing[severity], ...change.viewing } },
    limits: { ...policy.limits, default: { ...policy.limits.default, ...change.limits } },
  };
}

/** Signs a moderator in, leases a batch and waits until every item is analysed. */
export async function moderatorWithBatch(ws: Workstation, username = 'mod1', size = 12): Promise<{ queue: QueueState; views: ItemView[] }> {
  await ws.ok('session.login', { username, password: 'demo' });
  const queue = await ws.ok<QueueState>('queue.lease', { size });
  const dispatch = (name: string, input: unknown) => ws.core.dispatch(name, input);
  const views: ItemView[] = [];
  for (const item of queue.items) views.push(await untilAnalysed(dispatch, item.id));
  return { queue, views };
}

/**
 * Signs in and leases a batch, then waits for its images to be analysed without opening any item:
 * opening one (queue.item) puts it on the record as shown, which some tests count.
 */
export async function leaseUnopened(ws: Workstation, username = 'mod1', size = 12, deadlineMs = 60_000): Promise<QueueState> {
  await ws.ok('session.login', { username, password: 'demo' });
  const queue = await ws.ok<QueueState>('queue.lease', { size });
  const media = ws
    .rows<{ payload: string }>('SELECT payload FROM items WHERE assignment_id = ?', queue.assignment!.id)
    .flatMap((r) => (JSON.parse(r.payload) as { media: Array<{ sha256: string }> }).media.map((m) => m.sha256));
  const end = Date.now() + deadlineMs;
  for (;;) {
    const done = new Set(ws.rows<{ sha256: string }>('SELECT sha256 FROM analysis_results').map((r) => r.sha256));
    if (media.every((sha) => done.has(sha))) return queue;
    if (Date.now() > end) throw new Error('the batch was still being analysed');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The review items of the workstation's current batch as stored, with their media. */
export function batchItems(ws: Workstation, assignmentId: string): Array<{ id: string; media: Array<{ sha256: string }> }> {
  return ws
    .rows<{ payload: string }>('SELECT payload FROM items WHERE assignment_id = ? ORDER BY position', assignmentId)
    .map((r) => JSON.parse(r.payload));
}

/** Items with at least one image a preview may be served of (analysed, no child-safety match). */
export function imageItems(views: readonly ItemView[]): ItemView[] {
  return views.filter((v) => v.signals.media.some((m) => m.status === 'analysed' && !m.bankMatches.some((b) => b.category === 'child_safety')));
}

export const statusOf = (ws: Workstation) => ws.ok<WellnessStatus>('wellness.status');

export { DEFAULT_WELLNESS_POLICY };
