import { logRefusal, resolveLogger } from '../decode/refusalLog';
import { sniffMediaType } from '../decode';
import type { DecodeLogger, UnanalysableReason } from '../decode/types';
import { decodeSampledFrames } from './decode';
import { videoFailures } from './failures';
import { resolveVideoLimits } from './limits';
import { probeVideo } from './probe';
import { withTempFile } from './tempFile';
import type { VideoFrame, VideoHeader, VideoLimits, VideoToolPaths } from './types';

export interface ReadVideoOptions {
  /** The binaries, or why there are none (the platform could not find them). */
  tools: VideoToolPaths | { unavailable: string };
  limits?: Partial<VideoLimits>;
  /** One frame per this many seconds, as vPDQ samples; 1 by default. */
  secondsPerSample?: number;
  log?: DecodeLogger;
  /** Who the bytes belong to, repeated in the log line. */
  context?: string;
}

export type ReadVideoResult = { ok: true; header: VideoHeader; sampled: number } | { ok: false; failure: UnanalysableReason };

/**
 * Video and audio MIME types fit a video container (an audio/mp4 file is an MP4 that probing
 * finds without pictures); octet-stream and nothing at all are no claim.
 */
function declaredMismatch(declaredMime: string | undefined): boolean {
  if (declaredMime === undefined) return false;
  const essence = (declaredMime.split(';')[0] ?? '').trim().toLowerCase();
  const noClaim = essence === '' || essence === 'application/octet-stream' || essence === 'binary/octet-stream';
  return !(noClaim || essence.startsWith('video/') || essence.startsWith('audio/'));
}

/**
 * Reads an untrusted video: size, magic bytes and declared type first, then ffprobe's header
 * against policy, then the sampled frames through onFrame. Bad input never throws: it resolves
 * { ok: false } with a reason for the moderator, and one line goes to the log. Frames handed to
 * onFrame before a refusal must be dropped by the caller.
 */
export async function readVideo(
  bytes: Buffer,
  declaredMime: string | undefined,
  options: ReadVideoOptions,
  onFrame: (frame: VideoFrame, header: VideoHeader) => void | Promise<void>,
): Promise<ReadVideoResult> {
  const limits = resolveVideoLimits(options.limits);
  const refuse = (failure: UnanalysableReason, cause?: unknown): ReadVideoResult => {
    logRefusal(resolveLogger(options.log), { operation: 'video', context: options.context, declaredMime, size: bytes.length }, failure, cause);
    return { ok: false, failure };
  };
  if (bytes.length === 0) return refuse(videoFailures.empty());
  if (bytes.length > limits.maxBytes) return refuse(videoFailures.tooManyBytes(bytes.length, limits));
  const sniffed = sniffMediaType(bytes);
  if (sniffed.kind !== 'video') {
    const what =
      sniffed.kind === 'image'
        ? `a ${sniffed.format.toUpperCase()} image`
        : sniffed.kind === 'svg'
          ? 'an SVG drawing'
          : sniffed.kind === 'other'
            ? sniffed.name
            : 'not a recognisable video (it may be a playlist or a list of files)';
    return refuse(videoFailures.notVideo(what));
  }
  if (declaredMismatch(declaredMime)) return refuse(videoFailures.typeMismatch(declaredMime!, sniffed.name));
  const { tools } = options;
  if ('unavailable' in tools) return refuse(videoFailures.toolsUnavailable(tools.unavailable));

  return withTempFile(bytes, async (file) => {
    const probed = await probeVideo(tools.ffprobe, file, sniffed.container, limits);
    if (!probed.ok) return refuse(probed.failure, probed.cause);
    const { header } = probed;
    const decoded = await decodeSampledFrames(tools.ffmpeg, file, header, limits, options.secondsPerSample ?? 1, (frame) => onFrame(frame, header));
    if (!decoded.ok) return refuse(decoded.failure, decoded.cause);
    return { ok: true, header, sampled: decoded.sampled };
  });
}
