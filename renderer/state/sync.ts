/** The sync pill's data: read once, then kept current by 'sync.status' events. */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { SyncStatus, WorkstationApi } from '../../electron/api';
import { asApiError } from '../api/asApiError';

export interface SyncState {
  status: SyncStatus | null;
  /** Why the status could not be read, shown in the pill instead of a stale value. */
  problem: string | null;
  refresh(): Promise<void>;
  apply(status: SyncStatus): void;
  reset(): void;
}

export type SyncStore = StoreApi<SyncState>;

export function createSyncStore(api: WorkstationApi): SyncStore {
  return createStore<SyncState>()((set) => ({
    status: null,
    problem: null,
    async refresh() {
      try {
        set({ status: await api.call('sync.status', {}), problem: null });
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
