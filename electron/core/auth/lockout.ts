import { ApiError } from '../../api';

export interface LockoutPolicy {
  /** Failed sign-ins of one username within windowMs that lock it. */
  maxFailures: number;
  windowMs: number;
  /** How long a locked username is refused, counted from the last failure. */
  lockMs: number;
}

/** Five tries in a quarter of an hour is more than a person mistyping needs, and slows guessing to a crawl. */
const DEFAULT_LOCKOUT: LockoutPolicy = { maxFailures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };

/**
 * Refuses sign-ins for a username after repeated failures, before the upstream is asked, so a
 * guessing loop on this workstation neither reaches the upstream nor gets an answer. Kept in
 * memory: a restart is not a faster way to guess than waiting, since the upstream sees the tries too.
 */
export function createSignInLockout(clock: () => Date, policy: LockoutPolicy = DEFAULT_LOCKOUT) {
  const failures = new Map<string, number[]>();
  const key = (username: string) => username.trim().toLowerCase();
  const recent = (username: string): number[] => {
    const since = clock().getTime() - policy.windowMs;
    return (failures.get(key(username)) ?? []).filter((at) => at > since);
  };

  return {
    check(username: string): void {
      const tries = recent(username);
      const last = tries.at(-1);
      if (tries.length < policy.maxFailures || last === undefined) return;
      const waitMs = last + policy.lockMs - clock().getTime();
      if (waitMs <= 0) return;
      throw new ApiError(
        'too_many_requests',
        `Sign-in for ${username} is paused after ${tries.length} failed attempts; try again in ${Math.ceil(waitMs / 60_000)} min, or ask your supervisor to check the account.`,
        'username',
      );
    },
    failed(username: string): void {
      failures.set(key(username), [...recent(username), clock().getTime()]);
    },
    succeeded(username: string): void {
      failures.delete(key(username));
    },
  };
}
