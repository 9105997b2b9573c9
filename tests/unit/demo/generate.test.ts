import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { beforeAll, describe, expect, test, vi } from 'vitest';
import { readVideo } from '../../../electron/core/media';
import { videoTools } from '../../support/videoFixtures';
import { DEMO_TAGS, DemoOptionsError, generateDemoData, type DemoData } from '../../../upstream/demo';

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');
const fingerprint = (data: DemoData): string => sha256(Buffer.from(JSON.stringify({ items: data.items, media: [...data.media.keys()].sort() })));

// Videos are encoded with ffmpeg, so a default-size demo takes seconds, more on a busy machine.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

describe('generateDemoData with the defaults', () => {
  let data: DemoData;
  beforeAll(async () => {
    data = await generateDemoData({});
  });

  test('produces 200 items with unique ids', () => {
    expect(data.items).toHaveLength(200);
    expect(new Set(data.items.map((i) => i.id)).size).toBe(200);
  });

  test('covers every locale and kind', () => {
    expect(new Set(data.items.map((i) => i.locale))).toEqual(new Set(['en', 'es', 'de']));
    expect(new Set(data.items.map((i) => i.kind))).toEqual(new Set(['post', 'comment', 'direct_message']));
  });

  test('every media reference points at bytes whose sha256 and size match', () => {
    for (const item of data.items) {
      for (const ref of item.media) {
        const file = data.media.get(ref.sha256);
        expect(file, `${item.id} media ${ref.sha256}`).toBeDefined();
        expect(sha256(file!.bytes)).toBe(ref.sha256);
        expect(file!.bytes.length).toBe(ref.byteLength);
        expect(file!.mimeType).toBe(ref.mimeType);
      }
    }
  });

  test('declared dimensions and formats match the encoded images, within 320..1200 px', async () => {
    const refs = new Map(
      data.items
        .flatMap((i) => i.media)
        .filter((m) => m.mimeType.startsWith('image/'))
        .map((m) => [m.sha256, m]),
    );
    for (const ref of refs.values()) {
      const meta = await sharp(data.media.get(ref.sha256)!.bytes).metadata();
      expect([meta.width, meta.height, `image/${meta.format}`]).toEqual([ref.width, ref.height, ref.mimeType]);
      expect(Math.min(ref.width, ref.height)).toBeGreaterThanOrEqual(320);
      expect(Math.max(ref.width, ref.height)).toBeLessThanOrEqual(1200);
    }
    expect(new Set([...refs.values()].map((m) => m.mimeType))).toEqual(new Set(['image/jpeg', 'image/png']));
  });

  test('about one item in ten with media carries one 640x360 MP4 of 5 to 30 s instead of images, some with sound', async () => {
    const withMedia = data.items.filter((i) => i.media.length > 0);
    const withVideo = withMedia.filter((i) => i.media.some((m) => m.mimeType === 'video/mp4'));
    expect(withVideo.length / withMedia.length).toBeGreaterThan(0.05);
    expect(withVideo.length / withMedia.length).toBeLessThan(0.2);
    let withSound = 0;
    for (const item of withVideo) {
      expect(item.media).toHaveLength(1);
      const [ref] = item.media;
      const read = await readVideo(data.media.get(ref!.sha256)!.bytes, ref!.mimeType, { tools: videoTools }, () => {});
      if (!read.ok) throw new Error(`${item.id}: ${read.failure.message}`);
      expect([read.header.width, read.header.height, ref!.width, ref!.height]).toEqual([640, 360, 640, 360]);
      expect(read.header.durationSeconds).toBeGreaterThanOrEqual(5);
      expect(read.header.durationSeconds).toBeLessThanOrEqual(30.1);
      if (read.header.hasAudio) withSound++;
    }
    expect(withSound).toBeGreaterThan(0);
    expect(withSound).toBeLessThan(withVideo.length);
  });

  test('one child-safety clip and one edited copy of it, each a post with one video', () => {
    for (const tag of [DEMO_TAGS.videoHashBankMatch, DEMO_TAGS.videoEditedCopy]) {
      const tagged = data.items.filter((i) => i.demoTags.includes(tag));
      expect(tagged, tag).toHaveLength(1);
      expect(tagged[0]!.kind).toBe('post');
      expect(tagged[0]!.media.map((m) => m.mimeType)).toEqual(['video/mp4']);
    }
  });

  test('posts carry one or two images or one video, nothing carries more than two', () => {
    for (const item of data.items) {
      expect(item.media.length).toBeLessThanOrEqual(2);
      if (item.kind === 'post') expect(item.media.length).toBeGreaterThanOrEqual(1);
      if (item.kind === 'direct_message') expect(item.thread.length).toBeGreaterThanOrEqual(2);
    }
  });

  test('several items share an account and every item account is listed', () => {
    const accountIds = new Set(data.accounts.map((a) => a.id));
    const perAccount = new Map<string, number>();
    for (const item of data.items) {
      expect(accountIds.has(item.account.id)).toBe(true);
      perAccount.set(item.account.id, (perAccount.get(item.account.id) ?? 0) + 1);
    }
    expect([...perAccount.values()].filter((n) => n >= 3).length).toBeGreaterThanOrEqual(5);
  });

  test('exactly one hash-bank item, a post with one image', () => {
    const tagged = data.items.filter((i) => i.demoTags.includes(DEMO_TAGS.hashBankMatch));
    expect(tagged).toHaveLength(1);
    expect(tagged[0]!.kind).toBe('post');
    expect(tagged[0]!.media).toHaveLength(1);
  });

  test('one red-flag thread per locale containing grooming-style phrases', () => {
    const flagged = data.items.filter((i) => i.demoTags.includes(DEMO_TAGS.redFlag));
    expect(flagged.map((i) => i.locale).sort()).toEqual(['de', 'en', 'es']);
    const phrase: Record<string, RegExp> = { en: /how old are you/i, es: /cuántos años tienes/i, de: /wie alt bist du/i };
    for (const item of flagged) {
      expect(item.thread.map((m) => m.text).join(' ')).toMatch(phrase[item.locale]!);
    }
    const untagged = data.items.filter((i) => i.demoTags.length === 0);
    expect(untagged.some((i) => i.thread.some((m) => /how old are you/i.test(m.text)))).toBe(false);
  });
});

