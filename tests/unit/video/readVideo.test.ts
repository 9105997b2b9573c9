import { createServer } from 'node:http';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { readVideo, type ReadVideoOptions, type VideoFrame, type VideoHeader } from '../../../electron/core/media';
import {
  audioOnly,
  claimedDurationMkv,
  claimedSizeAvi,
  concatList,
  hangingTool,
  hlsPlaylist,
  playlistDisguisedAsMp4,
  processAlive,
  testVideo,
  videoTools,
} from '../../support/videoFixtures';

const dir = mkdtempSync(path.join(os.tmpdir(), 'read-video-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function read(bytes: Buffer, options: Partial<ReadVideoOptions> = {}, declaredMime = 'video/mp4') {
  const frames: VideoFrame[] = [];
  const logged: string[] = [];
  let header: VideoHeader | undefined;
  const result = await readVideo(bytes, declaredMime, { tools: videoTools, log: (line) => logged.push(line), ...options }, (frame, h) => {
    frames.push(frame);
    header = h;
  });
  return { result, frames, header, logged };
}

describe('readVideo on good input', () => {
  test('one frame a second, numbered and timed as vPDQ numbers them, full size RGB', async () => {
    const { result, frames } = await read(testVideo({ seconds: 5, width: 320, height: 240, fps: 30, audio: true }));
    expect(result).toMatchObject({
      ok: true,
      sampled: 5,
      header: { container: 'mp4', codec: 'h264', width: 320, height: 240, fps: 30, hasAudio: true },
    });
    expect(frames.map((f) => [f.frameNumber, f.timestampSeconds])).toEqual([
      [0, 0],
      [30, 1],
      [60, 2],
      [90, 3],
      [120, 4],
    ]);
    for (const frame of frames) expect(frame.data.length).toBe(320 * 240 * 3);
    // The moving pattern: successive samples differ.
    expect(Buffer.compare(Buffer.from(frames[0]!.data), Buffer.from(frames[1]!.data))).not.toBe(0);
  });

  test('at 25 fps every 25th frame; WebM and Matroska open as well as MP4', async () => {
    const webm = await read(testVideo({ seconds: 3, fps: 25, container: 'webm' }), {}, 'video/webm');
    expect(webm.result).toMatchObject({ ok: true, header: { container: 'matroska', codec: 'vp8', fps: 25 } });
    expect(webm.frames.map((f) => f.frameNumber)).toEqual([0, 25, 50]);
    const mkv = await read(testVideo({ seconds: 2, container: 'mkv' }), {}, 'application/octet-stream');
    expect(mkv.result).toMatchObject({ ok: true, sampled: 2 });
  });
});

describe('readVideo refuses bad input with a reason, in bounded time, keeping nothing', () => {
  const refused = async (bytes: Buffer, options: Partial<ReadVideoOptions> = {}, declaredMime?: string) => {
    const started = Date.now();
    const outcome = await read(bytes, options, declaredMime);
    if (outcome.result.ok) throw new Error('expected a refusal');
    expect(outcome.result.failure.message.length).toBeGreaterThan(30);
    expect(outcome.logged).toHaveLength(1);
    return { ...outcome, failure: outcome.result.failure, ms: Date.now() - started };
  };

  test('a truncated MP4 (index at the end, cut off)', async () => {
    const whole = testVideo({ seconds: 4 });
    const { failure } = await refused(whole.subarray(0, Math.floor(whole.length * 0.6)));
    expect(failure.code).toBe('truncated');
  });

  test('a truncated MP4 with its index in front: frames decoded before the cut are not kept as a result', async () => {
    const whole = testVideo({ seconds: 4, faststart: true });
    const { failure, frames } = await refused(whole.subarray(0, Math.floor(whole.length * 0.6)));
    expect(failure.code).toBe('truncated');
    // Frames may have been seen on the way; the refusal is what counts, and the caller drops them.
    expect(frames.length).toBeLessThan(4);
  });

  test('a claimed size of 100000 x 100000 pixels', async () => {
    const { failure, frames } = await refused(claimedSizeAvi(100_000, 100_000), {}, 'video/x-msvideo');
    expect(failure.code).toBe('too_many_pixels');
    expect(failure.message).toContain('100000 x 100000');
    expect(frames).toEqual([]);
  });

  test('a claimed size over the policy but inside what decoders take (16000 x 16000)', async () => {
    const { failure } = await refused(claimedSizeAvi(16_000, 16_000));
    expect(failure.code).toBe('too_many_pixels');
  });

  test('a 24-hour duration claim', async () => {
    const { failure, frames } = await refused(claimedDurationMkv(24 * 3600), {}, 'video/x-matroska');
    expect(failure.code).toBe('too_long');
    expect(failure.message).toContain('1440 minutes');
    expect(frames).toEqual([]);
  });

  test('a frame rate over the policy', async () => {
    const { failure } = await refused(testVideo({ seconds: 1, fps: 60, width: 64, height: 48 }), { limits: { maxFrameRate: 50 } });
    expect(failure.code).toBe('frame_rate_too_high');
  });

  test('a file over the byte limit is not even written for ffmpeg', async () => {
    const { failure } = await refused(testVideo({ seconds: 2 }), { limits: { maxBytes: 1000 } });
    expect(failure.code).toBe('too_many_bytes');
  });

  test('sound only', async () => {
    const { failure } = await refused(audioOnly(3), {}, 'audio/mp4');
    expect(failure.code).toBe('no_video_stream');
  });

  test('a concat list and an HLS playlist naming local files and URLs are never followed', async () => {
    const local = path.join(dir, 'local.mp4');
    writeFileSync(local, testVideo({ seconds: 2 }));
    const requests: string[] = [];
    const server = createServer((request, response) => {
      requests.push(request.url ?? '');
      response.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/segment.ts`;
    try {
      for (const bytes of [concatList([local, url]), hlsPlaylist([url, local]), hlsPlaylist([`file:${local}`])]) {
        expect((await refused(bytes, {}, 'application/vnd.apple.mpegurl')).failure.code).toBe('unsupported_type');
      }
      // Past the sniffing, ffmpeg itself is held to the MP4 demuxer and the file protocol.
      const disguised = await refused(playlistDisguisedAsMp4([url, local]));
      expect(['corrupt', 'truncated']).toContain(disguised.failure.code);
      expect(requests).toEqual([]);
    } finally {
      server.close();
    }
  });

  test('a declared image type on a video is refused as disguised', async () => {
    const { failure } = await refused(testVideo({ seconds: 1 }), {}, 'image/jpeg');
    expect(failure.code).toBe('type_mismatch');
  });

  test('ffprobe hanging on a file is killed at the probe budget', async () => {
    const hanging = hangingTool(mkdtempSync(path.join(dir, 'probe-')));
    const { failure, ms } = await refused(testVideo({ seconds: 2 }), {
      tools: { ffmpeg: videoTools.ffmpeg, ffprobe: hanging.file },
      limits: { probeTimeoutSeconds: 1 },
    });
    expect(failure.code).toBe('timed_out');
    expect(ms).toBeLessThan(8000);
    expect(processAlive(Number(readFileSync(hanging.pidFile, 'utf8')))).toBe(false);
  });

  test('ffmpeg hanging while decoding is killed at the decode budget', async () => {
    const hanging = hangingTool(mkdtempSync(path.join(dir, 'decode-')));
    const { failure, frames } = await refused(testVideo({ seconds: 2 }), {
      tools: { ffmpeg: hanging.file, ffprobe: videoTools.ffprobe },
      limits: { decodeTimeoutSeconds: 1 },
    });
    expect(failure.code).toBe('timed_out');
    expect(frames).toEqual([]);
    expect(processAlive(Number(readFileSync(hanging.pidFile, 'utf8')))).toBe(false);
  });

  test('a real decode over its time budget is stopped', async () => {
    const { failure } = await refused(testVideo({ seconds: 8, width: 1280, height: 720 }), { limits: { decodeTimeoutSeconds: 0.05 } });
    expect(failure.code).toBe('timed_out');
  });

  test('a decoder that needs more memory than allowed is stopped', async () => {
    const { failure } = await refused(testVideo({ seconds: 2, width: 1280, height: 720 }), { limits: { maxMemoryBytes: 64 * 1024 * 1024 } });
    expect(failure.code).toBe('corrupt');
    expect(failure.message).toContain('more memory than analysis allows');
  });

  test('missing binaries say so', async () => {
    const { failure } = await refused(testVideo({ seconds: 1 }), { tools: { unavailable: 'The ffmpeg shipped with the app is missing.' } });
    expect(failure.code).toBe('video_tools_unavailable');
  });
});
