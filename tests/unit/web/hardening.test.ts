import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { WorkstationEvent } from '../../../electron/api';
import { startWebHost, type WebHost } from '../../../electron/web';

/** A core that answers every call with {ok: true} and lets the test push events. */
function fakeCore() {
  const listeners = new Set<(event: WorkstationEvent) => void>();
  return {
    dispatch: async () => ({ ok: true }),
    preview: async () => ({ mimeType: 'image/png', bytes: Buffer.from('png') }),
    subscribe(listener: (event: WorkstationEvent) => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

let host: WebHost | null = null;
afterEach(async () => {
  await host?.close();
  host = null;
});

async function start(rateLimit?: { capacity: number; perSecond: number }): Promise<WebHost> {
  const staticDir = mkdtempSync(path.join(os.tmpdir(), 'web-hardening-'));
  writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html>');
  host = await startWebHost({ core: fakeCore(), staticDir, log: () => {}, token: 'hardening-token-0123', rateLimit });
  return host;
}

const call = (h: WebHost, name: string) =>
  fetch(`${h.url}/api/${name}`, { method: 'POST', headers: { authorization: `Bearer ${h.token}` }, body: '{}' });

it('answers 429 once a window floods the host, and serves again after a pause', async () => {
  const h = await start({ capacity: 5, perSecond: 5 });
  const statuses = [];
  for (let i = 0; i < 8; i++) statuses.push((await call(h, 'session.current')).status);
  expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
  expect(statuses.slice(5)).toContain(429);
  const refused = await call(h, 'session.current');
  if (refused.status === 429) expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('too_many_requests');
  await new Promise((resolve) => setTimeout(resolve, 1_100));
  expect((await call(h, 'session.current')).status).toBe(200);
});

it('closes the event socket when the window signs out', async () => {
  const h = await start();
  const socket = new WebSocket(`${h.url.replace('http', 'ws')}/events?token=${h.token}`, { headers: { origin: h.origin } });
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
  expect((await call(h, 'session.logout')).status).toBe(200);
  expect(await closed).toBe(1000);
});
