/**
 * A token bucket: bursts up to `capacity` requests, then `perSecond` on average. The web host
 * keeps one per launch token, so a runaway page or a process that found the token cannot flood
 * core; an ordinary shift (including a hover lens asking for a region as the pointer moves) stays
 * far below it.
 */
export function createRateLimit(options: { capacity: number; perSecond: number; now?: () => number }) {
  const now = options.now ?? (() => Date.now());
  let tokens = options.capacity;
  let at = now();
  return {
    /** Takes one request's worth; false (and nothing taken) when the bucket is empty. */
    take(): boolean {
      const t = now();
      tokens = Math.min(options.capacity, tokens + ((t - at) / 1000) * options.perSecond);
      at = t;
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    },
  };
}
