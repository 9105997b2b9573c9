import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ApiError, itemSignalsSchema, type ReviewItem } from '../../../electron/api';
import { createAnalysisPool, createAnalysisService, type AnalysisPool, type AnalysisService } from '../../../electron/core/signals/pipeline';
import type { Sessions } from '../../../electron/core/auth';
import { createPreviewCache } from '../../../electron/core/media';
import { createExposureRecorder } from '../../../electron/core/exposure';
import { createPreviewService } from '../../../electron/core/orchestration';
import { createWellness } from '../../../electron/core/wellness';
import { openStore, type Store } from '../../../electron/core/store';
import type { UpstreamClient } from '../../../electron/core/sync';
import { reviewItem } from '../store/fixtures';
import { MOBILENET, photoJpeg } from './fixtures';

const ACCOUNT = { id: 'mod-1', username: 'mod', displayName: 'Moderator', role: 'moderator' as const, teamId: null };
const clock = () => new Date('2025-03-01T12:00:00.000Z');

/** Counts the analyses that really reach the worker pool, to show each file is analysed once. */
function counting(pool: AnalysisPool): AnalysisPool & { calls: number } {
  const counted = {
    threads: pool.threads,
    models: pool.models,
    calls: 0,
    analyse: (...args: Parameters<AnalysisPool['analyse']>) => {
      counted.calls++;
      return pool.analyse(...args);
    },
    close: () => pool.close(),
  };
  return counted;
}

let store: Store;
let pool: AnalysisPool & { calls: number };
let analysis: AnalysisService;
let preview: ReturnType<typeof createPreviewService>['preview'];
let item: ReviewItem;
const media: Record<'clean' | 'matched' | 'truncated', Buffer> = { clean: Buffer.alloc(0), matched: Buffer.alloc(0), truncated: Buffer.alloc(0) };
const sha = { clean: '', matched: '', truncated: '' };

beforeAll(async () => {
  media.clean = await photoJpeg(480, 360, 21);
  media.matched = await photoJpeg(480, 360, 22);
  const whole = await photoJpeg(480, 360, 23);
  media.truncated = whole.subarray(0, Math.floor(whole.length * 0.6));
  store = openStore(':memory:');
  pool = counting(createAnalysisPool({ models: [MOBILENET], threads: 1 }));
  analysis = createAnalysisService({ store, pool, clock, log: () => {} });
  for (const key of ['clean', 'matched', 'truncated'] as const) {
    const { sha256 } = await pool.analyse(media[key], 'image/jpeg');
    sha[key] = sha256;
    store.putMedia({ sha256, mimeType: 'image/jpeg', bytes: media[key] }, clock().toISOString());
  }
  // Bank the matched image by the PDQ of a re-encoded copy, as a bank producer elsewhere would have it.
  const reencoded = await sharp(media.matched).jpeg({ quality: 60 }).toBuffer();
  const banked = await pool.analyse(reencoded, 'image/jpeg');
  if (banked.status !== 'analysed' || banked.kind !== 'image') throw new Error('fixture did not analyse');
  analysis.applyBankDelta({
    bank: 'ncmec-hashes',
    category: 'child_safety',
    fromVersion: 0,
    toVersion: 1,
    add: [{ id: 'entry-42', kind: 'pdq', hash: banked.pdq.hash }],
    remove: [],
  });
  pool.calls = 0;

  item = {
    ...reviewItem('item-1'),
    caption: 'go back to your country',
    thread: [{ id: 'm1', fromHandle: '@a', toHandle: '@b', text: 'how old are you? dont tell your mom', sentAt: '2025-01-01T00:00:00.000Z' }],
    media: (['clean', 'matched', 'truncated'] as const).map((key) => ({
      sha256: sha[key],
      mimeType: 'image/jpeg',
      width: 480,
      height: 360,
      byteLength: media[key].length,
    })),
  };
  store.saveAssignment({ id: 'asg-1', accountId: ACCOUNT.id, leasedAt: clock().toISOString(), leaseExpiresAt: '2025-03-01T13:00:00.000Z' }, [item]);
  const sessions = { current: () => ({ account: ACCOUNT, token: 'token' }), touch: () => undefined } as unknown as Sessions;
  const client = {
    media: () => Promise.reject(new Error('the test store already holds every file')),
  } as unknown as UpstreamClient;
  const exposure = createExposureRecorder({ store, clock });
  const wellness = createWellness({
    store,
    exposure,
    clock,
    idleSeconds: () => 0,
    signalsOf: (i) => analysis.itemSignals(i),
    onStatus: () => {},
    log: () => {},
  });
  preview = createPreviewService({
    store,
    client,
    sessions,
    clock,
    analysis,
    wellness,
    log: () => {},
    cache: createPreviewCache({ maxBytes: 1 << 24 }),
    video: { tools: { unavailable: 'not needed: this test previews images' } },
  }).preview;
});

afterAll(async () => {
  await analysis.close();
  store.close();
});

const ask = (sha256: string) => preview({ itemId: 'item-1', sha256, tier: 'heavy', grayscale: true });

async function refusal(sha256: string): Promise<ApiError> {
  const error = await ask(sha256).then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof ApiError)) throw new Error(`expected an ApiError, got ${String(error)}`);
  return error;
}

