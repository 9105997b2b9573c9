/**
 * A laptop left on a train gives nothing away (issue 12): after a scripted shift in browser mode
 * (the Node platform, as `npm start` runs it), no file in the data folder holds an image, a known
 * image's first bytes, a reviewed text or a decision note; the database does not open without
 * its key; and `npm run db:rotate-key` gives it a new key that opens everything, the old one nothing.
 */
import Plain from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ItemView, QueueState } from '../../../electron/api';
import { createCore, STORE_ROOT_KEY, type Core } from '../../../electron/core';
import { fileKeychain, unsealed } from '../../../electron/core/platform/fileKeychain';
import { createNodePlatform } from '../../../electron/core/platform/node';
import { startUpstream, type Upstream } from '../../../upstream';
import { decidableItems } from '../../support/analysed';
import { openStoreFile, readRows } from '../../support/storeFile';
import { tempDir } from '../../unit/store/fixtures';

const NOTE = 'the poster asked for the photo twice';
const MAGIC: Array<[string, Buffer]> = [
  ['PNG', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])],
  ['WebP', Buffer.from('WEBPVP8')],
  ['JFIF JPEG', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46])],
  ['Exif JPEG', Buffer.from([0xff, 0xd8, 0xff, 0xe1])],
];

let tmp: ReturnType<typeof tempDir>;
let upstream: Upstream;
let core: Core | null;
let dataDir: string;
let views: ItemView[] = [];
const mediaHeads: Buffer[] = [];
const mediaBytes = new Map<string, Buffer>();
const lines: string[] = [];

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
}

beforeAll(async () => {
  tmp = tempDir('at-rest');
  dataDir = path.join(tmp.dir, 'data');
  upstream = await startUpstream({ port: 0, size: 12, seed: 17 });
  core = await createCore({
    platform: createNodePlatform({ dataDir, log: (l) => lines.push(l) }),
    upstreamUrl: upstream.url,
    undoMs: 60_000,
    syncPollMs: 3_600_000,
    retentionEveryMs: 3_600_000,
  });
  await core.dispatch('session.login', { username: 'mod1', password: 'demo' });
  const queue = (await core.dispatch('queue.lease', { size: 8 })) as QueueState;
  const decidable = await decidableItems(
    core.dispatch,
    queue.items.map((i) => i.id),
  );
  views = await Promise.all(queue.items.map(async (i) => (await core!.dispatch('queue.item', { itemId: i.id })) as ItemView));
  for (const itemId of decidable.slice(0, 3)) await core.dispatch('review.decide', { itemId, action: 'approve', reasonCode: null, note: NOTE });
  for (const view of views) {
    for (const media of view.item.media) {
      const res = await fetch(`${upstream.url}/media/${media.sha256}`, {
        headers: { authorization: `Bearer ${await fileKeychain(path.join(dataDir, 'keychain.json'), unsealed).get('upstream-token')}` },
      });
      const bytes = Buffer.from(await res.arrayBuffer());
      mediaBytes.set(media.sha256, bytes);
      mediaHeads.push(bytes.subarray(0, 32));
    }
  }
  await core.close();
  core = null;
});

afterAll(async () => {
  await core?.close();
  await upstream?.close();
  tmp?.remove();
});

it('keeps no image, no known image head, no reviewed text and no note in any file of the data folder', () => {
  expect(mediaHeads.length).toBeGreaterThan(2);
  const texts = views.flatMap((v) => [
    v.item.caption,
    ...v.item.comments.map((c) => c.text),
    ...v.item.thread.map((m) => m.text),
    v.item.account.bio,
  ]);
  const phrases = [NOTE, ...texts].filter((t): t is string => typeof t === 'string' && t.length >= 8);
  expect(phrases.length).toBeGreaterThan(10);
  const files = filesUnder(dataDir);
  expect(files.some((f) => f.endsWith('workstation.db'))).toBe(true);
  const found: string[] = [];
  for (const file of files) {
    const bytes = readFileSync(file);
    for (const [name, magic] of MAGIC) if (bytes.includes(magic)) found.push(`${name} magic in ${path.basename(file)}`);
    for (const head of mediaHeads) if (bytes.includes(head)) found.push(`a known image's first bytes in ${path.basename(file)}`);
    for (const phrase of phrases) if (bytes.includes(Buffer.from(phrase, 'utf8'))) found.push(`"${phrase.slice(0, 30)}" in ${path.basename(file)}`);
  }
  expect(found).toEqual([]);
  // The key file is the one warned about: browser mode has no OS keychain.
  expect(lines.some((l) => l.includes('browser mode has no OS keychain'))).toBe(true);
});

it('does not open as a database without its key', () => {
  expect(() => new Plain(path.join(dataDir, 'workstation.db'), { readonly: true }).prepare('SELECT count(*) FROM decisions').get()).toThrow(
    /not a database/,
  );
});

it('rotates the key with npm run db:rotate-key: the new key opens the database and its media, the old one does not', async () => {
  const keychain = fileKeychain(path.join(dataDir, 'keychain.json'), unsealed);
  const before = (await keychain.get(STORE_ROOT_KEY))!;
  const sha256 = views.find((v) => v.item.media.length > 0)!.item.media[0]!.sha256;
  execFileSync(path.resolve('node_modules/.bin/tsx'), ['scripts/db/rotateKey.ts', dataDir], { stdio: 'pipe' });
  const after = (await keychain.get(STORE_ROOT_KEY))!;
  expect(after).not.toBe(before);
  expect(readRows<{ n: number }>(path.join(dataDir, 'workstation.db'), after, 'SELECT count(*) AS n FROM decisions')[0]!.n).toBe(3);
  expect(() => readRows(path.join(dataDir, 'workstation.db'), before, 'SELECT count(*) FROM decisions')).toThrow(/not a database/);
  const store = openStoreFile(path.join(dataDir, 'workstation.db'), after);
  try {
    expect(store.media(sha256)?.bytes.equals(mediaBytes.get(sha256)!)).toBe(true);
  } finally {
    store.close();
  }
});
