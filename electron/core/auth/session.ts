import { type Account, accountSchema } from '@workstation/protocol';
import { ApiError } from '../../api';
import type { Keychain } from '../platform';
import type { Store } from '../store';
import { UpstreamError, type UpstreamClient } from '../sync';

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

/**
 * Who is signed in on this workstation. The upstream token lives in the platform keychain, the
 * account in the store, so a restart (or a crash) resumes the session offline and the outbox keeps
 * draining under it.
 */
export function createSessions(deps: { store: Store; client: UpstreamClient; keychain: Keychain; log: (line: string) => void }) {
  let current: Session | null = null;

  return {
    current: (): Session | null => current,

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
      return current;
    },

    async login(username: string, password: string): Promise<Session> {
      try {
        const { token, account } = await deps.client.login(username, password);
        await deps.keychain.set(TOKEN_KEY, token);
        deps.store.putSetting(ACCOUNT_KEY, JSON.stringify(account));
        current = { account, token };
        deps.log(`[auth] ${account.username} signed in as ${account.role}`);
        return current;
      } catch (error) {
        if (error instanceof UpstreamError && error.failure.kind === 'http' && error.failure.status === 401) {
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
