import { describe, expect, it } from 'vitest';
import { ApiError, type SyncStatus, type WorkstationEvent } from '../../../electron/api';
import { reconnectDelayMs } from '../../../renderer/api/backoff';
import { createWebClient, hostUnreachableMessage, type EventSocket, type WebClientOptions } from '../../../renderer/api/webClient';

const origin = 'http://127.0.0.1:5710';
const token = 'ab'.repeat(16);
const sha = 'c'.repeat(64);

interface Seen {
  url: string;
  init: RequestInit;
}

function fakeFetch(answer: (seen: Seen) => Response | Promise<Response>) {
  const seen: Seen[] = [];
  const fetch = (async (url: string | URL | Request, init?: RequestInit) => {
    const entry = { url: String(url), init: init ?? {} };
    seen.push(entry);
    return answer(entry);
  }) as typeof globalThis.fetch;
  return { fetch, seen };
}

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

const account = { id: 'a1', username: 'mod1', displayName: 'Mod One', role: 'moderator' as const, teamId: 'team-1', childSafetyCleared: true };
const syncStatus: SyncStatus = { online: true, pendingUploads: 2, lastSyncAt: null, lastError: null, conflicts: [] };

function client(options: Partial<WebClientOptions>) {
  return createWebClient({ origin, token, ...options });
}

