/**
 * The moderator's wellness status as core reports it: read once, kept current by wellness.status
 * events, and re-read while a break counts down. Core decides every state; this only holds it.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { WellnessStatus, WorkstationApi } from '../../electron/api';
import { asApiError } from '../api/asApiError';

export interface WellnessStoreState {
  status: WellnessStatus | null;
  problem: string | null;
  refresh(): Promise<void>;
  apply(status: WellnessStatus): void;
  reset(): void;
}

export type WellnessStore = StoreApi<WellnessStoreState>;

export function createWellnessStore(api: WorkstationApi): WellnessStore {
  return createStore<WellnessStoreState>()((set) => ({
    status: null,
    problem: null,
    async refresh() {
      try {
        set({ status: await api.call('wellness.status', {}), problem: null });
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

/** Review stops (the break screen or the day-over screen) in these states. */
export const stopsReview = (status: WellnessStatus | null): boolean => status?.state === 'break_due' || status?.state === 'day_over';