describe('generateDemoData determinism and options', () => {
  test('the same seed gives identical items and media bytes', async () => {
    const [a, b] = [await generateDemoData({ seed: 7, size: 24 }), await generateDemoData({ seed: 7, size: 24 })];
    expect(fingerprint(a)).toBe(fingerprint(b));
    for (const [hash, file] of a.media) expect(b.media.get(hash)?.bytes.equals(file.bytes)).toBe(true);
  });

  test('a different seed gives different data', async () => {
    const [a, b] = [await generateDemoData({ seed: 7, size: 24 }), await generateDemoData({ seed: 8, size: 24 })];
    expect(fingerprint(a)).not.toBe(fingerprint(b));
  });

  test('the hash-bank image is the same whatever the seed', async () => {
    const hashOf = (data: DemoData) => data.items.find((i) => i.demoTags.includes(DEMO_TAGS.hashBankMatch))!.media[0]!.sha256;
    const [a, b] = [await generateDemoData({ seed: 2, size: 6 }), await generateDemoData({ seed: 3, size: 6 })];
    expect(hashOf(a)).toBe(hashOf(b));
  });

  test('the smallest size still holds every tagged item', async () => {
    const data = await generateDemoData({ seed: 5, size: 6 });
    expect(data.items.map((i) => i.demoTags[0]).sort()).toEqual([
      'hash_bank_match',
      'red_flag',
      'red_flag',
      'red_flag',
      'video_edited_copy',
      'video_hash_bank_match',
    ]);
  });

  test.each([{ size: 5 }, { size: 10.5 }, { seed: -1 }, { seed: 2 ** 32 }])('rejects %o with a message naming the option', async (options) => {
    const promise = generateDemoData(options);
    await expect(promise).rejects.toBeInstanceOf(DemoOptionsError);
    await expect(promise).rejects.toThrow(Object.keys(options)[0]!);
  });
});
