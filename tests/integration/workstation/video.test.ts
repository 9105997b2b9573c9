/**
 * Videos through the API with the renderer bypassed (issue 15): analysed before anything is
 * shown, hashed with vPDQ and matched against the banks that came down as deltas, scored over
 * time by the classifier; a clip the demo child-safety bank lists by vPDQ, and an edited copy of
 * it, are never rendered, cannot be decided plainly, and escalate unseen.
 */
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ApiError, type ItemView, type QueueState } from '../../../electron/api';
import { createCore, type Core } from '../../../electron/core';
import { createTestPlatform } from '../../../electron/core/platform/testing';
import { DEMO_CHILD_SAFETY_BANK, startUpstream, type Upstream } from '../../../upstream';
import { DEMO_TAGS } from '../../../upstream/demo';
import { untilAnalysed } from '../../support/analysed';
import { tempDir } from '../../unit/store/fixtures';

let tmp: ReturnType<typeof tempDir>;
let upstream: Upstream;
let core: Core;
const views: ItemView[] = [];

beforeAll(async () => {
  tmp = tempDir('video');
  upstream = await startUpstream({ port: 0, size: 24, seed: 16 });
  core = await createCore({ platform: createTestPlatform(path.join(tmp.dir, 'data')), upstreamUrl: upstream.url, syncPollMs: 3_600_000 });
  await core.dispatch('session.login', { username: 'mod1', password: 'demo' });
  const queue = (await core.dispatch('queue.lease', { size: 24 })) as QueueState;
  for (const item of queue.items) views.push(await untilAnalysed(core.dispatch, item.id, 180_000));
}, 300_000);

afterAll(async () => {
  await core?.close();
  await upstream?.close();
  tmp?.remove();
});

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => error as ApiError,
  );
const tagged = (tag: string) => views.find((v) => v.item.demoTags.includes(tag))!;

describe('the demo child-safety clip and its edited copy', () => {
  test.each([DEMO_TAGS.videoHashBankMatch, DEMO_TAGS.videoEditedCopy])(
    '%s: a vPDQ match in the demo child-safety bank, with both percentages',
    (tag) => {
      const [media] = tagged(tag).signals.media;
      expect(media).toMatchObject({
        status: 'analysed',
        video: { width: 640, height: 360, hasAudio: false, vpdq: { frames: 12, usableFrames: 12 } },
      });
      const match = media!.bankMatches.find((m) => m.kind === 'vpdq')!;
      expect(match).toMatchObject({ bank: DEMO_CHILD_SAFETY_BANK, category: 'child_safety', entryId: 'cs-demo-video-vpdq' });
      expect(match.vpdq!.targetMatchPct).toBeGreaterThanOrEqual(80);
      expect(match.distance).toBeLessThan(31);
    },
  );

  test.each([DEMO_TAGS.videoHashBankMatch, DEMO_TAGS.videoEditedCopy])(
    '%s: never rendered, not even blurred, and never decided plainly',
    async (tag) => {
      const { item } = tagged(tag);
      const sha256 = item.media[0]!.sha256;
      for (const request of [
        { itemId: item.id, sha256, tier: 'default' },
        { itemId: item.id, sha256, tier: 'heavy' },
      ]) {
        const error = await refusal(core.preview(request));
        expect(error).toBeInstanceOf(ApiError);
        expect(error?.code).toBe('forbidden');
        expect(error?.message).toContain("matched the child-safety hash bank 'demo-child-safety'");
      }
      const decided = await refusal(core.dispatch('review.decide', { itemId: item.id, action: 'approve', reasonCode: null, note: null }));
      expect(decided?.message).toContain('can be decided only through the child-safety escalation report');
    },
  );

  test('the escalation report lists the clip with its MD5 and its bank match, and that nobody here viewed it', async () => {
    const { item } = tagged(DEMO_TAGS.videoEditedCopy);
    const draft = (await core.dispatch('escalation.open', { itemId: item.id, kind: 'child_safety' })) as {
      report: { files?: Array<Record<string, unknown>> };
    };
    expect(draft.report.files).toEqual([
      expect.objectContaining({
        sha256: item.media[0]!.sha256,
        md5: expect.stringMatching(/^[0-9a-f]{32}$/),
        pdq: null,
        fileViewedByEsp: false,
        bankMatch: expect.objectContaining({ bank: DEMO_CHILD_SAFETY_BANK, category: 'child_safety' }),
      }),
    ]);
  });
});