async function rejection(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

describe('web client calls', () => {
  it('POSTs JSON to /api/<call> with the bearer token and returns the output', async () => {
    const { fetch, seen } = fakeFetch(() => json(200, { account }));
    const out = await client({ fetch }).call('session.login', { username: 'mod1', password: 'pw' });
    expect(out.account).toEqual(account);
    expect(seen).toHaveLength(1);
    expect(seen[0]?.url).toBe(`${origin}/api/session.login`);
    expect(seen[0]?.init.method).toBe('POST');
    expect(seen[0]?.init.headers).toMatchObject({
      Authorization: `Bearer ${token}`,
      'Content-Type': 'application/json',
    });
    expect(JSON.parse(String(seen[0]?.init.body))).toEqual({ username: 'mod1', password: 'pw' });
  });

  it('turns an error body into the same ApiError, field included', async () => {
    const { fetch } = fakeFetch(() => json(400, { error: { code: 'bad_request', message: 'Enter a username', field: 'username' } }));
    const error = await rejection(client({ fetch }).call('session.login', { username: '', password: 'x' }));
    expect(error.code).toBe('bad_request');
    expect(error.message).toBe('Enter a username');
    expect(error.field).toBe('username');
  });

  it.each([
    [401, 'unauthenticated'],
    [403, 'forbidden'],
    [409, 'conflict'],
    [503, 'upstream_unavailable'],
  ] as const)('keeps the code of a %i error body', async (status, code) => {
    const { fetch } = fakeFetch(() => json(status, { error: { code, message: `the ${code} message` } }));
    const error = await rejection(client({ fetch }).call('queue.state', {}));
    expect(error.code).toBe(code);
    expect(error.message).toBe(`the ${code} message`);
  });

  it('maps a bare HTTP status to its code when the body explains nothing', async () => {
    const { fetch } = fakeFetch(() => new Response('Bad gateway', { status: 401 }));
    const error = await rejection(client({ fetch }).call('queue.state', {}));
    expect(error.code).toBe('unauthenticated');
    expect(error.message).toContain('HTTP 401');
  });

  it('rejects an error body with an unknown code rather than trusting it', async () => {
    const { fetch } = fakeFetch(() => json(500, { error: { code: 'teapot', message: 'short and stout' } }));
    const error = await rejection(client({ fetch }).call('queue.state', {}));
    expect(error.code).toBe('internal');
  });

  it('reports a network failure as the host being unreachable', async () => {
    const fetch = (async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof globalThis.fetch;
    const error = await rejection(client({ fetch }).call('session.current', {}));
    expect(error.code).toBe('upstream_unavailable');
    expect(error.message).toBe(hostUnreachableMessage);
  });

  it('refuses an answer that does not match the contract', async () => {
    const { fetch } = fakeFetch(() => json(200, { account: { id: 1 } }));
    const error = await rejection(client({ fetch }).call('session.current', {}));
    expect(error.code).toBe('internal');
    expect(error.message).toContain('session.current');
  });
});

describe('web client previews', () => {
  it('GETs the blurred preview with the token and hands back a blob URL', async () => {
    const { fetch, seen } = fakeFetch(() => new Response(new Uint8Array([1, 2, 3]), { status: 200, headers: { 'Content-Type': 'image/webp' } }));
    const made: Blob[] = [];
    const revoked: string[] = [];
    const api = client({
      fetch,
      blobUrls: {
        create: (blob) => {
          made.push(blob);
          return `blob:${origin}/1`;
        },
        revoke: (url) => revoked.push(url),
      },
    });
    const url = await api.previewUrl({ itemId: 'item 7', sha256: sha, tier: 'heavy', grayscale: true });
    expect(url).toBe(`blob:${origin}/1`);
    expect(seen[0]?.url).toBe(`${origin}/preview/item%207/${sha}?tier=heavy&grayscale=1`);
    expect(seen[0]?.init.method).toBe('GET');
    expect(seen[0]?.init.headers).toMatchObject({ Authorization: `Bearer ${token}` });
    expect(made[0]?.size).toBe(3);

    api.releasePreviewUrl(url);
    api.releasePreviewUrl('workstation-media://preview/x');
    expect(revoked).toEqual([url]);
  });

  it('asks for colour only when told to', async () => {
    const { fetch, seen } = fakeFetch(() => new Response(new Uint8Array([1]), { status: 200 }));
    await client({ fetch, blobUrls: { create: () => 'blob:x', revoke: () => undefined } }).previewUrl({
      itemId: 'i',
      sha256: sha,
      tier: 'pixelate',
      grayscale: false,
    });
    expect(seen[0]?.url).toMatch(/\?tier=pixelate&grayscale=0$/);
  });

  it('sends the revealId a clear image is asked under', async () => {
    const { fetch, seen } = fakeFetch(() => new Response(new Uint8Array([1]), { status: 200 }));
    await client({ fetch, blobUrls: { create: () => 'blob:x', revoke: () => undefined } }).previewUrl({
      itemId: 'i',
      sha256: sha,
      tier: 'clear',
      grayscale: true,
      revealId: 'rv 1',
    });
    expect(seen[0]?.url).toMatch(/\?tier=clear&grayscale=1&revealId=rv\+1$/);
  });

  it('fails a preview the host refuses with the host’s error', async () => {
    const { fetch } = fakeFetch(() => json(404, { error: { code: 'not_found', message: 'No such media in this batch.' } }));
    const error = await rejection(client({ fetch }).previewUrl({ itemId: 'i', sha256: sha, tier: 'heavy', grayscale: true }));
    expect(error.code).toBe('not_found');
  });
});

class FakeSocket implements EventSocket {
  onopen: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: ((event: unknown) => void) | null = null;
  closed = false;
  constructor(readonly url: string) {}
  close() {
    this.closed = true;
  }
  open() {
    this.onopen?.({});
  }
  send(data: unknown) {
    this.onmessage?.({ data });
  }
  drop() {
    this.onclose?.({});
  }
}

function eventHarness() {
  const sockets: FakeSocket[] = [];
  const timers: { run: () => void; ms: number; cleared: boolean }[] = [];
  const { fetch } = fakeFetch(() => json(200, syncStatus));
  const api = client({
    fetch,
    openSocket: (url) => {
      const socket = new FakeSocket(url);
      sockets.push(socket);
      return socket;
    },
    random: () => 0.5,
    setTimer: (run, ms) => {
      const timer = { run, ms, cleared: false };
      timers.push(timer);
      return timer;
    },
    clearTimer: (handle) => {
      (handle as { cleared: boolean }).cleared = true;
    },
  });
  return { api, sockets, timers };
}

describe('web client events', () => {
  it('opens one socket with the token and delivers valid events to every listener', () => {
    const { api, sockets } = eventHarness();
    const a: WorkstationEvent[] = [];
    const b: WorkstationEvent[] = [];
    api.subscribe((e) => a.push(e));
    api.subscribe((e) => b.push(e));
    expect(sockets).toHaveLength(1);
    expect(sockets[0]?.url).toBe(`ws://127.0.0.1:5710/events?token=${token}`);

    sockets[0]?.open();
    sockets[0]?.send(JSON.stringify({ type: 'queue.changed' }));
    sockets[0]?.send('not json');
    sockets[0]?.send(JSON.stringify({ type: 'mystery' }));
    sockets[0]?.send(JSON.stringify({ type: 'sync.status', status: syncStatus }));
    expect(a).toEqual([{ type: 'queue.changed' }, { type: 'sync.status', status: syncStatus }]);
    expect(b).toEqual(a);
  });

  it('reconnects with growing delays and catches listeners up after a drop', async () => {
    const { api, sockets, timers } = eventHarness();
    const seen: WorkstationEvent[] = [];
    api.subscribe((e) => seen.push(e));
    sockets[0]?.open();

    sockets[0]?.drop();
    expect(timers.map((t) => t.ms)).toEqual([reconnectDelayMs(0, { baseMs: 500, maxMs: 15_000 }, () => 0.5)]);
    timers[0]?.run();
    expect(sockets).toHaveLength(2);
    sockets[1]?.drop();
    timers[1]?.run();
    expect(timers[1]?.ms).toBeGreaterThan(timers[0]?.ms ?? Infinity);

    sockets[2]?.open();
    expect(seen).toEqual([{ type: 'queue.changed' }]);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(seen).toEqual([{ type: 'queue.changed' }, { type: 'sync.status', status: syncStatus }]);

    sockets[2]?.drop();
    expect(timers[2]?.ms).toBe(timers[0]?.ms);
  });

  it('closes the socket and stops reconnecting when the last listener leaves', () => {
    const { api, sockets, timers } = eventHarness();
    const stopA = api.subscribe(() => undefined);
    const stopB = api.subscribe(() => undefined);
    sockets[0]?.open();
    stopA();
    expect(sockets[0]?.closed).toBe(false);
    stopB();
    expect(sockets[0]?.closed).toBe(true);
    sockets[0]?.drop();
    expect(timers).toHaveLength(0);
  });
});

describe('reconnectDelayMs', () => {
  const policy = { baseMs: 500, maxMs: 15_000 };
  it('doubles per attempt within a jitter band and stops at the cap', () => {
    expect(reconnectDelayMs(0, policy, () => 0)).toBe(250);
    expect(reconnectDelayMs(0, policy, () => 0.999999)).toBe(500);
    expect(reconnectDelayMs(3, policy, () => 0)).toBe(2_000);
    expect(reconnectDelayMs(30, policy, () => 0)).toBe(7_500);
    expect(reconnectDelayMs(30, policy, () => 0.999999)).toBe(15_000);
  });
});
