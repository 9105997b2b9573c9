import type { DecodeLimits } from './types';

export const DEFAULT_DECODE_LIMITS: Readonly<DecodeLimits> = {
  maxBytes: 50 * 1024 * 1024,
  maxPixels: 40_000_000,
  minSide: 5,
  timeoutSeconds: 20,
};

export function resolveLimits(overrides: Partial<DecodeLimits> | undefined): DecodeLimits {
  return { ...DEFAULT_DECODE_LIMITS, ...overrides };
}
