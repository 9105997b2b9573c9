import { createHash } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ItemView, QueueState, ReviewItem, SyncStatus } from '../../../electron/api';
import { createCore, type Core } from '../../../electron/core';
import { createTestPlatform } from '../../../electron/core/platform/testing';
import {
  DEMO_BANK_DECOYS,
  DEMO_BANK_VIDEO_DECOYS,
  DEMO_CHILD_SAFETY_BANK,
  PREVIOUSLY_ACTIONED_BANK,
  startUpstream,
  type Upstream,
} from '../../../upstream';
import { changeLexicon } from '../../../upstream/domain/sync/lexicons';
import { tempDir } from '../../unit/store/fixtures';
import { ApiClient, login } from '../upstream/harness';
import { openDbFile, storeRootKeyOf } from '../../support/storeFile';

/**
 * The workstation's delta sync against the reference upstream over HTTP. A fetch wrapper sits
 * between the core and the upstream so a test can damage a reply on its way in.
 */

type Rewrite = (url: URL, body: string) => string;

let tmp: ReturnType<typeof tempDir>;
let upstream: Upstream;
let platform: ReturnType<typeof createTestPlatform>;
let dbFile: string;
let core: Core;
/** The key the core encrypted its database with, for reading the file behind its back. */
let rootKey: string;
let supervisor: ApiClient;
/** Applied to the body of every upstream reply while set. */
let rewrite: Rewrite | null = null;
/** Applied to the URL of every upstream request while set. */
let redirect: ((url: URL) => URL) | null = null;

const wrappedFetch: typeof fetch = async (input, init) => {
  let url = new URL(input instanceof Request ? input.url : String(input));
  if (redirect) url = redirect(url);
  const reply = await fetch(url, init);
  if (!rewrite) return reply;
  const body = rewrite(url, await reply.text());
  return new Response(body, { status: reply.status, statusText: reply.statusText, headers: reply.headers });
};

const call = <T>(name: string, input: unknown = {}) => core.dispatch(name, input) as Promise<T>;
const syncNow = () => call<SyncStatus>('sync.now');
const bank = (name: string) => core.hashBanks().find((b) => b.name === name);
const logSince = (mark: number) => platform.lines.slice(mark).join('\n');
const view = (itemId: string) => call<ItemView>('queue.item', { itemId });

/** What the core's own file holds, read through a separate read-only connection. */
function local<T>(sql: string, ...params: unknown[]): T[] {
  const db = openDbFile(dbFile, rootKey);
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}
const bankEntries = (name: string) =>
  local<{ entry_id: string; kind: string; hash: string }>(
    'SELECT entry_id, kind, hash FROM hash_bank_entries WHERE bank = ? ORDER BY entry_id',
    name,
  );
const storedCursor = () => local<{ cursor: string }>('SELECT cursor FROM sync_cursor')[0]?.cursor ?? null;
const lexiconVersion = (locale: string) => local<{ version: number }>('SELECT version FROM lexicons WHERE locale = ?', locale)[0]?.version ?? null;

const sha = (text: string) => createHash('sha256').update(text).digest('hex');
let newEntrySeq = 0;
/** A bank change the supervisor publishes: one new sha256 entry. */
async function publishBankEntry(bankId: string): Promise<{ id: string; hash: string }> {
  const entry = { id: `it-${bankId}-${++newEntrySeq}`, kind: 'sha256', hash: sha(`entry ${newEntrySeq}`) };
  const reply = await supervisor.post(`/banks/${bankId}/entries`, { add: [entry] });
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return entry;
}

beforeAll(async () => {
  tmp = tempDir('deltas');
  dbFile = path.join(tmp.dir, 'data', 'workstation.db');
  platform = createTestPlatform(path.join(tmp.dir, 'data'));
  upstream = await startUpstream({ port: 0, size: 8, seed: 41 });
  supervisor = await login(upstream, 'supervisor1');
  core = await createCore({ platform, upstreamUrl: upstream.url, dbFile, fetch: wrappedFetch, syncPollMs: 3_600_000, analysisThreads: 1 });
  rootKey = await storeRootKeyOf(platform.keychain);
  await call('session.login', { username: 'mod1', password: 'demo' });
}, 30_000);

afterAll(async () => {
  await core?.close();
  await upstream?.close();
  tmp?.remove();
});

