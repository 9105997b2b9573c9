/**
 * Exponential backoff with full jitter (delay drawn uniformly from [0, min(cap, base * 2^n)]):
 * many workstations coming back online at once spread their retries instead of stampeding.
 * A server's Retry-After is a floor: retrying earlier would only be refused again.
 */
export interface BackoffPolicy {
  baseMs: number;
  capMs: number;
}

export const defaultBackoff: BackoffPolicy = { baseMs: 1_000, capMs: 5 * 60_000 };

export function backoffDelay(failures: number, retryAfterMs: number | null, random: () => number, policy: BackoffPolicy = defaultBackoff): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, failures - 1));
  const jittered = Math.floor(random() * ceiling);
  return retryAfterMs === null ? jittered : Math.max(retryAfterMs, jittered);
}
