import { z } from 'zod';
import type { UnanalysableReason, VideoContainer } from '../decode/types';
import { DEMUXERS, inputArgs } from './ffmpegArgs';
import { classifyToolError, videoFailures } from './failures';
import { runTool } from './runTool';
import type { VideoHeader, VideoLimits } from './types';

const MAX_PROBE_OUTPUT = 1024 * 1024;

const streamSchema = z.object({
  codec_type: z.string().optional(),
  codec_name: z.string().optional(),
  width: z.number().int().optional(),
  height: z.number().int().optional(),
  avg_frame_rate: z.string().optional(),
  r_frame_rate: z.string().optional(),
  duration: z.string().optional(),
  disposition: z.object({ attached_pic: z.number().optional() }).partial().optional(),
});
const probeSchema = z.object({
  streams: z.array(streamSchema).default([]),
  format: z.object({ format_name: z.string().optional(), duration: z.string().optional() }).optional(),
});

export type ProbeResult = { ok: true; header: VideoHeader } | { ok: false; failure: UnanalysableReason; cause?: string };

function rate(text: string | undefined): number {
  const [num, den] = (text ?? '0/0').split('/').map(Number);
  return num && den ? num / den : 0;
}

function seconds(text: string | undefined): number {
  const value = Number(text);
  return Number.isFinite(value) && value > 0 ? value : 0;
}

/** ffprobe's JSON on the file, then every policy check that needs no decoded frame. */
export async function probeVideo(ffprobe: string, file: string, container: VideoContainer, limits: VideoLimits): Promise<ProbeResult> {
  const args = [...inputArgs(file, container, limits), '-print_format', 'json', '-show_format', '-show_streams'];
  const run = await runTool(ffprobe, args, { timeoutMs: limits.probeTimeoutSeconds * 1000, memoryBytes: limits.maxMemoryBytes }, MAX_PROBE_OUTPUT);
  if (run.timedOut) return { ok: false, failure: videoFailures.timedOut('probe', limits.probeTimeoutSeconds), cause: run.stderr };
  if (run.code === null && run.signal === null) return { ok: false, failure: videoFailures.toolsUnavailable(run.stderr), cause: run.stderr };
  if (run.code !== 0 || run.overflow)
    return { ok: false, failure: classifyToolError(run.stderr, run.signal), cause: run.stderr || `ffprobe exit ${run.code ?? run.signal}` };

  let parsed: z.infer<typeof probeSchema>;
  try {
    parsed = probeSchema.parse(JSON.parse(run.stdout));
  } catch (error) {
    return { ok: false, failure: videoFailures.corrupt('its header could not be read'), cause: (error as Error).message };
  }
  const formatName = parsed.format?.format_name ?? '';
  if (!formatName.split(',').includes(DEMUXERS[container])) {
    return {
      ok: false,
      failure: videoFailures.corrupt('its header does not match its type'),
      cause: `sniffed ${container}, ffprobe read ${formatName}`,
    };
  }
  // Cover art in an audio file is a "video" stream of one picture; it is not a video.
  const stream = parsed.streams.find((s) => s.codec_type === 'video' && s.disposition?.attached_pic !== 1);
  if (!stream) return { ok: false, failure: videoFailures.noVideoStream() };
  // ffprobe blanks a size no decoder would accept (over INT_MAX/8 bytes) and says which it was.
  const invalid = /Picture size (\d+)x(\d+) is invalid/.exec(run.stderr);
  const width = stream.width || Number(invalid?.[1] ?? 0);
  const height = stream.height || Number(invalid?.[2] ?? 0);
  if (width * height > limits.maxPixels) return { ok: false, failure: videoFailures.tooManyPixels(width, height, limits) };
  if (width < limits.minSide || height < limits.minSide) return { ok: false, failure: videoFailures.tooSmall(width, height, limits) };
  const fps = rate(stream.avg_frame_rate) || rate(stream.r_frame_rate);
  if (fps > limits.maxFrameRate) return { ok: false, failure: videoFailures.frameRateTooHigh(fps, limits) };
  if (fps <= 0)
    return { ok: false, failure: videoFailures.corrupt('it states no frame rate'), cause: `avg ${stream.avg_frame_rate}, r ${stream.r_frame_rate}` };
  // A claim is a claim: the longest of the container's and the stream's durations counts.
  const durationSeconds = Math.max(seconds(parsed.format?.duration), seconds(stream.duration));
  if (durationSeconds > limits.maxDurationSeconds) return { ok: false, failure: videoFailures.tooLong(durationSeconds, limits) };
  return {
    ok: true,
    header: {
      container,
      codec: stream.codec_name ?? 'unknown',
      width,
      height,
      fps,
      durationSeconds,
      hasAudio: parsed.streams.some((s) => s.codec_type === 'audio'),
    },
  };
}