describe('delta sync against the reference upstream', () => {
  let items: ReviewItem[];

  test('after sign-in the pull behind it holds the policy, the three lexicons and both demo banks, verified, with the cursor stored', async () => {
    // Sign-in does not wait for the pull; a workstation with no policy yet waits for it where the policy is read.
    expect((await call<{ version: number }>('policy.reasonCodes')).version).toBe(2);
    expect(bank(DEMO_CHILD_SAFETY_BANK)).toMatchObject({
      category: 'child_safety',
      version: 1,
      entries: DEMO_BANK_DECOYS + DEMO_BANK_VIDEO_DECOYS + 3,
    });
    expect(bank(PREVIOUSLY_ACTIONED_BANK)).toMatchObject({ category: 'previously_actioned', version: 1, entries: 24 });
    expect(local<{ locale: string }>('SELECT locale FROM lexicons ORDER BY locale').map((r) => r.locale)).toEqual(['de', 'en', 'es']);
    expect(storedCursor()).toEqual(expect.any(String));
    expect((await syncNow()).lastError).toBeNull();
  });

  test('the demo item tagged hash_bank_match matches the child-safety bank and its preview is refused', async () => {
    const leased = (await call<QueueState>('queue.lease', { size: 8 })).items;
    items = await Promise.all(leased.map(async (i) => (await view(i.id)).item));
    const tagged = items.find((i) => i.demoTags.includes('hash_bank_match'))!;
    expect(tagged).toBeDefined();
    const sha256 = tagged.media[0]!.sha256;
    await expect(core.preview({ itemId: tagged.id, sha256, tier: 'heavy', grayscale: true })).rejects.toThrow(
      /child-safety hash bank 'demo-child-safety'/,
    );
    const { signals } = await view(tagged.id);
    const media = signals.media[0]!;
    expect(media.bankMatches.filter((m) => m.category === 'child_safety').map((m) => [m.bank, m.entryId, m.distance])).toEqual([
      [DEMO_CHILD_SAFETY_BANK, 'cs-demo-item-pdq', 0],
      [DEMO_CHILD_SAFETY_BANK, 'cs-demo-item-sha256', 0],
    ]);
  });

  test('a bank version a supervisor publishes arrives with the next pull, applied incrementally', async () => {
    const mark = platform.lines.length;
    const entry = await publishBankEntry(DEMO_CHILD_SAFETY_BANK);
    expect((await syncNow()).lastError).toBeNull();
    expect(bank(DEMO_CHILD_SAFETY_BANK)).toMatchObject({ version: 2, entries: DEMO_BANK_DECOYS + DEMO_BANK_VIDEO_DECOYS + 4 });
    expect(bankEntries(DEMO_CHILD_SAFETY_BANK)).toContainEqual({ entry_id: entry.id, kind: 'sha256', hash: entry.hash });
    expect(logSince(mark)).toMatch(/delta pull: 1 deltas applied over 1 pages/);
    expect(logSince(mark)).not.toMatch(/replaced wholesale|resync/);
  });

  test('a lexicon delta changes which phrases are flagged', async () => {
    const item = items.find((i) => i.caption !== null && /\p{L}{5,}/u.test(i.caption))!;
    const word = /\p{L}{5,}/u.exec(item.caption!)![0].toLowerCase();
    const entryId = `${item.locale}.scam.it-${word}`;
    const flagged = async () => (await view(item.id)).signals;
    const before = await flagged();
    expect(before.redFlags.map((f) => f.entryId)).not.toContain(entryId);

    const added = await supervisor.post(`/lexicons/${item.locale}/entries`, { add: [{ id: entryId, phrase: word, category: 'scam', severity: 1 }] });
    expect(added.status, JSON.stringify(added.body)).toBe(200);
    await syncNow();
    const after = await flagged();
    expect(after.lexicon.version).toBe(before.lexicon.version + 1);
    expect(after.redFlags).toContainEqual(expect.objectContaining({ fieldId: 'caption', entryId, category: 'scam', severity: 1 }));

    await supervisor.post(`/lexicons/${item.locale}/entries`, { remove: [entryId] });
    await syncNow();
    const removed = await flagged();
    expect(removed.lexicon.version).toBe(before.lexicon.version + 2);
    expect(removed.redFlags.map((f) => f.entryId)).not.toContain(entryId);
  });

  test('a lexicon delta altered on the way is refused, its snapshot too, and the lexicon in use goes on flagging', async () => {
    const locale = 'es';
    const held = lexiconVersion(locale);
    const phrase = 'cromos gratis hoy';
    const reply = await supervisor.post(`/lexicons/${locale}/entries`, { add: [{ id: 'es.scam.it-cromos', phrase, category: 'scam', severity: 1 }] });
    expect(reply.status).toBe(200);
    rewrite = (url, body) => (url.pathname.startsWith('/sync/') ? body.replaceAll(phrase, 'cromos gratis ya') : body);
    const mark = platform.lines.length;
    const status = await syncNow();
    rewrite = null;
    expect(logSince(mark)).toMatch(
      /lexicon:es does not check out after this page: version \d+ checksums to [0-9a-f]{64} here, the upstream says [0-9a-f]{64}/,
    );
    expect(status.lastError).toMatch(/Refused the upstream's snapshot: lexicon:es .* does not match its checksum; local data left untouched/);
    expect(lexiconVersion(locale)).toBe(held);
    expect((await syncNow()).lastError).toBeNull();
    expect(lexiconVersion(locale)).toBe(held! + 1);
  });

  test('a ReDoS-prone pattern is refused by the upstream at publish, and by the workstation from an upstream that published it anyway', async () => {
    const item = items.find((i) => i.caption !== null && /\p{L}{5,}/u.test(i.caption))!;
    const word = /\p{L}{5,}/u.exec(item.caption!)![0].toLowerCase();
    const good = `${item.locale}.scam.it-good-${word}`;
    await supervisor.post(`/lexicons/${item.locale}/entries`, { add: [{ id: good, phrase: word, category: 'scam', severity: 1 }] });
    await syncNow();
    const before = (await view(item.id)).signals;
    expect(before.redFlags.map((f) => f.entryId)).toContain(good);

    const bad = {
      id: `${item.locale}.sextortion.it-redos`,
      phrase: 'a catastrophic pattern',
      category: 'sextortion' as const,
      severity: 3 as const,
      regex: '(a+)+b',
    };
    const refused = await supervisor.post(`/lexicons/${item.locale}/entries`, { add: [bad] });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toMatch(/ReDoS-prone/);

    // An upstream without the check (older, or changed at the source) publishes it all the same.
    await changeLexicon(upstream.db, item.locale, { add: [bad], remove: [] });
    const mark = platform.lines.length;
    expect((await syncNow()).lastError).toBeNull();
    const after = (await view(item.id)).signals;
    expect(after.lexicon).toEqual(before.lexicon);
    expect(after.redFlags.map((f) => f.entryId)).toContain(good);
    expect(logSince(mark)).toMatch(
      new RegExp(
        `refused the synced '${item.locale}' lexicon version ${before.lexicon.version + 1} \\(.*ReDoS-prone.*\\); red flags and grooming patterns go on with version ${before.lexicon.version}`,
      ),
    );
    await supervisor.post(`/lexicons/${item.locale}/entries`, { remove: [bad.id, good] });
    await syncNow();
    expect((await view(item.id)).signals.lexicon.version).toBe(before.lexicon.version + 2);
  });

  test('a bank delta altered on the way is refused, its snapshot too, and the local bank stays as it was', async () => {
    const held = { summary: bank(DEMO_CHILD_SAFETY_BANK), entries: bankEntries(DEMO_CHILD_SAFETY_BANK), cursor: storedCursor() };
    const entry = await publishBankEntry(DEMO_CHILD_SAFETY_BANK);
    const altered = `${entry.hash.slice(0, -1)}${entry.hash.endsWith('0') ? '1' : '0'}`;
    rewrite = (url, body) => (url.pathname.startsWith('/sync/') ? body.replaceAll(entry.hash, altered) : body);
    const mark = platform.lines.length;
    const status = await syncNow();
    rewrite = null;

    expect(logSince(mark)).toMatch(
      /hash_bank:demo-child-safety does not check out after this page: version 3 checksums to [0-9a-f]{64} here, the upstream says [0-9a-f]{64}/,
    );
    expect(logSince(mark)).toMatch(/Refused the upstream's snapshot: hash_bank:demo-child-safety/);
    expect(status.lastError).toMatch(
      /Refused the upstream's snapshot: hash_bank:demo-child-safety .* does not match its checksum; local data left untouched/,
    );
    expect({ summary: bank(DEMO_CHILD_SAFETY_BANK), entries: bankEntries(DEMO_CHILD_SAFETY_BANK), cursor: storedCursor() }).toEqual(held);

    const healed = await syncNow();
    expect(healed.lastError).toBeNull();
    expect(bank(DEMO_CHILD_SAFETY_BANK)?.version).toBe(3);
    expect(bankEntries(DEMO_CHILD_SAFETY_BANK)).toContainEqual({ entry_id: entry.id, kind: 'sha256', hash: entry.hash });
  });

  test('when only the delta is altered, the bank is resynced from the verified snapshot', async () => {
    const entry = await publishBankEntry(PREVIOUSLY_ACTIONED_BANK);
    rewrite = (url, body) => (url.pathname === '/sync/deltas' ? body.replace(entry.hash, 'f'.repeat(64)) : body);
    const mark = platform.lines.length;
    const status = await syncNow();
    rewrite = null;
    expect(status.lastError).toBeNull();
    expect(logSince(mark)).toMatch(/hash_bank:previously-actioned does not check out.*resyncing it from \/sync\/snapshot/);
    expect(logSince(mark)).toMatch(/resynced hash_bank:previously-actioned from the upstream's snapshot/);
    expect(bank(PREVIOUSLY_ACTIONED_BANK)).toMatchObject({ version: 2, entries: 25 });
    expect(bankEntries(PREVIOUSLY_ACTIONED_BANK)).toContainEqual({ entry_id: entry.id, kind: 'sha256', hash: entry.hash });
  });

  test('a delta page that is not JSON is refused and nothing of it is applied', async () => {
    const cursor = storedCursor();
    const version = lexiconVersion('de');
    const reply = await supervisor.post('/lexicons/de/entries', {
      add: [{ id: 'de.scam.it-gratis', phrase: 'gratis gewinn', category: 'scam', severity: 1 }],
    });
    expect(reply.status).toBe(200);
    rewrite = (url, body) => (url.pathname === '/sync/deltas' ? body.slice(0, body.length / 2) : body);
    const status = await syncNow();
    rewrite = null;
    expect(status.lastError).toMatch(/malformed JSON for delta page/);
    expect([storedCursor(), lexiconVersion('de')]).toEqual([cursor, version]);
    expect((await syncNow()).lastError).toBeNull();
    expect(lexiconVersion('de')).toBe(version! + 1);
  });

  test('410 resync_required replaces every subject from the snapshot, local-only changes included, and continues from its cursor', async () => {
    core.applyBankDelta({
      bank: PREVIOUSLY_ACTIONED_BANK,
      fromVersion: 2,
      toVersion: 3,
      add: [{ id: 'local-only', kind: 'md5', hash: '0'.repeat(32) }],
      remove: [],
    });
    expect(bank(PREVIOUSLY_ACTIONED_BANK)).toMatchObject({ version: 3, entries: 26 });
    const foreign = Buffer.from(`${'0'.repeat(32)}.1`).toString('base64url');
    let asked = 0;
    redirect = (url) => {
      if (url.pathname === '/sync/deltas' && asked++ === 0) url.searchParams.set('cursor', foreign);
      return url;
    };
    const mark = platform.lines.length;
    const status = await syncNow();
    redirect = null;
    expect(status.lastError).toBeNull();
    expect(logSince(mark)).toMatch(/the upstream asks for a full resync/);
    expect(logSince(mark)).toMatch(
      /full resync from the upstream's snapshot: policy, wellness_policy, lexicon:de, lexicon:en, lexicon:es, hash_bank:demo-child-safety, hash_bank:previously-actioned replaced/,
    );
    expect(bank(PREVIOUSLY_ACTIONED_BANK)).toMatchObject({ version: 2, entries: 25 });
    expect(bankEntries(PREVIOUSLY_ACTIONED_BANK).map((e) => e.entry_id)).not.toContain('local-only');
    expect(asked).toBe(2);
    const head = await supervisor.get('/sync/deltas?limit=1000');
    expect(storedCursor()).toBe(head.body.cursor);
  });
});
