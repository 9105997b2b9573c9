/**
 * The moderator's batch as the UI sees it: queue state from core, the item on screen, the last
 * decision (while it can be undone), and the note being typed. Core decides what is current; this
 * store only follows queue.state.currentItemId, so the UI never invents review order.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type {
  ApiError,
  Decision,
  DecisionAction,
  ItemView,
  QueueState,
  ReasonCode,
  WorkstationApi,
} from '../../electron/api';
import { asApiError } from '../api/asApiError';

export interface QueueStoreState {
  queue: QueueState | null;
  view: ItemView | null;
  reasonCodes: ReasonCode[];
  lastDecision: Decision | null;
  note: string;
  busy: boolean;
  error: ApiError | null;
  load(focusItemId?: string): Promise<void>;
  pull(): Promise<void>;
  decide(action: DecisionAction, reasonCode: string | null): Promise<void>;
  /** Undo lastDecision if its window is still open at nowMs. */
  undo(nowMs: number): Promise<void>;
  setNote(note: string): void;
  clearError(): void;
  reset(): void;
}

export type QueueStore = StoreApi<QueueStoreState>;

export interface QueueStoreOptions {
  /** Called when a call reports the session gone, so the app can return to the login screen. */
  onUnauthenticated(error: ApiError): void;
}

const initial = {
  queue: null,
  view: null,
  reasonCodes: [],
  lastDecision: null,
  note: '',
  busy: false,
  error: null,
} satisfies Partial<QueueStoreState>;

export function createQueueStore(api: WorkstationApi, options: QueueStoreOptions): QueueStore {
  return createStore<QueueStoreState>()((set, get) => {
    // Loads can overlap (an event arrives mid-decision); only the newest may write.
    let loadSeq = 0;

    function fail(caught: unknown): void {
      const error = asApiError(caught);
      set({ busy: false, error });
      if (error.code === 'unauthenticated') options.onUnauthenticated(error);
    }

    async function ensureReasonCodes(): Promise<void> {
      if (get().reasonCodes.length > 0) return;
      const { reasonCodes } = await api.call('policy.reasonCodes', {});
      set({ reasonCodes });
    }

    async function show(queue: QueueState, focusItemId: string | undefined, seq: number): Promise<void> {
      const itemId = focusItemId ?? queue.currentItemId;
      const view = itemId === null ? null : await api.call('queue.item', { itemId });
      if (seq !== loadSeq) return;
      set({ queue, view });
    }

    async function reload(focusItemId?: string): Promise<void> {
      const seq = ++loadSeq;
      const queue = await api.call('queue.state', {});
      await show(queue, focusItemId, seq);
    }

    return {
      ...initial,

      async load(focusItemId) {
        try {
          await Promise.all([reload(focusItemId), ensureReasonCodes()]);
        } catch (caught) {
          fail(caught);
        }
      },

      async pull() {
        if (get().busy) return;
        set({ busy: true, error: null });
        try {
          const seq = ++loadSeq;
          const queue = await api.call('queue.lease', {});
          await Promise.all([show(queue, undefined, seq), ensureReasonCodes()]);
          set({ busy: false, lastDecision: null, note: '' });
        } catch (caught) {
          fail(caught);
        }
      },

      async decide(action, reasonCode) {
        const { view, busy, note } = get();
        if (busy || view === null || view.status !== 'pending') return;
        set({ busy: true, error: null });
        try {
          const trimmed = note.trim();
          const { decision } = await api.call('review.decide', {
            itemId: view.item.id,
            action,
            reasonCode,
            note: trimmed === '' ? null : trimmed,
          });
          set({ lastDecision: decision, note: '' });
          await reload();
          set({ busy: false });
        } catch (caught) {
          fail(caught);
        }
      },

      async undo(nowMs) {
        const { lastDecision, busy } = get();
        if (busy || lastDecision === null || Date.parse(lastDecision.undoUntil) <= nowMs) return;
        set({ busy: true, error: null });
        try {
          const { itemId } = await api.call('review.undo', { decisionId: lastDecision.id });
          set({ lastDecision: null });
          await reload(itemId);
          set({ busy: false });
        } catch (caught) {
          fail(caught);
        }
      },

      setNote(note) {
        set({ note });
      },

      clearError() {
        set({ error: null });
      },

      reset() {
        loadSeq += 1;
        set({ ...initial });
      },
    };
  });
}
