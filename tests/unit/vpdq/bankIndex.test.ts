import { readFileSync } from 'node:fs';
import path from 'node:path';
import { decodeVpdqHex, encodeVpdqHex, vpdqHexSchema } from '@workstation/protocol';
import { afterEach, describe, expect, test } from 'vitest';
import { BankDeltaError, childSafetyMatch, HashBankIndex, type BankDelta } from '../../../electron/core/signals/banks';
import { parseVpdq, VpdqBankIndex, type VpdqFrame } from '../../../electron/core/signals/vpdq';
import { openStore, type Store } from '../../../electron/core/store';
import { randomHex, seeded } from '../banks/fixtures';
import { REPO_ROOT } from '../pipeline/fixtures';
import { editedVideoHashes, randomVideoHashes } from '../../support/videoHashes';

const kit = (name: string): VpdqFrame[] => parseVpdq(readFileSync(path.join(REPO_ROOT, 'tests/fixtures/vpdq/expected', `${name}.1s.vpdq`), 'utf8'));
const clock = () => new Date('2025-03-01T12:00:00.000Z');
const stores: Store[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
});
function store(): Store {
  const s = openStore(':memory:');
  stores.push(s);
  return s;
}

describe('vpdq hashes on the wire', () => {
  test('frames encode as quality then hash, 66 hex digits each, and decode back', () => {
    const frames = kit('chair-orig-22-sd-bar').map(({ quality, hash }) => ({ quality, hash }));
    const hex = encodeVpdqHex(frames);
    expect(hex).toHaveLength(66 * frames.length);
    expect(vpdqHexSchema.safeParse(hex).success).toBe(true);
    expect(decodeVpdqHex(hex)).toEqual(frames);
  });

  test('a ragged, empty, upper-case or over-quality hash is refused', () => {
    const frame = encodeVpdqHex([{ quality: 90, hash: 'ab'.repeat(32) }]);
    for (const bad of [frame.slice(1), '', frame.toUpperCase(), encodeVpdqHex([{ quality: 101, hash: 'ab'.repeat(32) }])]) {
      expect(vpdqHexSchema.safeParse(bad).success, bad.slice(0, 10)).toBe(false);
    }
  });
});

describe('the vPDQ bank index', () => {
  test('finds exactly what a scan of every entry finds, on 400 random entries and their edited copies', () => {
    const next = seeded(21);
    const index = new VpdqBankIndex();
    const videos = Array.from({ length: 400 }, () => randomVideoHashes(next, 5 + (next() % 30)));
    videos.forEach((video, i) => index.add(`v${i}`, video));
    let matched = 0;
    for (let i = 0; i < 60; i++) {
      const query = i % 3 === 0 ? randomVideoHashes(next, 12) : editedVideoHashes(next, videos[next() % videos.length]!);
      const found = index.match(query);
      expect(found).toEqual(index.scan(query));
      matched += found.length;
    }
    expect(matched).toBeGreaterThan(10);
  });

  test('stays exact through rebuilds: entries added and removed past the tail limit still match as a scan does', () => {
    const next = seeded(34);
    // A tail of 16 rows makes nearly every query rebuild the frame index and renumber its rows.
    const index = new VpdqBankIndex(undefined, { tailLimit: 16 });
    const videos = Array.from({ length: 120 }, () => randomVideoHashes(next, 5 + (next() % 20)));
    let matched = 0;
    videos.forEach((video, i) => {
      index.add(`v${i}`, video);
      if (i % 7 === 3) index.remove(`v${i - 2}`);
      if (i % 5 === 4) {
        const query = editedVideoHashes(next, videos[next() % (i + 1)]!);
        const found = index.match(query);
        expect(found).toEqual(index.scan(query));
        matched += found.length;
      }
    });
    expect(index.size).toBe(120 - 17);
    expect(matched).toBeGreaterThan(5);
  });

  test('removed and replaced entries are gone from the index', () => {
    const next = seeded(5);
    const index = new VpdqBankIndex();
    const a = randomVideoHashes(next, 10);
    const b = randomVideoHashes(next, 10);
    index.add('a', a);
    index.add('b', b);
    expect(index.match(a).map((m) => m.key)).toEqual(['a']);
    index.add('a', b);
    expect(index.match(a)).toEqual([]);
    expect(
      index
        .match(b)
        .map((m) => m.key)
        .sort(),
    ).toEqual(['a', 'b']);
    expect(index.remove('b')).toBe(true);
    expect(index.match(b).map((m) => m.key)).toEqual(['a']);
    expect(index.size).toBe(1);
  });

  test('on the kit: the grey, sepia and shorter chair edits match the original, the large logo and other videos do not', () => {
    const index = new VpdqBankIndex();
    index.add('chair', kit('chair-orig-22-sd-bar'));
    index.add('doorknob', kit('doorknob-hd-no-bar'));
    for (const edit of ['chair-22-sd-grey-bar', 'chair-22-sd-sepia-bar', 'chair-20-sd-bar']) {
      expect(
        index.match(kit(edit)).map((m) => m.key),
        edit,
      ).toEqual(['chair']);
    }
    expect(index.match(kit('chair-20-sd-bar'))[0]).toMatchObject({ queryMatchPct: 100, targetMatchPct: 100 * (22 / 23) });
    for (const other of ['chair-22-with-large-logo-bar', 'pattern-hd-no-bar', 'test-padded-dimensions'])
      expect(index.match(kit(other)), other).toEqual([]);
  });
});

