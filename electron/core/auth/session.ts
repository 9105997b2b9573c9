import { type Account, accountSchema } from '@workstation/protocol';
import { ApiError } from '../../api';
import type { Keychain } from '../platform';
import type { Store } from '../store';
import { UpstreamError, type UpstreamClient } from '../sync';
import { createSignInLockout, type LockoutPolicy } from './lockout';

export interface Session {
  account: Account;
  token: string;
}

const ACCOUNT_KEY = 'session.account';
const TOKEN_KEY = 'upstream-token';

/** A stored value that is not JSON reads as undefined, so it fails the schema like any other bad shape. */
function parseStored(raw: string): unknown {
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return undefined;
  }
}

/** Long enough for a break, short enough that an unattended screen does not stay open to anyone. */
const SESSION_IDLE_LOCK_MS = 30 * 60_000;

export interface SessionsDeps {
  store: Store;
  client: UpstreamClient;
  keychain: Keychain;
  log: (line: string) => void;
  clock?: () => Date;
  /** After this long without a call, the window needs a sign-in again; uploads go on meanwhile. */
  idleLockMs?: number;
  lockout?: LockoutPolicy;
}

/**
 * Who is signed in on this workstation. The upstream token lives in the platform keychain, the
 * account in the store, so a restart (or a crash) resumes the session offline and the outbox keeps
 * draining under it. A session left without calls for idleLockMs is locked: calls are refused
 * until someone signs in again, while the sync loop keeps uploading what was decided.
 */
export function createSessions(deps: SessionsDeps) {
  const clock = deps.clock ?? (() => new Date());
  const idleLockMs = deps.idleLockMs ?? SESSION_IDLE_LOCK_MS;
  const lockout = createSignInLockout(clock, deps.lockout);
  let current: Session | null = null;
  let lastActivity = clock().getTime();
  const isLocked = () => current !== null && clock().getTime() - lastActivity > idleLockMs;

  return {
    current: (): Session | null => (isLocked() ? null : current),

    /** A call came in: the session stays open for another idleLockMs. */
    touch(): void {
      if (!isLocked()) lastActivity = clock().getTime();
    },

    /** Why there is no session to call with, when it is a lock rather than a sign-out. */
    lockNotice(): string | null {
      if (!isLocked() || !current) return null;
      return `The session of ${current.account.username} was locked after ${Math.round(idleLockMs / 60_000)} minutes without activity; sign in again to continue (uploads went on meanwhile).`;
    },

    async restore(): Promise<Session | null> {
      const raw = deps.store.setting(ACCOUNT_KEY);
      const token = await deps.keychain.get(TOKEN_KEY);
      if (!raw || !token) return null;
      const parsed = accountSchema.safeParse(parseStored(raw));
      if (!parsed.success) {
        deps.log(`[auth] stored session is unreadable; signing out: ${parsed.error.message}`);
        deps.store.deleteSetting(ACCOUNT_KEY);
        return null;
      }
      current = { account: parsed.data, token };
      lastActivity = clock().getTime();
      return current;
    },

    async login(username: string, password: string): Promise<Session> {
      lockout.check(username);
      try {
        const { token, account } = await deps.client.login(username, password);
        await deps.keychain.set(TOKEN_KEY, token);
        deps.store.putSetting(ACCOUNT_KEY, JSON.stringify(account));
        current = { account, token };
        lastActivity = clock().getTime();
        lockout.succeeded(username);
        deps.log(`[auth] ${account.username} signed in as ${account.role}`);
        return current;
      } catch (error) {
        if (error instanceof UpstreamError && error.failure.kind === 'http' && error.failure.status === 401) {
          lockout.failed(username);
          throw new ApiError('unauthenticated', 'Wrong username or password.', 'password');
        }
        // A 400 is about what was typed, not about the upstream being unreachable.
        if (error instanceof UpstreamError && error.failure.kind === 'http' && error.failure.status === 400) {
          throw new ApiError('bad_request', `The upstream refused the sign-in details: ${error.message}`, error.failure.field);
        }
        if (error instanceof UpstreamError) {
          throw new ApiError('upstream_unavailable', `Cannot sign in: ${error.message}`);
        }
        throw error;
      }
    },

    async logout(): Promise<void> {
      const s = current;
      current = null;
      deps.store.deleteSetting(ACCOUNT_KEY);
      await deps.keychain.delete(TOKEN_KEY);
      if (!s) return;
      try {
        await deps.client.logout(s.token);
      } catch (error) {
        deps.log(`[auth] upstream sign-out of ${s.account.username} failed; the local session is closed anyway: ${(error as Error).message}`);
      }
    },
  };
}

export type Sessions = ReturnType<typeof createSessions>;
