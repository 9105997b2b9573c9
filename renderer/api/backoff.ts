/**
 * Reconnect delay for the event socket: exponential with full-range jitter on the upper half, so
 * many windows that lost the host at once do not all knock at the same moment.
 */
export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
}

export const eventSocketBackoff: BackoffPolicy = { baseMs: 500, maxMs: 15_000 };

/** attempt counts from 0; random() is in [0, 1). */
export function reconnectDelayMs(attempt: number, policy: BackoffPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt));
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}