describe('vPDQ entries in hash banks (store, deltas, matching)', () => {
  const chairHex = encodeVpdqHex(kit('chair-orig-22-sd-bar'));
  const delta: BankDelta = {
    bank: 'video-child-safety',
    category: 'child_safety',
    fromVersion: 0,
    toVersion: 1,
    add: [
      { id: 'chair', kind: 'vpdq', hash: chairHex },
      { id: 'decoy', kind: 'pdq', hash: randomHex(seeded(3), 64) },
    ],
    remove: [],
  };
  const subject = (frames: VpdqFrame[]) => ({ sha256: 'a'.repeat(64), md5: 'b'.repeat(32), vpdq: frames });

  test('a delta adds a vPDQ entry; an edited copy of its video is a child-safety match with both percentages', () => {
    const index = HashBankIndex.load(store(), clock);
    expect(index.applyDelta(delta).entries).toBe(2);
    const report = index.match(subject(kit('chair-22-sd-grey-bar')));
    expect(report.lowQuality).toBe(false);
    expect(report.matches.map(({ distance: _distance, ...match }) => match)).toEqual([
      { bank: 'video-child-safety', category: 'child_safety', entryId: 'chair', kind: 'vpdq', vpdq: { queryMatchPct: 100, targetMatchPct: 100 } },
    ]);
    expect(report.matches[0]!.distance).toBeLessThan(31);
    expect(childSafetyMatch(report)?.entryId).toBe('chair');
    expect(index.match(subject(kit('pattern-hd-no-bar'))).matches).toEqual([]);
  });

  test('the entry is kept in the store and matches after a restart; a later delta removes it', () => {
    const s = store();
    HashBankIndex.load(s, clock).applyDelta(delta);
    const reloaded = HashBankIndex.load(s, clock);
    expect(reloaded.match(subject(kit('chair-22-sd-sepia-bar'))).matches.map((m) => m.entryId)).toEqual(['chair']);
    reloaded.applyDelta({ bank: 'video-child-safety', fromVersion: 1, toVersion: 2, add: [], remove: ['chair'] });
    expect(HashBankIndex.load(s, clock).match(subject(kit('chair-22-sd-sepia-bar'))).matches).toEqual([]);
  });

  test('a video whose every frame is too flat to match is reported low quality', () => {
    const index = HashBankIndex.load(store(), clock);
    index.applyDelta(delta);
    const flat = kit('chair-orig-22-sd-bar').map((f) => ({ ...f, quality: 10 }));
    expect(index.match(subject(flat))).toEqual({ matches: [], lowQuality: true });
  });

  test('a malformed vPDQ hash refuses the whole delta, leaving the bank as it was', () => {
    const index = HashBankIndex.load(store(), clock);
    const error = (() => {
      try {
        index.applyDelta({ ...delta, add: [{ id: 'bad', kind: 'vpdq', hash: chairHex.slice(0, 100) }] });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(BankDeltaError);
    expect((error as BankDeltaError).message).toMatch(/vpdq: 66 per frame/);
    expect(index.summaries()).toEqual([]);
  });
});
