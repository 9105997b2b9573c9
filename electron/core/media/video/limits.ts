import type { VideoLimits } from './types';

export const DEFAULT_VIDEO_LIMITS: Readonly<VideoLimits> = {
  maxBytes: 500 * 1024 * 1024,
  maxDurationSeconds: 15 * 60,
  maxPixels: 3840 * 2160,
  minSide: 5,
  maxFrameRate: 120,
  probeTimeoutSeconds: 10,
  decodeTimeoutSeconds: 300,
  maxMemoryBytes: 1536 * 1024 * 1024,
};

export function resolveVideoLimits(overrides: Partial<VideoLimits> | undefined): VideoLimits {
  return { ...DEFAULT_VIDEO_LIMITS, ...overrides };
}
