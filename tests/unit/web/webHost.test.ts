import { mkdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { eventSchema, type QueueState, type WorkstationEvent } from '../../../electron/api';
import { createCore, type Core } from '../../../electron/core';
import { createTestPlatform } from '../../../electron/core/platform/testing';
import { startWebHost, type WebHost } from '../../../electron/web';
import { startUpstream, type Upstream } from '../../../upstream';
import { decidableItems } from '../../support/analysed';
import { tempDir } from '../store/fixtures';
import { rowCounts, storeRootKeyOf } from '../../support/storeFile';

const INDEX_HTML = '<!doctype html><title>workstation test page</title>';

let tmp: ReturnType<typeof tempDir>;
let upstream: Upstream;
let core: Core;
let host: WebHost;
let dbFile: string;
/** The key the core encrypted its database with, for reading the file behind its back. */
let rootKey: string;
let hostHeader: string;

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  body: any;
}

/**
 * A raw request over node:http, so the test controls every header (Host, Origin) and the exact
 * path on the wire; fetch would normalise both.
 */
function request(
  method: string,
  rawPath: string,
  options: { headers?: Record<string, string>; body?: string; token?: string | null } = {},
): Promise<Reply> {
  const token = options.token === undefined ? host.token : options.token;
  const headers: Record<string, string> = { host: hostHeader, ...options.headers };
  if (token !== null) headers.authorization = `Bearer ${token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const { port } = new URL(host.url);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: Number(port), method, path: rawPath, headers, setHost: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const isJson = res.headers['content-type']?.startsWith('application/json') ?? false;
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, body: isJson ? JSON.parse(text) : undefined });
      });
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

const call = (name: string, input: unknown = {}, options: Parameters<typeof request>[2] = {}) =>
  request('POST', `/api/${name}`, { body: JSON.stringify(input), ...options });

/** Counts rows in the core's own file through a separate read-only connection. */
const rowCount = (table: string): number => rowCounts(dbFile, rootKey, [table])[table]!;

beforeAll(async () => {
  tmp = tempDir('web-host');
  const staticDir = path.join(tmp.dir, 'static');
  mkdirSync(staticDir);
  writeFileSync(path.join(staticDir, 'index.html'), INDEX_HTML);
  writeFileSync(path.join(staticDir, 'app.js'), 'console.log(1);');
  // A secret beside the static folder, under a name that shares its prefix.
  mkdirSync(path.join(tmp.dir, 'static-private'));
  writeFileSync(path.join(tmp.dir, 'static-private', 'secret.txt'), 'do not serve');
  upstream = await startUpstream({ port: 0, size: 12, seed: 3 });
  dbFile = path.join(tmp.dir, 'data', 'workstation.db');
  const platform = createTestPlatform(path.join(tmp.dir, 'data'));
  core = await createCore({ platform, upstreamUrl: upstream.url, dbFile, undoMs: 60_000, syncPollMs: 3_600_000 });
  rootKey = await storeRootKeyOf(platform.keychain);
  host = await startWebHost({ core, staticDir, log: platform.log, token: 'test-token-0123456789' });
  hostHeader = new URL(host.url).host;
  // Starting the reference upstream (PGlite, migrations, demo seed) takes seconds on a loaded 2-core machine.
}, 60_000);

afterAll(async () => {
  await host?.close();
  await core?.close();
  await upstream?.close();
  tmp?.remove();
});

describe('web host: bad input', () => {
  it('refuses every bad request with the right status, then still serves, and nothing was written', async () => {
    const malformed = await call('session.login', { username: 42, password: 'demo' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error).toMatchObject({ code: 'bad_request', field: 'username' });
    expect(malformed.body.error.message).toContain('field "username"');

    const extra = await call('session.login', { username: 'mod1', password: 'demo', admin: true });
    expect(extra.status).toBe(400);
    expect(extra.body.error.code).toBe('bad_request');

    const notJson = await request('POST', '/api/session.login', { body: '{"username": "mod1",' });
    expect(notJson.status).toBe(400);
    expect(notJson.body.error).toEqual({ code: 'bad_request', message: 'The request body is not valid JSON.' });

    const tooBig = await request('POST', '/api/session.login', { body: JSON.stringify({ username: 'x'.repeat(1024 * 1024 + 1) }) });
    expect(tooBig.status).toBe(400);

    const noToken = await call('session.current', {}, { token: null });
    expect(noToken.status).toBe(401);
    expect(noToken.body.error.code).toBe('unauthenticated');

    const wrongToken = await call('session.current', {}, { token: 'test-token-0123456788' });
    expect(wrongToken.status).toBe(401);
    const shortToken = await call('session.current', {}, { token: 'test' });
    expect(shortToken.status).toBe(401);

    const wrongOrigin = await call('session.current', {}, { headers: { origin: 'http://evil.example' } });
    expect(wrongOrigin.status).toBe(403);
    expect(wrongOrigin.body.error).toMatchObject({ code: 'forbidden', message: 'Origin http://evil.example may not call this workstation.' });

    const rebinding = await call('session.current', {}, { headers: { host: `evil.example:${new URL(host.url).port}` } });
    expect(rebinding.status).toBe(403);
    expect(rebinding.body.error.code).toBe('forbidden');

    const unknown = await call('review.deleteEverything');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toEqual({ code: 'not_found', message: 'There is no API call named "review.deleteEverything".' });

    for (const inherited of ['__proto__', 'constructor', 'toString']) {
      expect((await call(inherited)).status, inherited).toBe(404);
    }

    const badEscape = await request('POST', '/api/review.%E0%A4%A', { body: '{}' });
    expect(badEscape.status).toBe(400);
    expect(badEscape.body.error.message).toBe('The request path has a malformed escape: review.%E0%A4%A');

    const badPreview = await request('GET', '/preview/%E0%A4%A/abc?tier=heavy');
    expect(badPreview.status).toBe(400);
    const clearPreview = await request('GET', `/preview/item-1/${'a'.repeat(64)}?tier=clear`);
    expect(clearPreview.status).toBe(400);
    expect(clearPreview.body.error.field).toBe('revealId');

    const getCall = await request('GET', '/api/session.current');
    expect(getCall.status).toBe(404);

    const anonymousDecide = await call('review.decide', { itemId: 'x', action: 'approve', reasonCode: null, note: null });
    expect(anonymousDecide.status).toBe(401);

    const supervisor = await call('session.login', { username: 'supervisor1', password: 'demo' });
    expect(supervisor.status).toBe(200);
    expect(supervisor.body.account.role).toBe('supervisor');
    const forbidden = await call('review.decide', { itemId: 'x', action: 'approve', reasonCode: null, note: null });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error.message).toContain('supervisor1 is signed in as supervisor');
    expect((await call('queue.lease', { size: 2 })).status).toBe(403);

    const wrongPassword = await call('session.login', { username: 'mod1', password: 'nope' });
    expect(wrongPassword.status).toBe(401);
    expect(wrongPassword.body.error.field).toBe('password');

    const good = await call('session.current');
    expect(good.status).toBe(200);
    expect(good.body.account.username).toBe('supervisor1');
    expect(good.headers['cache-control']).toBe('no-store');

    expect(rowCount('decisions')).toBe(0);
    expect(rowCount('outbox')).toBe(0);
    expect(rowCount('assignments')).toBe(0);
    expect((await call('session.logout')).status).toBe(200);
  });
});

describe('web host: static files', () => {
  it('serves index.html at / and for client routes, with the CSP header', async () => {
    for (const route of ['/', '/queue/item-1']) {
      const page = await request('GET', route, { token: null });
      expect(page.status).toBe(200);
      expect(page.text).toBe(INDEX_HTML);
      expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
      const csp = page.headers['content-security-policy'];
      expect(csp).toContain("default-src 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain(`connect-src 'self' ws://${hostHeader}`);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(page.headers['x-content-type-options']).toBe('nosniff');
    }
    const script = await request('GET', '/app.js', { token: null });
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(script.headers['content-security-policy']).toBeDefined();
  });

  it('refuses paths that climb out of the static folder', async () => {
    for (const attempt of [
      '/../package.json',
      '/%2e%2e/package.json',
      '/..%2fpackage.json',
      '/..%2f..%2f..%2fetc%2fpasswd',
      '/../static-private/secret.txt',
      '/..%2fstatic-private%2fsecret.txt',
      '/%2e%2e%2fstatic-private/secret.txt',
    ]) {
      const reply = await request('GET', attempt, { token: null });
      expect(reply.status, attempt).toBe(404);
      expect(reply.text, attempt).not.toContain('do not serve');
      expect(reply.text, attempt).not.toContain('"name"');
    }
  });

  it('answers a malformed path with a client error, not a server error', async () => {
    for (const attempt of ['/%E0%A4%A', '/app.js%00.png']) {
      const reply = await request('GET', attempt, { token: null });
      expect(reply.status, attempt).toBeGreaterThanOrEqual(400);
      expect(reply.status, attempt).toBeLessThan(500);
    }
  });

  it('refuses other methods on static paths', async () => {
    expect((await request('DELETE', '/', { token: null })).status).toBe(404);
  });
});