describe('hash before render', () => {
  test('before analysis the item view reports its media as pending, with text signals already there', () => {
    const signals = itemSignalsSchema.parse(analysis.itemSignals(item));
    expect(signals.media.map((m) => m.status)).toEqual(['pending', 'pending', 'pending']);
    expect(signals.redFlags.filter((f) => f.fieldId === 'caption')).toEqual([
      { fieldId: 'caption', start: 0, end: 23, entryId: 'en.hate.go-back-to-your-country', category: 'hate', severity: 2 },
    ]);
    // Grooming entries are lexicon entries too, so the thread's phrases are highlighted where they stand.
    expect(new Set(signals.redFlags.filter((f) => f.fieldId.startsWith('thread:')).map((f) => f.category))).toEqual(new Set(['grooming']));
    expect(signals.grooming?.patterns.map((p) => p.pattern).sort()).toEqual(['asks_age', 'secrecy']);
    expect(signals.lexicon).toEqual({ locale: 'en', version: 1 });
  });

  test('a clean image is analysed first, then served as a blurred WebP', async () => {
    const served = await ask(sha.clean);
    expect(served.mimeType).toBe('image/webp');
    expect((await sharp(served.bytes).metadata()).width).toBeLessThanOrEqual(240);
  });

  test('a child-safety bank match is refused outright, naming the bank', async () => {
    const error = await refusal(sha.matched);
    expect(error.code).toBe('forbidden');
    expect(error.message).toMatch(/child-safety hash bank 'ncmec-hashes' \(entry entry-42\)/);
    expect(error.message).toMatch(/escalate it without viewing/);
  });

  test('an unanalysable image is never rendered either, and says why', async () => {
    const error = await refusal(sha.truncated);
    expect(error.code).toBe('forbidden');
    expect(error.message).toMatch(/could not be analysed: The JPEG file is cut short/);
  });

  test('after analysis the item view carries the results, each file analysed once', async () => {
    await ask(sha.clean);
    await refusal(sha.matched);
    expect(pool.calls).toBe(3);
    const signals = itemSignalsSchema.parse(analysis.itemSignals(item));
    const [clean, matched, truncated] = signals.media;
    expect(clean).toMatchObject({ status: 'analysed', bankMatches: [], pdq: { lowQuality: false } });
    expect(clean!.classifier && 'scores' in clean!.classifier && clean!.classifier.models.map((m) => m.modelId)).toEqual(['nsfw-mobilenet-v2']);
    expect(matched!.bankMatches).toEqual([
      { bank: 'ncmec-hashes', category: 'child_safety', entryId: 'entry-42', kind: 'pdq', distance: expect.any(Number) },
    ]);
    expect(matched!.bankMatches[0]!.distance).toBeLessThanOrEqual(31);
    expect(truncated).toMatchObject({ status: 'unanalysable', reason: { code: 'truncated' }, bankMatches: [] });
  });

  test('results survive a restart: a new service on the same store does not analyse again', async () => {
    const again = counting(createAnalysisPool({ models: [MOBILENET], threads: 1 }));
    const restarted = createAnalysisService({ store, pool: again, clock, log: () => {} });
    try {
      expect(restarted.itemSignals(item).media.map((m) => m.status)).toEqual(['analysed', 'analysed', 'unanalysable']);
      expect(restarted.itemSignals(item).media[1]!.bankMatches).toHaveLength(1);
      await restarted.analysed(sha.clean, media.clean, 'image/jpeg');
      expect(again.calls).toBe(0);
    } finally {
      await restarted.close();
    }
  });

  test('background analysis works through a batch in review order', async () => {
    const fresh = openStore(':memory:');
    const counted = counting(createAnalysisPool({ models: [MOBILENET], threads: 1 }));
    const background = createAnalysisService({ store: fresh, pool: counted, clock, log: () => {} });
    try {
      for (const key of ['clean', 'truncated'] as const)
        fresh.putMedia({ sha256: sha[key], mimeType: 'image/jpeg', bytes: media[key] }, clock().toISOString());
      const told: string[] = [];
      expect(await background.analyseInReviewOrder([item], (itemId) => told.push(itemId))).toBe(2);
      expect(background.itemSignals(item).media.map((m) => m.status)).toEqual(['analysed', 'pending', 'unanalysable']);
      // One image is not on disk yet: the item is not analysed, so nobody is told it may be decided.
      expect(told).toEqual([]);
      fresh.putMedia({ sha256: sha.matched, mimeType: 'image/jpeg', bytes: media.matched }, clock().toISOString());
      expect(await background.analyseInReviewOrder([item], (itemId) => told.push(itemId))).toBe(1);
      expect(told).toEqual([item.id]);
    } finally {
      await background.close();
      fresh.close();
    }
  });

  test('closing waits for background work and refuses new work, so the store can close after it', async () => {
    const fresh = openStore(':memory:');
    const background = createAnalysisService({
      store: fresh,
      pool: createAnalysisPool({ models: [MOBILENET], threads: 1 }),
      clock,
      log: () => {},
    });
    try {
      for (const key of ['clean', 'matched'] as const)
        fresh.putMedia({ sha256: sha[key], mimeType: 'image/jpeg', bytes: media[key] }, clock().toISOString());
      const running = background.analyseInReviewOrder([item]);
      await background.close();
      expect(await running).toBe(1);
      expect(fresh.analysisResult(sha.clean)).not.toBeNull();
      expect(fresh.analysisResult(sha.matched)).toBeNull();
      expect(await background.analyseInReviewOrder([item])).toBe(0);
    } finally {
      await background.close();
      fresh.close();
    }
  });
});
