import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { createAnalysisPool, type MediaAnalysis } from '../../../electron/core/signals/pipeline';
import { audioOnly, claimedDurationMkv, claimedSizeAvi, concatList, hangingTool, testVideo, videoTools } from '../../support/videoFixtures';
import { MOBILENET, photoJpeg } from '../pipeline/fixtures';

const dir = mkdtempSync(path.join(os.tmpdir(), 'pool-video-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function video(result: MediaAnalysis) {
  if (result.status !== 'analysed' || result.kind !== 'video')
    throw new Error(`expected an analysed video, got ${JSON.stringify(result).slice(0, 300)}`);
  return result;
}

describe('videos on the analysis pool', () => {
  const pool = createAnalysisPool({ models: [MOBILENET], threads: 2, video: { tools: videoTools } });
  afterAll(() => pool.close());

  test('a video gets its facts, one vPDQ frame a second and classifier scores over time', async () => {
    const result = video(await pool.analyse(testVideo({ seconds: 6, width: 320, height: 240, audio: true }), 'video/mp4', 'a test video'));
    expect(result).toMatchObject({ format: 'mp4', codec: 'h264', width: 320, height: 240, fps: 30, hasAudio: true });
    expect(result.durationSeconds).toBeCloseTo(6, 0);
    expect(result.vpdq.map((f) => f.frameNumber)).toEqual([0, 30, 60, 90, 120, 150]);
    expect(result.vpdq.map((f) => f.timestampSeconds)).toEqual([0, 1, 2, 3, 4, 5]);
    for (const frame of result.vpdq) expect(frame.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(result.vpdq.every((f) => f.quality >= 50)).toBe(true);
    const { classifier } = result;
    if ('unavailable' in classifier) throw new Error(classifier.unavailable);
    expect(classifier.timeline.map((t) => t.timestampSeconds)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(classifier.scores.map((s) => s.label)).toEqual(['Drawing', 'Hentai', 'Neutral', 'Porn', 'Sexy']);
    // Each label's score is its maximum over the timeline.
    classifier.scores.forEach((score, l) => expect(score.probability).toBe(Math.max(...classifier.timeline.map((t) => t.probabilities[l]!))));
  });

  test('bad videos in parallel are each refused with their reason, and the pool serves on', async () => {
    const whole = testVideo({ seconds: 4 });
    const bad = [
      { bytes: whole.subarray(0, whole.length >> 1), code: 'truncated' },
      { bytes: claimedSizeAvi(100_000, 100_000), code: 'too_many_pixels' },
      { bytes: claimedDurationMkv(86_400), code: 'too_long' },
      { bytes: audioOnly(2), code: 'no_video_stream' },
      { bytes: concatList(['/etc/passwd']), code: 'unsupported_type' },
    ];
    const results = await Promise.all(bad.map((b) => pool.analyse(b.bytes, undefined, 'bad video')));
    expect(results.map((r) => (r.status === 'unanalysable' ? r.reason.code : r.status))).toEqual(bad.map((b) => b.code));
    for (const result of results) expect(result).not.toHaveProperty('vpdq');
    expect(video(await pool.analyse(testVideo({ seconds: 2 }), 'video/mp4')).vpdq).toHaveLength(2);
    expect((await pool.analyse(await photoJpeg(128, 96, 3), 'image/jpeg')).status).toBe('analysed');
  });

  test('the same bytes give the same analysis on any thread', async () => {
    const bytes = testVideo({ seconds: 3, source: 'testsrc' });
    const [a, b] = await Promise.all([pool.analyse(bytes, 'video/mp4'), pool.analyse(bytes, 'video/mp4')]);
    expect(a).toEqual(b);
  });
});

test('a pool whose ffmpeg hangs refuses the video at its budget and keeps serving', async () => {
  const hanging = hangingTool(dir);
  const pool = createAnalysisPool({
    models: [MOBILENET],
    threads: 1,
    video: { tools: { ffmpeg: hanging.file, ffprobe: videoTools.ffprobe }, limits: { decodeTimeoutSeconds: 1 } },
  });
  try {
    const hung = await pool.analyse(testVideo({ seconds: 2 }), 'video/mp4');
    expect(hung.status === 'unanalysable' && hung.reason.code).toBe('timed_out');
    expect((await pool.analyse(await photoJpeg(128, 96, 4), 'image/jpeg')).status).toBe('analysed');
  } finally {
    await pool.close();
  }
});

test("a pool without video tools refuses videos with the platform's reason and still analyses images", async () => {
  const pool = createAnalysisPool({
    models: [MOBILENET],
    threads: 1,
    video: { tools: { unavailable: 'The ffmpeg shipped with the app is missing.' } },
  });
  try {
    const result = await pool.analyse(testVideo({ seconds: 1 }), 'video/mp4');
    if (result.status !== 'unanalysable') throw new Error('expected a refusal');
    expect(result.reason.code).toBe('video_tools_unavailable');
    expect(result.reason.message).toContain('The ffmpeg shipped with the app is missing.');
    expect((await pool.analyse(await photoJpeg(128, 96, 5), 'image/jpeg')).status).toBe('analysed');
  } finally {
    await pool.close();
  }
});
