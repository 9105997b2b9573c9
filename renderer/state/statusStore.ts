import { createStore, type StoreApi } from 'zustand/vanilla';
import type { WorkstationApi } from '../../electron/api';
import { asApiError } from '../api/asApiError';

/** A status core reports: read with one call, then kept current by its events. */
export interface StatusState<S> {
  status: S | null;
  /** Why the status could not be read, shown instead of a stale value. */
  problem: string | null;
  refresh(): Promise<void>;
  apply(status: S): void;
  reset(): void;
}

/** The store behind a status core owns (sync, wellness): it only holds what core said last. */
export function createStatusStore<S>(read: (api: WorkstationApi) => Promise<S>, api: WorkstationApi): StoreApi<StatusState<S>> {
  return createStore<StatusState<S>>()((set) => ({
    status: null,
    problem: null,
    async refresh() {
      try {
        set({ status: await read(api), problem: null });
      } catch (caught) {
        set({ problem: asApiError(caught).message });
      }
    },
    apply(status) {
      set({ status, problem: null });
    },
    reset() {
      set({ status: null, problem: null });
    },
  }));
}
