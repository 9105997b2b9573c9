import type { UnanalysableCode, UnanalysableReason } from '../decode/types';
import type { VideoLimits } from './types';

const reason = (code: UnanalysableCode, message: string): UnanalysableReason => ({ code, message });
const megapixels = (pixels: number) => (pixels / 1_000_000).toFixed(1);
const minutes = (seconds: number) => (seconds / 60).toFixed(seconds < 600 ? 1 : 0);

/** Why a video was refused, written for the moderator who sees it instead of the video. */
export const videoFailures = {
  empty: () => reason('empty', 'The file is empty (0 bytes): there is nothing to review. Ask for the item to be fetched again.'),
  tooManyBytes: (size: number, limits: VideoLimits) =>
    reason(
      'too_many_bytes',
      `The video is ${(size / 1048576).toFixed(0)} MB, over the ${(limits.maxBytes / 1048576).toFixed(0)} MB limit for on-device analysis, so it was not opened.`,
    ),
  notVideo: (what: string) =>
    reason(
      'unsupported_type',
      `The file is ${what}, not a video this workstation opens (MP4/QuickTime, WebM/Matroska or AVI). Playlists and file lists are never followed.`,
    ),
  typeMismatch: (declaredMime: string, actual: string) =>
    reason(
      'type_mismatch',
      `The file claims to be "${declaredMime}" but its content is ${actual}. A disguised file is not opened; report it as suspicious if that seems deliberate.`,
    ),
  noVideoStream: () => reason('no_video_stream', 'The file holds no video pictures (only sound or data), so there is nothing to analyse or show.'),
  tooManyPixels: (width: number, height: number, limits: VideoLimits) =>
    reason(
      'too_many_pixels',
      `The video claims frames of ${width} x ${height} pixels (${megapixels(width * height)} megapixels), over the ${megapixels(limits.maxPixels)} megapixel limit. Files like this are often built to exhaust memory, so it was not decoded.`,
    ),
  tooSmall: (width: number, height: number, limits: VideoLimits) =>
    reason(
      'too_small',
      `The video's frames are only ${width} x ${height} pixels, too small to analyse (the minimum is ${limits.minSide} x ${limits.minSide}).`,
    ),
  tooLong: (seconds: number, limits: VideoLimits) =>
    reason(
      'too_long',
      `The video claims to run ${minutes(seconds)} minutes, over the ${minutes(limits.maxDurationSeconds)} minute limit for on-device analysis, so it was not decoded. Ask a lead to route it to long-form review.`,
    ),
  frameRateTooHigh: (fps: number, limits: VideoLimits) =>
    reason(
      'frame_rate_too_high',
      `The video claims ${fps.toFixed(0)} frames per second, over the limit of ${limits.maxFrameRate}; such files are usually built to slow analysis down, so it was not decoded.`,
    ),
  timedOut: (stage: 'probe' | 'decode', seconds: number) =>
    reason(
      'timed_out',
      stage === 'probe'
        ? `Reading the video's header took longer than ${seconds} s, so it was stopped. The file may be built to stall decoders; report it as suspicious if that seems deliberate.`
        : `Decoding the video took longer than ${seconds} s, so it was stopped and nothing of it was kept. The file may be built to stall decoders; report it as suspicious if that seems deliberate.`,
    ),
  truncated: () =>
    reason(
      'truncated',
      'The video file is cut short (an incomplete download or a damaged upload), so its frames cannot be read in full. Ask for the item to be fetched again.',
    ),
  corrupt: (detail: string) => reason('corrupt', `The video file is damaged and could not be decoded (${detail}).`),
  crashed: () =>
    reason(
      'corrupt',
      'The video decoder stopped on this file: it needed more memory than analysis allows, or the file crashes decoders. Nothing of it was kept; report it as suspicious if that seems deliberate.',
    ),
  toolsUnavailable: (detail: string) =>
    reason('video_tools_unavailable', `Videos cannot be analysed on this workstation right now: ${detail} Ask IT to repair the installation.`),
};

const TRUNCATION_WORDS = /moov atom not found|partial file|truncat|unexpected end|end of file|premature/i;

/** Reads how ffmpeg or ffprobe ended for the moderator; the raw text goes to the log only. */
export function classifyToolError(stderr: string, signal: NodeJS.Signals | null): UnanalysableReason {
  // Killed by the OS (a memory cap hit, a crash): the file did this, not a slow network or a bug here.
  if (signal !== null) return videoFailures.crashed();
  if (TRUNCATION_WORDS.test(stderr)) return videoFailures.truncated();
  if (/cannot allocate|out of memory|max_alloc/i.test(stderr)) return videoFailures.crashed();
  return videoFailures.corrupt('its video data is invalid');
}
