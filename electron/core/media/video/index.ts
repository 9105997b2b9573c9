/**
 * Video: ffprobe and ffmpeg (binaries the platform chooses) on untrusted files, bounded in time,
 * memory, size, length and frame rate, with only the file itself ever opened.
 */
export { DEFAULT_VIDEO_LIMITS, resolveVideoLimits } from './limits';
export { frameModulus, timestampOf } from './decode';
export { readVideo, type ReadVideoOptions, type ReadVideoResult } from './readVideo';
export type { VideoFrame, VideoHeader, VideoLimits, VideoToolPaths } from './types';