describe('web host: event socket', () => {
  const wsUrl = (token: string | null) => `${host.url.replace('http', 'ws')}/events${token === null ? '' : `?token=${token}`}`;

  /** Resolves with the HTTP status of a refused upgrade, or 101 once the socket opens. */
  function connect(token: string | null, origin?: string): Promise<{ status: number; socket: WebSocket }> {
    const socket = new WebSocket(wsUrl(token), origin === undefined ? {} : { origin });
    return new Promise((resolve, reject) => {
      socket.once('open', () => resolve({ status: 101, socket }));
      socket.once('unexpected-response', (_req, res) => {
        resolve({ status: res.statusCode ?? 0, socket });
        socket.terminate();
      });
      socket.once('error', reject);
    });
  }

  it('refuses an upgrade without the token, with a wrong token or from a foreign origin', async () => {
    expect((await connect(null)).status).toBe(403);
    expect((await connect('wrong-token-0123456789')).status).toBe(403);
    expect((await connect(host.token, 'http://evil.example')).status).toBe(403);
  });

  it('accepts the token with the host’s own origin and pushes sync.status after a decision', async () => {
    const { status, socket } = await connect(host.token, host.origin);
    expect(status).toBe(101);
    const events: WorkstationEvent[] = [];
    const syncStatus = new Promise<WorkstationEvent>((resolve) => {
      socket.on('message', (data) => {
        const event = eventSchema.parse(JSON.parse(String(data)));
        events.push(event);
        if (event.type === 'sync.status' && event.status.pendingUploads > 0) resolve(event);
      });
    });

    expect((await call('session.login', { username: 'mod1', password: 'demo' })).status).toBe(200);
    const queue = await call('queue.lease', { size: 3 });
    expect(queue.status).toBe(200);
    const [itemId] = await decidableItems(
      async (name, input) => (await call(name, input)).body,
      (queue.body as QueueState).items.map((i) => i.id),
    );
    const decided = await call('review.decide', { itemId, action: 'approve', reasonCode: null, note: null });
    expect(decided.status).toBe(200);
    expect(decided.body.decision).toMatchObject({ itemId, upload: 'undoable' });

    const event = await syncStatus;
    expect(event).toMatchObject({ type: 'sync.status', status: { pendingUploads: 1 } });
    expect(events.some((e) => e.type === 'queue.changed')).toBe(true);
    expect(rowCount('decisions')).toBe(1);
    socket.close();
  });
});

