import { createHash } from 'node:crypto';
import type { DecisionEntry } from '@workstation/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUpstreamClient, UpstreamError, type UpstreamClient } from '../../../electron/core/sync';
import { reviewItem } from '../store/fixtures';
import { json, startLocalServer, type LocalServer } from './localServer';

let server: LocalServer;
let client: UpstreamClient;

beforeAll(async () => {
  server = await startLocalServer((_req, res) => json(res, 404, { error: { code: 'not_found', message: 'no route' } }));
  client = createUpstreamClient({ baseUrl: `${server.url}/`, timeoutMs: 2_000 });
});

afterAll(() => server.close());

/** The UpstreamError a call rejects with (failing the test if it resolves or throws anything else). */
async function failure(call: Promise<unknown>): Promise<UpstreamError> {
  const error = await call.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UpstreamError);
  return error as UpstreamError;
}

const upload = (key: string): DecisionEntry => ({
  idempotencyKey: key,
  itemId: `item-${key}`,
  assignmentId: 'asg-1',
  action: 'approve',
  reasonCode: null,
  note: null,
  decidedAt: '2025-03-01T12:00:00.000Z',
  supersedes: null,
});

describe('upstream client', () => {
  it('sends the bearer token and returns the validated reply', async () => {
    const codes = [{ code: 'SPAM-1', label: 'Spam', category: 'spam', description: 'd', actions: ['remove_content'] }];
    server.respond((_req, res) => json(res, 200, { version: 4, reasonCodes: codes }));
    expect(await client.policy('tok-1')).toEqual({ version: 4, reasonCodes: codes });
    expect(server.seen.at(-1)).toMatchObject({ method: 'GET', path: '/policy', authorization: 'Bearer tok-1' });
  });

  it('refuses malformed JSON as a protocol error: a failed upload, not one the upstream refused', async () => {
    server.respond((_req, res) => json(res, 200, '{"version": 4, "reasonCodes": ['));
    const error = await failure(client.policy('tok'));
    expect(error.failure.kind).toBe('protocol');
    expect(error.message).toMatch(/malformed JSON for policy/);
    expect(error.uploadFailure).toBe('failed');
  });

  it('refuses a reply with a missing field, naming the field', async () => {
    server.respond((_req, res) => json(res, 200, { assignment: { id: 'asg-1', items: [reviewItem('i1')] } }));
    const error = await failure(client.lease('tok', 5));
    expect(error.failure.kind).toBe('protocol');
    expect(error.message).toMatch(/leased batch .*assignment\.leaseExpiresAt/);
    expect(server.seen.at(-1)).toMatchObject({ method: 'POST', path: '/assignments/lease', body: { size: 5 } });
  });

  it('names a bad field nested inside an item', async () => {
    const item = { ...reviewItem('i1'), kind: 'tweet' };
    server.respond((_req, res) => json(res, 200, { assignment: { id: 'asg-1', leaseExpiresAt: 'x', items: [item] } }));
    const error = await failure(client.lease('tok', 5));
    expect(error.message).toMatch(/assignment\.items\.0\.kind/);
  });

  it('parses Retry-After seconds on 429 and takes it for the upstream being unreachable for now', async () => {
    server.respond((_req, res) => json(res, 429, { error: { code: 'rate_limited', message: 'Slow down' } }, { 'retry-after': '7' }));
    const error = await failure(client.uploadDecisions('tok', [upload('k1')]));
    expect(error.failure).toEqual({ kind: 'http', status: 429, code: 'rate_limited', message: 'Slow down', retryAfterMs: 7_000 });
    expect(error.uploadFailure).toBe('unreachable');
  });

  it('parses Retry-After given as an HTTP date', async () => {
    const target = Date.now() + 120_000;
    const header = new Date(target).toUTCString();
    server.respond((_req, res) => json(res, 503, { error: { code: 'maintenance' } }, { 'retry-after': header }));
    const before = Date.now();
    const error = await failure(client.policy('tok'));
    const after = Date.now();
    const wait = error.failure.kind === 'http' ? error.failure.retryAfterMs : null;
    // toUTCString drops milliseconds, so the parsed date is up to 1 s before the target.
    expect(wait).toBeGreaterThanOrEqual(target - 1_000 - after);
    expect(wait).toBeLessThanOrEqual(target - before);
    // A 503 says the upstream is not taking anything for now, not that these entries are at fault.
    expect(error.uploadFailure).toBe('unreachable');
  });

  it('calls a 500 a failed upload and keeps a status-based message for a non-JSON body', async () => {
    server.respond((_req, res) => {
      res.writeHead(500, { 'content-type': 'text/html' });
      res.end('<html>bad gateway</html>');
    });
    const error = await failure(client.policy('tok'));
    expect(error.failure).toMatchObject({ kind: 'http', status: 500, code: 'http_500', retryAfterMs: null });
    expect(error.message).toBe('The upstream answered 500 to GET /policy');
    expect(error.uploadFailure).toBe('failed');
  });

  it('calls a 400 a refusal of what was sent, keeping the field it names, but not a 401, 403 or 404', async () => {
    server.respond((_req, res) => json(res, 400, { error: { code: 'bad_request', message: 'entries.3.note: no', field: 'entries.3.note' } }));
    const refusal = await failure(client.uploadDecisions('tok', [upload('k1')]));
    expect(refusal.uploadFailure).toBe('refused');
    expect(refusal.failure).toMatchObject({ kind: 'http', status: 400, code: 'bad_request', field: 'entries.3.note' });
    for (const status of [401, 403, 404]) {
      server.respond((_req, res) => json(res, status, { error: { code: 'nope', message: 'not about the entries' } }));
      expect((await failure(client.uploadDecisions('tok', [upload('k1')]))).uploadFailure, String(status)).toBe('failed');
    }
  });

  it('reports an unreachable upstream as a network failure', async () => {
    const closed = await startLocalServer(() => undefined);
    await closed.close();
    const error = await failure(createUpstreamClient({ baseUrl: closed.url }).policy('tok'));
    expect(error.failure.kind).toBe('network');
    expect(error.message).toContain(`The upstream at ${closed.url} is unreachable (GET /policy)`);
    expect(error.uploadFailure).toBe('unreachable');
  });

  it('sends an upload again once when its connection is cut before any answer, but never a lease', async () => {
    let cut = 0;
    server.respond((req, res) => {
      if (cut++ % 2 === 0) {
        res.socket?.destroy();
        return;
      }
      const { entries } = req.body as { entries: DecisionEntry[] };
      json(res, 200, { results: entries.map((e) => ({ idempotencyKey: e.idempotencyKey, status: 'accepted' })) });
    });
    const before = server.seen.length;
    const results = await client.uploadDecisions('tok', [upload('c')]);
    expect(results.map((r) => r.status)).toEqual(['accepted']);
    expect(server.seen.length - before).toBe(2);
    // A second lease could lease a second batch: the cut connection is the caller's to handle.
    cut = 0;
    const error = await failure(client.lease('tok', 5));
    expect(error.failure.kind).toBe('network');
    expect(server.seen.length - before).toBe(3);
  });

  it('gives up on a server that never answers after the timeout, as a network failure', async () => {
    server.respond(() => undefined);
    const error = await failure(createUpstreamClient({ baseUrl: server.url, timeoutMs: 100 }).policy('tok'));
    expect(error.failure.kind).toBe('network');
  });

  it('accepts media whose bytes hash to the requested sha256', async () => {
    const bytes = Buffer.from('pretend this is a PNG');
    const sha = createHash('sha256').update(bytes).digest('hex');
    server.respond((_req, res) => {
      res.writeHead(200, { 'content-type': 'image/png' });
      res.end(bytes);
    });
    const media = await client.media('tok', sha);
    expect(media.mimeType).toBe('image/png');
    expect(media.bytes.equals(bytes)).toBe(true);
    expect(server.seen.at(-1)?.path).toBe(`/media/${sha}`);
  });

  it('refuses media whose bytes do not hash to the requested sha256', async () => {
    const claimed = createHash('sha256').update('the original').digest('hex');
    const tampered = Buffer.from('something else');
    server.respond((_req, res) => {
      res.writeHead(200, { 'content-type': 'image/png' });
      res.end(tampered);
    });
    const error = await failure(client.media('tok', claimed));
    expect(error.failure.kind).toBe('protocol');
    expect(error.message).toContain(`Media ${claimed} arrived with content hashing to ${createHash('sha256').update(tampered).digest('hex')}`);
  });

  it('returns one result per uploaded decision', async () => {
    server.respond((req, res) => {
      const { entries } = req.body as { entries: DecisionEntry[] };
      json(res, 200, { results: entries.map((e) => ({ idempotencyKey: e.idempotencyKey, status: 'accepted' })) });
    });
    const results = await client.uploadDecisions('tok', [upload('a'), upload('b')]);
    expect(results.map((r) => [r.idempotencyKey, r.status])).toEqual([
      ['a', 'accepted'],
      ['b', 'accepted'],
    ]);
    expect(server.seen.at(-1)?.body).toEqual({ entries: [upload('a'), upload('b')] });
  });

  it('refuses a batch reply that leaves out an entry or names a key it was not sent', async () => {
    server.respond((_req, res) => json(res, 200, { results: [{ idempotencyKey: 'a', status: 'accepted' }] }));
    expect((await failure(client.uploadDecisions('tok', [upload('a'), upload('b')]))).failure.kind).toBe('protocol');
    server.respond((_req, res) =>
      json(res, 200, {
        results: [
          { idempotencyKey: 'a', status: 'accepted' },
          { idempotencyKey: 'zzz', status: 'accepted' },
        ],
      }),
    );
    expect((await failure(client.uploadDecisions('tok', [upload('a'), upload('b')]))).failure.kind).toBe('protocol');
  });

  it('refuses an unknown result status', async () => {
    server.respond((_req, res) => json(res, 200, { results: [{ idempotencyKey: 'a', status: 'maybe' }] }));
    const error = await failure(client.uploadDecisions('tok', [upload('a')]));
    expect(error.message).toMatch(/results\.0\.status/);
  });
});
