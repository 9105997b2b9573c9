/** Who is signed in, and the login screen's data (demo accounts, the last sign-in error). */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Account, ApiError, DemoAccount, WorkstationApi } from '../../electron/api';
import { asApiError } from '../api/asApiError';

export interface SessionState {
  phase: 'loading' | 'signedOut' | 'signedIn';
  account: Account | null;
  demoAccounts: DemoAccount[];
  busy: boolean;
  error: ApiError | null;
  /** Whether error answers a sign-in attempt (so "unauthenticated" means wrong credentials). */
  errorFromSignIn: boolean;
  start(): Promise<void>;
  login(username: string, password: string): Promise<void>;
  logout(): Promise<void>;
  /** Another call found the session gone (host restarted, token expired). */
  ended(error: ApiError): void;
  clearError(): void;
}

export type SessionStore = StoreApi<SessionState>;

export function createSessionStore(api: WorkstationApi): SessionStore {
  return createStore<SessionState>()((set, get) => {
    async function showLogin(error: ApiError | null): Promise<void> {
      set({ phase: 'signedOut', account: null, busy: false, error, errorFromSignIn: false });
      try {
        const { accounts } = await api.call('session.demoAccounts', {});
        set({ demoAccounts: accounts });
      } catch (caught) {
        set({ demoAccounts: [], error: get().error ?? asApiError(caught) });
      }
    }

    return {
      phase: 'loading',
      account: null,
      demoAccounts: [],
      busy: false,
      error: null,
      errorFromSignIn: false,

      async start() {
        try {
          const { account } = await api.call('session.current', {});
          if (account) set({ phase: 'signedIn', account, error: null });
          else await showLogin(null);
        } catch (caught) {
          await showLogin(asApiError(caught));
        }
      },

      async login(username, password) {
        if (get().busy) return;
        set({ busy: true, error: null });
        try {
          const { account } = await api.call('session.login', { username, password });
          set({ phase: 'signedIn', account, busy: false });
        } catch (caught) {
          set({ busy: false, error: asApiError(caught), errorFromSignIn: true });
        }
      },

      async logout() {
        set({ busy: true });
        try {
          await api.call('session.logout', {});
          await showLogin(null);
        } catch (caught) {
          set({ busy: false, error: asApiError(caught) });
        }
      },

      ended(error) {
        void showLogin(error);
      },

      clearError() {
        set({ error: null });
      },
    };
  });
}