describe('web host: typed text', () => {
  it('refuses a NUL or another control character in any typed field with a 400 naming it, and writes nothing', async () => {
    expect((await call('session.login', { username: 'mod1', password: 'demo' })).status).toBe(200);
    const queue = await call('queue.state');
    expect(queue.status).toBe(200);
    const [itemId] = await decidableItems(
      async (name, input) => (await call(name, input)).body,
      (queue.body as QueueState).items.map((i) => i.id),
    );
    const before = { decisions: rowCount('decisions'), actions: rowCount('enforcement_actions'), outbox: rowCount('outbox') };

    const cases: Array<[string, unknown, string]> = [
      ['review.decide', { itemId, action: 'approve', reasonCode: null, note: 'fine\u0000not fine' }, 'note'],
      ['review.decide', { itemId, action: 'approve', reasonCode: null, note: 'escape \u001b[2J' }, 'note'],
      [
        'actions.apply',
        { kind: 'content', action: 'remove_content', itemIds: [itemId], accountId: null, reasonCode: 'SPAM-1', note: '\u0000' },
        'note',
      ],
      [
        'actions.apply',
        {
          kind: 'content',
          action: 'label_content',
          itemIds: [itemId],
          accountId: null,
          reasonCode: 'VIOL-1',
          params: { label: 'gore\u0007' },
          note: null,
        },
        'params.label',
      ],
      ['escalation.update', { draftId: 'any-draft', patch: { report: { additionalInfo: 'saw\u0000it' } } }, 'patch.report.additionalInfo'],
      [
        'escalation.update',
        { draftId: 'any-draft', patch: { report: { relatedAccounts: [{ relationship: 'sender\ud800' }] } } },
        'patch.report.relatedAccounts.0.relationship',
      ],
      ['session.login', { username: 'mod1\u0000', password: 'demo' }, 'username'],
    ];
    for (const [name, input, field] of cases) {
      const reply = await call(name, input);
      expect(reply.status, `${name} ${field}`).toBe(400);
      expect(reply.body.error).toMatchObject({ code: 'bad_request', field });
      expect(reply.body.error.message).toContain(`field "${field}"`);
    }
    expect({ decisions: rowCount('decisions'), actions: rowCount('enforcement_actions'), outbox: rowCount('outbox') }).toEqual(before);

    // Lines and tabs are ordinary text in a note.
    const decided = await call('review.decide', { itemId, action: 'approve', reasonCode: null, note: 'line one\n\tline two' });
    expect(decided.status).toBe(200);
    expect(decided.body.decision.note).toBe('line one\n\tline two');
  });
});
