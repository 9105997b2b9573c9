import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_WELLNESS_POLICY, encodeVpdqHex, LOCALES } from '@workstation/protocol';
import sharp from 'sharp';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { fromHex, hammingDistance, pdqHash, PDQ_MATCH_DISTANCE, PDQ_MIN_QUALITY, toHex } from '../../../electron/core/signals/pdq';
import { DEMO_BANK_DECOYS, DEMO_BANK_VIDEO_DECOYS, DEMO_CHILD_SAFETY_BANK, PREVIOUSLY_ACTIONED_BANK, type Upstream } from '../../../upstream';
import { seedLexicon } from '../../../upstream/domain/sync/baseline';
import { backend, login, startTestUpstream, type ApiClient } from './harness';

/**
 * A client written from openapi.yaml alone: it replays deltas by the version rule and checks them
 * with its own implementation of the documented canonical form, as the workstation will.
 */
const canonical = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    return `{${Object.keys(record)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(record[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
};
const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');
const byId = <T extends { id: string }>(entries: Iterable<T>): T[] => [...entries].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

interface Entry {
  id: string;
  [field: string]: unknown;
}
interface Delta {
  seq: number;
  kind: 'policy' | 'lexicon' | 'hash_bank' | 'wellness_policy';
  fromVersion: number;
  toVersion: number;
  locale?: string;
  bank?: { id: string; name: string; category: string; version: number };
  reasonCodes?: unknown[];
  policy?: Record<string, unknown>;
  add?: Entry[];
  remove?: string[];
}
interface Page {
  cursor: string;
  hasMore: boolean;
  deltas: Delta[];
  checksums: Record<string, { version: number; sha256: string }>;
}

class Replica {
  policy: { version: number; reasonCodes: unknown[] } | null = null;
  wellness: { version: number; policy: Record<string, unknown> } | null = null;
  readonly lexicons = new Map<string, { version: number; entries: Map<string, Entry> }>();
  readonly banks = new Map<string, { bank: NonNullable<Delta['bank']>; entries: Map<string, Entry> }>();
  /** Every (subject, version) -> checksum this replica has passed through. */
  readonly history = new Map<string, string>();

  apply(delta: Delta): void {
    const key = delta.kind === 'policy' || delta.kind === 'wellness_policy' ? delta.kind : `${delta.kind}:${delta.locale ?? delta.bank!.id}`;
    const held = this.version(key);
    if (delta.toVersion <= held) return;
    if (delta.fromVersion !== held) throw new Error(`${key}: delta ${delta.fromVersion}->${delta.toVersion} does not follow ${held}`);
    if (delta.kind === 'policy') this.policy = { version: delta.toVersion, reasonCodes: delta.reasonCodes! };
    if (delta.kind === 'wellness_policy') this.wellness = { version: delta.toVersion, policy: delta.policy! };
    if (delta.kind === 'lexicon')
      this.lexicons.set(delta.locale!, { version: delta.toVersion, entries: patch(this.lexicons.get(delta.locale!)?.entries, delta) });
    if (delta.kind === 'hash_bank')
      this.banks.set(delta.bank!.id, { bank: delta.bank!, entries: patch(this.banks.get(delta.bank!.id)?.entries, delta) });
    this.history.set(`${key}@${delta.toVersion}`, this.checksums()[key]!.sha256);
  }

  version(key: string): number {
    return this.checksums()[key]?.version ?? 0;
  }

  states(): Record<string, unknown> {
    const states: Record<string, unknown> = {};
    if (this.policy) states.policy = this.policy;
    if (this.wellness) states.wellness_policy = this.wellness;
    for (const [locale, l] of this.lexicons) states[`lexicon:${locale}`] = { locale, version: l.version, entries: byId(l.entries.values()) };
    for (const [id, b] of this.banks) states[`hash_bank:${id}`] = { bank: b.bank, entries: byId(b.entries.values()) };
    return states;
  }

  checksums(): Record<string, { version: number; sha256: string }> {
    return Object.fromEntries(
      Object.entries(this.states()).map(([key, state]) => {
        const s = state as { version?: number; bank?: { version: number } };
        return [key, { version: s.version ?? s.bank!.version, sha256: sha256(canonical(state)) }];
      }),
    );
  }
}

function patch(entries: Map<string, Entry> | undefined, delta: Delta): Map<string, Entry> {
  const next = new Map(entries);
  for (const id of delta.remove!) if (!next.delete(id)) throw new Error(`removes unknown ${id}`);
  for (const entry of delta.add!) next.set(entry.id, entry);
  return next;
}

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));

describe(`upstream sync deltas and snapshots (${backend})`, () => {
  let upstream: Upstream;
  let moderator: ApiClient;
  let supervisor: ApiClient;

  const page = async (cursor: string | null, limit: number): Promise<Page> => {
    const reply = await moderator.get(`/sync/deltas?limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    return reply.body;
  };
  /** Follows the log to its end, checking the checksums after every page. */
  const follow = async (replica: Replica, cursor: string | null, limit = 100): Promise<{ cursor: string; pages: number }> => {
    let pages = 0;
    for (;;) {
      const next = await page(cursor, limit);
      pages += 1;
      for (const delta of next.deltas) replica.apply(delta);
      expect(replica.checksums()).toEqual(next.checksums);
      cursor = next.cursor;
      if (!next.hasMore) return { cursor, pages };
    }
  };
  const snapshot = async (kind?: string) => {
    const reply = await moderator.get(`/sync/snapshot${kind ? `?kind=${kind}` : ''}`);
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    return reply.body as { cursor: string; snapshots: Array<Record<string, any>> };
  };
  const snapshotStates = (snapshots: Array<Record<string, any>>) =>
    Object.fromEntries(
      snapshots.map(({ kind, sha256: _sum, updatedAt: _at, ...state }) => [
        kind === 'policy' || kind === 'wellness_policy' ? kind : `${kind}:${state.locale ?? state.bank.id}`,
        state,
      ]),
    );

  beforeAll(async () => {
    upstream = await startTestUpstream({ seed: 41, size: 8 });
    moderator = await login(upstream, 'mod1');
    supervisor = await login(upstream, 'supervisor1');
  });
  afterAll(() => upstream?.close());

  test('the documented canonical form is the one the spec example spells out', () => {
    const spec = parse(readFileSync(path.join(repoRoot, 'upstream/openapi.yaml'), 'utf8'));
    const example = /hashes the string\s+`([^`]+)`/.exec(spec.components.schemas.Checksums.description)![1];
    const state = { entries: [{ kind: 'md5', id: 'e1', hash: '0'.repeat(32) }], bank: { version: 1, name: 'B', id: 'b', category: 'child_safety' } };
    expect(canonical(state)).toBe(example);
  });

  test('replaying the log from the start, one delta per page, checks out at every page and equals the snapshot', async () => {
    const replica = new Replica();
    const { pages } = await follow(replica, null, 1);
    expect(pages).toBeGreaterThanOrEqual(6);
    const full = await snapshot();
    expect(replica.states()).toEqual(snapshotStates(full.snapshots));
    for (const s of full.snapshots) {
      const key = s.kind === 'policy' || s.kind === 'wellness_policy' ? s.kind : `${s.kind}:${s.locale ?? s.bank.id}`;
      expect(s.sha256, key).toBe(replica.checksums()[key]!.sha256);
    }
  });

  test('what every upstream serves: policy 2, the default wellness policy, its seed lexicons, and the demo banks', async () => {
    const states = snapshotStates((await snapshot()).snapshots) as Record<string, any>;
    expect(Object.keys(states).sort()).toEqual([
      'hash_bank:demo-child-safety',
      'hash_bank:previously-actioned',
      'lexicon:de',
      'lexicon:en',
      'lexicon:es',
      'policy',
      'wellness_policy',
    ]);
    expect(states.wellness_policy).toEqual({ version: 1, policy: DEFAULT_WELLNESS_POLICY });
    expect(states.policy.reasonCodes).toEqual((await moderator.get('/policy')).body.reasonCodes);
    expect(states.policy.version).toBe(2);
    for (const locale of LOCALES) {
      const seed = seedLexicon(locale);
      expect(states[`lexicon:${locale}`]).toEqual({ locale, version: seed.version, entries: byId(seed.entries) });
    }
    const demo = states[`hash_bank:${DEMO_CHILD_SAFETY_BANK}`];
    expect(demo.bank).toEqual({ id: DEMO_CHILD_SAFETY_BANK, name: 'Demo child-safety bank', category: 'child_safety', version: 1 });
    expect(demo.entries).toHaveLength(DEMO_BANK_DECOYS + DEMO_BANK_VIDEO_DECOYS + 3);
    expect(demo.entries.filter((e: Entry) => e.kind === 'vpdq')).toHaveLength(DEMO_BANK_VIDEO_DECOYS + 1);
    expect(demo.entries.filter((e: Entry) => e.kind === 'sha256')).toHaveLength(1);
    const actioned = states[`hash_bank:${PREVIOUSLY_ACTIONED_BANK}`];
    expect(actioned.bank.category).toBe('previously_actioned');
    expect(new Set(actioned.entries.map((e: Entry) => e.kind))).toEqual(new Set(['pdq', 'sha256', 'md5']));
  });

  test('the demo child-safety bank holds the PDQ and SHA-256 of the item tagged hash_bank_match, among decoys far from it', async () => {
    const [item] = (await moderator.post('/assignments/lease', { size: 1 })).body.assignment.items;
    expect(item.demoTags).toEqual(['hash_bank_match']);
    const bytes = (await moderator.get(`/media/${item.media[0].sha256}`)).bytes;
    const { data, info } = await sharp(bytes).raw().toBuffer({ resolveWithObject: true });
    const { hash, quality } = pdqHash({ data, width: info.width, height: info.height, channels: info.channels });
    expect(quality).toBeGreaterThanOrEqual(PDQ_MIN_QUALITY);

    const bank = (await snapshot('hash_bank')).snapshots.find((s) => s.bank.id === DEMO_CHILD_SAFETY_BANK)!;
    const entries = bank.entries as { id: string; kind: string; hash: string }[];
    expect(entries.find((e) => e.kind === 'sha256')!.hash).toBe(createHash('sha256').update(bytes).digest('hex'));
    const pdqs = entries.filter((e) => e.kind === 'pdq');
    const matches = pdqs.filter((e) => hammingDistance(fromHex(e.hash), hash) <= PDQ_MATCH_DISTANCE);
    expect(matches.map((e) => e.hash)).toEqual([toHex(hash)]);
    expect(pdqs).toHaveLength(DEMO_BANK_DECOYS + 1);
  });

  test('a snapshot of one kind holds only that kind', async () => {
    for (const kind of ['policy', 'lexicon', 'hash_bank']) {
      expect(new Set((await snapshot(kind)).snapshots.map((s) => s.kind))).toEqual(new Set([kind]));
    }
    expect((await moderator.get('/sync/snapshot?kind=decisions')).body.error.field).toBe('kind');
  });

  test('a new bank version is one delta after the cursor; following it keeps the replica equal to the snapshot', async () => {
    const replica = new Replica();
    const { cursor } = await follow(replica, null);
    const removed = replica.banks.get(PREVIOUSLY_ACTIONED_BANK)!.entries.keys().next().value!;
    const change = {
      add: [
        { id: 'pa-new-0001', kind: 'sha256', hash: 'e'.repeat(64) },
        { id: 'pa-new-0002', kind: 'md5', hash: 'f'.repeat(32) },
      ],
      remove: [removed],
    };
    const reply = await supervisor.post(`/banks/${PREVIOUSLY_ACTIONED_BANK}/entries`, change);
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    expect(reply.body.delta).toMatchObject({ kind: 'hash_bank', subject: PREVIOUSLY_ACTIONED_BANK, fromVersion: 1, toVersion: 2 });

    const next = await page(cursor, 100);
    expect(next.hasMore).toBe(false);
    expect(next.deltas).toEqual([
      {
        seq: reply.body.delta.seq,
        kind: 'hash_bank',
        bank: { id: PREVIOUSLY_ACTIONED_BANK, name: 'Previously actioned', category: 'previously_actioned', version: 2 },
        fromVersion: 1,
        toVersion: 2,
        add: change.add,
        remove: [removed],
      },
    ]);
    for (const delta of next.deltas) replica.apply(delta);
    expect(replica.checksums()).toEqual(next.checksums);
    expect(next.checksums[`hash_bank:${PREVIOUSLY_ACTIONED_BANK}`]).toEqual({ version: 2, sha256: reply.body.delta.sha256 });
    expect(replica.states()).toEqual(snapshotStates((await snapshot()).snapshots));

    const idle = await page(next.cursor, 100);
    expect([idle.deltas, idle.hasMore, idle.cursor]).toEqual([[], false, next.cursor]);
  });

  test('a vPDQ entry is published, stored and sent like any other; a ragged one is refused', async () => {
    const replica = new Replica();
    const { cursor } = await follow(replica, null);
    const version = replica.banks.get(PREVIOUSLY_ACTIONED_BANK)!.bank.version;
    const vpdq = encodeVpdqHex([
      { quality: 100, hash: 'a'.repeat(64) },
      { quality: 42, hash: 'b'.repeat(64) },
    ]);
    const ragged = await supervisor.post(`/banks/${PREVIOUSLY_ACTIONED_BANK}/entries`, {
      add: [{ id: 'pa-video-bad', kind: 'vpdq', hash: vpdq.slice(2) }],
      remove: [],
    });
    expect(ragged.status).toBe(400);
    const reply = await supervisor.post(`/banks/${PREVIOUSLY_ACTIONED_BANK}/entries`, {
      add: [{ id: 'pa-video-0001', kind: 'vpdq', hash: vpdq }],
      remove: [],
    });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    const next = await page(cursor, 100);
    expect(next.deltas).toEqual([
      expect.objectContaining({ fromVersion: version, toVersion: version + 1, add: [{ id: 'pa-video-0001', kind: 'vpdq', hash: vpdq }] }),
    ]);
    for (const delta of next.deltas) replica.apply(delta);
    expect(replica.checksums()).toEqual(next.checksums);
  });

  test('a lexicon edit (same id removed and added) is the next lexicon version', async () => {
    const replica = new Replica();
    const { cursor } = await follow(replica, null);
    const held = replica.lexicons.get('de')!;
    const edited = { ...held.entries.values().next().value!, severity: 3, phrase: 'neue fassung' };
    const change = { add: [edited, { id: 'de.scam.gratis-gewinn', phrase: 'gratis gewinn', category: 'scam', severity: 1 }], remove: [edited.id] };
    const reply = await supervisor.post('/lexicons/de/entries', change);
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    expect(reply.body.delta).toMatchObject({ kind: 'lexicon', subject: 'de', fromVersion: held.version, toVersion: held.version + 1 });
    const next = await page(cursor, 100);
    expect(next.deltas).toHaveLength(1);
    expect(next.deltas[0]).toMatchObject({ kind: 'lexicon', locale: 'de', updatedAt: expect.any(String), remove: [edited.id] });
    for (const delta of next.deltas) replica.apply(delta);
    expect(replica.checksums()).toEqual(next.checksums);
    expect(replica.lexicons.get('de')!.entries.get(edited.id)).toEqual(edited);
  });

  test('changes that do not fit the current entries are refused and publish nothing', async () => {
    const before = (await page(null, 1000)).cursor;
    const cases: Array<[string, unknown, number, string]> = [
      [`/banks/${DEMO_CHILD_SAFETY_BANK}/entries`, { remove: ['cs-no-such-entry'] }, 409, 'unknown_entry'],
      [`/banks/${DEMO_CHILD_SAFETY_BANK}/entries`, { add: [{ id: 'cs-pdq-0001', kind: 'pdq', hash: '0'.repeat(64) }] }, 409, 'entry_exists'],
      [`/banks/${DEMO_CHILD_SAFETY_BANK}/entries`, {}, 400, 'bad_request'],
      [`/banks/${DEMO_CHILD_SAFETY_BANK}/entries`, { add: [{ id: 'x', kind: 'md5', hash: '0'.repeat(64) }] }, 400, 'bad_request'],
      [
        `/banks/${DEMO_CHILD_SAFETY_BANK}/entries`,
        {
          add: [
            { id: 'x', kind: 'pdq', hash: '0'.repeat(64) },
            { id: 'x', kind: 'pdq', hash: '1'.repeat(64) },
          ],
        },
        400,
        'bad_request',
      ],
      ['/banks/no-such-bank/entries', { remove: ['x'] }, 404, 'not_found'],
      ['/lexicons/fr/entries', { remove: ['x'] }, 404, 'not_found'],
      ['/lexicons/en/entries', { add: [{ id: 'en.x', phrase: 'x', category: 'nonsense', severity: 1 }] }, 400, 'bad_request'],
    ];
    for (const [route, body, status, code] of cases) {
      const reply = await supervisor.post(route, body);
      expect([reply.status, reply.body.error.code], `${route} ${JSON.stringify(body)}`).toEqual([status, code]);
    }
    expect((await moderator.post(`/banks/${DEMO_CHILD_SAFETY_BANK}/entries`, { remove: ['cs-pdq-0001'] })).status).toBe(403);
    expect((await page(before, 1000)).deltas).toEqual([]);
  });

  test('cursors: garbage is a 400, a cursor from another copy of the data or past the end asks for a resync', async () => {
    const garbage = await moderator.get('/sync/deltas?cursor=not-a-cursor');
    expect([garbage.status, garbage.body.error.field]).toEqual([400, 'cursor']);
    const foreign = Buffer.from(`${'0'.repeat(32)}.1`).toString('base64url');
    const ahead = Buffer.from(
      `${
        Buffer.from((await page(null, 1)).cursor, 'base64url')
          .toString()
          .split('.')[0]
      }.999999`,
    ).toString('base64url');
    for (const cursor of [foreign, ahead]) {
      const reply = await moderator.get(`/sync/deltas?cursor=${cursor}`);
      expect([reply.status, reply.body.error.code]).toEqual([410, 'resync_required']);
    }
    expect((await moderator.get('/sync/deltas?limit=0')).body.error.field).toBe('limit');
  });

  test('snapshots taken while bank versions are published are each one consistent moment', async () => {
    const work = Array.from({ length: 6 }, (_, i) => [
      supervisor.post(`/banks/${DEMO_CHILD_SAFETY_BANK}/entries`, { add: [{ id: `cs-race-${i}`, kind: 'sha256', hash: sha256(`race ${i}`) }] }),
      snapshot('hash_bank'),
    ]).flat();
    const replies = await Promise.all(work);
    const snapshots = replies.filter((r): r is Awaited<ReturnType<typeof snapshot>> => 'snapshots' in r);
    expect(replies.filter((r) => 'status' in r).map((r) => (r as { status: number }).status)).toEqual(Array(6).fill(200));

    const replica = new Replica();
    await follow(replica, null);
    for (const taken of snapshots) {
      const bank = taken.snapshots.find((s) => s.bank.id === DEMO_CHILD_SAFETY_BANK)!;
      expect(bank.sha256).toBe(replica.history.get(`hash_bank:${DEMO_CHILD_SAFETY_BANK}@${bank.bank.version}`));
      const after = await page(taken.cursor, 1000);
      const firstForBank = after.deltas.find((d) => d.bank?.id === DEMO_CHILD_SAFETY_BANK);
      if (firstForBank) expect(firstForBank.fromVersion).toBe(bank.bank.version);
    }
  });
});
