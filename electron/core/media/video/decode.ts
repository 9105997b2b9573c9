import type { UnanalysableReason } from '../decode/types';
import { inputArgs } from './ffmpegArgs';
import { classifyToolError, videoFailures } from './failures';
import { startTool } from './runTool';
import type { VideoFrame, VideoHeader, VideoLimits } from './types';

export type DecodeVideoResult = { ok: true; sampled: number } | { ok: false; failure: UnanalysableReason; cause?: string };

/**
 * Meta's vPDQ sampling: every frameMod-th decoded frame, frameMod = trunc(seconds x fps) and at
 * least 1 (so 29.97 fps at one second hashes every 29th frame, as the reference does).
 */
export function frameModulus(fps: number, secondsPerSample: number): number {
  return Math.max(1, Math.trunc(secondsPerSample * fps));
}

/** frameNumber / fps in float32 and rounded to milliseconds, as the reference prints timestamps. */
export function timestampOf(frameNumber: number, fps: number): number {
  return Number(Math.fround(frameNumber / Math.fround(fps)).toFixed(3));
}

/**
 * Decodes the first video stream and hands every sampled frame, full size in RGB24, to onFrame in
 * order. No rotation, no resize: the pixels vPDQ's reference hashes (libswscale's default BT.601
 * conversion). onFrame's promise holds the decoder back (pipe back-pressure), so memory stays
 * at a frame or two whatever the length. The caller must keep nothing from onFrame unless this
 * resolves ok: a timeout, a crash or a cut-short file after some frames is still a refusal.
 */
export async function decodeSampledFrames(
  ffmpeg: string,
  file: string,
  header: VideoHeader,
  limits: VideoLimits,
  secondsPerSample: number,
  onFrame: (frame: VideoFrame) => void | Promise<void>,
): Promise<DecodeVideoResult> {
  const { width, height, fps } = header;
  const modulus = frameModulus(fps, secondsPerSample);
  const frameBytes = width * height * 3;
  // The decoder may find more frames than the header claimed; it may not find more than policy allows.
  const maxSampled = Math.ceil((limits.maxDurationSeconds * fps) / modulus) + 1;
  const args = [
    '-nostdin',
    '-threads',
    '1',
    '-autorotate',
    '0',
    ...inputArgs(file, header.container, limits),
    '-map',
    '0:v:0',
    '-an',
    '-sn',
    '-dn',
    // A stream that changes size midway is scaled back to its first size, so every frame read below is whole.
    '-vf',
    `select=not(mod(n\\,${modulus})),scale=w=${width}:h=${height}:flags=area`,
    '-vsync',
    '0',
    '-f',
    'rawvideo',
    '-pix_fmt',
    'rgb24',
    'pipe:1',
  ];
  const tool = startTool(ffmpeg, args, { timeoutMs: limits.decodeTimeoutSeconds * 1000, memoryBytes: limits.maxMemoryBytes });
  let sampled = 0;
  let overLong = false;
  let pending: Buffer = Buffer.alloc(0);
  try {
    for await (const chunk of tool.stdout as AsyncIterable<Buffer>) {
      pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
      while (pending.length >= frameBytes) {
        const data = new Uint8Array(pending.subarray(0, frameBytes));
        pending = pending.subarray(frameBytes);
        const frameNumber = sampled * modulus;
        if (++sampled > maxSampled) {
          overLong = true;
          tool.kill();
          break;
        }
        await onFrame({ frameNumber, timestampSeconds: timestampOf(frameNumber, fps), width, height, data });
      }
      if (overLong) break;
    }
  } catch (error) {
    tool.kill();
    await tool.exit;
    throw error;
  }
  const exit = await tool.exit;
  if (exit.timedOut) return { ok: false, failure: videoFailures.timedOut('decode', limits.decodeTimeoutSeconds), cause: exit.stderr };
  if (overLong)
    return { ok: false, failure: videoFailures.tooLong(((maxSampled - 1) * modulus) / fps, limits), cause: 'more frames than the header claimed' };
  if (exit.code === null && exit.signal === null) return { ok: false, failure: videoFailures.toolsUnavailable(exit.stderr), cause: exit.stderr };
  // ffmpeg at -v error prints only errors: any at all means frames were lost (a cut-short file, damaged packets).
  if (exit.code !== 0 || exit.stderr.trim() !== '')
    return { ok: false, failure: classifyToolError(exit.stderr, exit.signal), cause: exit.stderr || `ffmpeg exit ${exit.code ?? exit.signal}` };
  if (pending.length !== 0)
    return { ok: false, failure: videoFailures.corrupt('its last frame was incomplete'), cause: `${pending.length} stray bytes` };
  if (sampled === 0) return { ok: false, failure: videoFailures.corrupt('it holds no decodable frame') };
  return { ok: true, sampled };
}
