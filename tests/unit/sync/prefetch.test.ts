import { createHash } from 'node:crypto';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReviewItem } from '../../../electron/api';
import { openStore, type Store } from '../../../electron/core/store';
import { createUpstreamClient, prefetchMedia } from '../../../electron/core/sync';
import { T0, reviewItem, tempDir } from '../store/fixtures';
import { startLocalServer, type LocalServer } from './localServer';

const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const files = ['one', 'two', 'three'].map((name) => Buffer.from(`image bytes ${name}`));
const tampered = sha(Buffer.from('what the item says it shows'));

function withMedia(id: string, hashes: string[]): ReviewItem {
  return { ...reviewItem(id), media: hashes.map((h) => ({ sha256: h, mimeType: 'image/png', width: 1, height: 1, byteLength: 1 })) };
}

let tmp: ReturnType<typeof tempDir>;
let store: Store;
let server: LocalServer;
let lines: string[];

const deps = () => ({
  store,
  client: createUpstreamClient({ baseUrl: server.url }),
  clock: () => new Date(T0),
  log: (line: string) => lines.push(line),
});

beforeEach(async () => {
  tmp = tempDir('prefetch');
  store = openStore(path.join(tmp.dir, 'workstation.db'));
  lines = [];
  server = await startLocalServer((req, res) => {
    const wanted = req.path.slice('/media/'.length);
    const bytes = wanted === tampered ? Buffer.from('something else') : files.find((f) => sha(f) === wanted);
    res.writeHead(bytes ? 200 : 404, { 'content-type': 'image/png' });
    res.end(bytes ?? '');
  });
});

afterEach(async () => {
  await server.close();
  store.close();
  tmp.remove();
});

describe('prefetchMedia', () => {
  it('downloads what is not cached yet, skips what is, and logs (not throws) a refused download', async () => {
    const [one, two, three] = files.map(sha) as [string, string, string];
    store.putMedia({ sha256: one, mimeType: 'image/png', bytes: files[0]! }, new Date(T0).toISOString());
    const fetched = await prefetchMedia(deps(), 'tok', [withMedia('i1', [one, two]), withMedia('i2', [tampered, three])]);

    expect(fetched).toBe(2);
    expect(store.hasMedia(two) && store.hasMedia(three)).toBe(true);
    expect(store.hasMedia(tampered)).toBe(false);
    expect(server.seen.map((r) => r.path).sort()).toEqual([`/media/${tampered}`, `/media/${three}`, `/media/${two}`].sort());
    expect(lines).toEqual([expect.stringContaining(`prefetch of media ${tampered} for item i2 failed`)]);
  });

  it('tells of each item once, when all its media were tried (failed ones too), so its analysis can start', async () => {
    const [one, two, three] = files.map(sha) as [string, string, string];
    const told: Array<{ id: string; stored: boolean }> = [];
    const items = [withMedia('i1', [one, two]), withMedia('i2', [tampered, three]), withMedia('i3', [])];
    await prefetchMedia(deps(), 'tok', items, (item) =>
      told.push({ id: item.id, stored: item.media.every((m) => m.sha256 === tampered || store.hasMedia(m.sha256)) }),
    );
    expect(told.map((t) => t.id).sort()).toEqual(['i1', 'i2', 'i3']);
    expect(told.every((t) => t.stored)).toBe(true);
  });

  it('settles with failures logged when the store is closed underneath it, instead of rejecting', async () => {
    // queue.lease starts prefetch without awaiting it; a rejection there would be unhandled and end the process.
    store.close();
    const fetched = await prefetchMedia(deps(), 'tok', [withMedia('i1', files.map(sha))]);
    expect(fetched).toBe(0);
    expect(lines).toHaveLength(3);
    expect(lines.every((l) => l.includes('The database connection is not open'))).toBe(true);
    store = openStore(path.join(tmp.dir, 'workstation.db'));
  });
});