test('a plain demo video: its facts, a vPDQ frame a second, the classifier over time with peaks, no bank match', () => {
  const videos = views.filter((v) => v.item.demoTags.length === 0 && v.item.media.some((m) => m.mimeType === 'video/mp4'));
  expect(videos.length).toBeGreaterThan(0);
  for (const view of videos) {
    const [media] = view.signals.media;
    expect(media!.status).toBe('analysed');
    expect(media!.bankMatches).toEqual([]);
    const video = media!.video!;
    if (!media!.classifier || 'unavailable' in media!.classifier) throw new Error(`classifier unavailable: ${JSON.stringify(media!.classifier)}`);
    expect(video.vpdq.frames).toBe(Math.ceil(video.durationSeconds - 1e-3));
    expect(video.timeline.map((t) => t.timestampSeconds)).toEqual(Array.from({ length: video.vpdq.frames }, (_, i) => i));
    const labels = media!.classifier.scores;
    // The fast model scores every frame; a model after it ran only on frames it was unsure of, and each score names its model.
    const models = media!.classifier.models.map((m) => m.modelId);
    expect(models[0]).toBe('nsfw-mobilenet-v2');
    for (const label of labels) expect(models).toContain(label.modelId);
    labels.forEach((label, l) => expect(label.probability).toBe(Math.max(...video.timeline.map((t) => t.probabilities[l]!))));
    for (const peak of video.peaks) expect(labels.find((s) => s.label === peak.label)!.flagged).toBe(true);
  }
});

describe('protected viewing of a plain video', () => {
  const plain = () => views.find((v) => v.item.demoTags.length === 0 && v.item.media.some((m) => m.mimeType === 'video/mp4'))!;

  test('the default preview is a blurred grayscale storyboard of keyframes, drawn by core; keyframes step one by one', async () => {
    const { item } = plain();
    const sha256 = item.media[0]!.sha256;
    const storyboard = await core.preview({ itemId: item.id, sha256, tier: 'default' });
    expect(storyboard.mimeType).toBe('image/webp');
    const meta = await sharp(storyboard.bytes).stats();
    // Grayscale: the three channels are one.
    expect(meta.channels[0]!.mean).toBeCloseTo(meta.channels[1]!.mean, 5);
    const frames = await Promise.all([0, 1, 2].map((frame) => core.preview({ itemId: item.id, sha256, tier: 'default', frame })));
    expect(new Set(frames.map((f) => f.bytes.toString('base64'))).size).toBe(3);
    expect(frames.every((f) => !f.bytes.equals(storyboard.bytes))).toBe(true);
  });

  test('a keyframe is served clear only under a logged reveal, which the escalation report then states', async () => {
    const { item } = plain();
    const sha256 = item.media[0]!.sha256;
    expect((await refusal(core.preview({ itemId: item.id, sha256, tier: 'clear', revealId: 'made-up', frame: 1 })))?.code).toBeDefined();
    const { revealId } = (await core.dispatch('reveal.begin', { itemId: item.id, sha256, kind: 'hold_full' })) as { revealId: string };
    const clear = await core.preview({ itemId: item.id, sha256, tier: 'clear', revealId, frame: 1 });
    const blurred = await core.preview({ itemId: item.id, sha256, tier: 'heavy', frame: 1 });
    expect(clear.bytes.equals(blurred.bytes)).toBe(false);
    await core.dispatch('reveal.end', { revealId });
    const after = (await core.dispatch('escalation.open', { itemId: item.id, kind: 'child_safety' })) as {
      report: { files?: Array<{ fileViewedByEsp: boolean }> };
    };
    expect(after.report.files?.[0]?.fileViewedByEsp).toBe(true);
  });

  test('frame is refused for an image', async () => {
    const image = views.find((v) => v.item.demoTags.length === 0 && v.item.media.some((m) => m.mimeType.startsWith('image/')))!;
    const error = await refusal(
      core.preview({
        itemId: image.item.id,
        sha256: image.item.media.find((m) => m.mimeType.startsWith('image/'))!.sha256,
        tier: 'default',
        frame: 0,
      }),
    );
    expect([error?.code, error?.field]).toEqual(['bad_request', 'frame']);
  });
});
