/**
 * The moderator's batch as the UI sees it: queue state from core, the item on screen, the last
 * decision (while it can be undone), the note being typed and the items selected for a multi-item
 * action. Core decides what is current; this store follows queue.state.currentItemId except while
 * the moderator looks back at another item of the batch (to correct it), so the UI never invents
 * review order.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type {
  ApiError,
  Decision,
  DecisionAction,
  ItemView,
  QueueState,
  ReasonCode,
  SkipReason,
  WorkstationApi,
  WorkstationEvent,
} from '../../electron/api';
import { asApiError } from '../api/asApiError';
import { nextPaint } from '../paint/afterNextPaint';
import type { PreviewCache } from '../media/previewCache';
import { childSafetyMatchOf } from '../signals/childSafety';
import { stopsReview } from './wellness';

/** Core could not renew the lease: the batch goes back to the pool at expiresAt unless a renewal still succeeds. */
export interface LeaseWarning {
  assignmentId: string;
  expiresAt: string;
}

/** The item after the current one, read ahead (queue.ahead) with its previews, to show the instant the current one is decided. */
export interface AheadItem {
  afterItemId: string;
  /** null when nothing follows in the batch. */
  view: ItemView | null;
  /** Its previews have arrived and are decoded (or could not be had, and will be asked for when shown). */
  ready: boolean;
}

export interface QueueStoreState {
  queue: QueueState | null;
  view: ItemView | null;
  ahead: AheadItem | null;
  reasonCodes: ReasonCode[];
  lastDecision: Decision | null;
  /** The item whose decision is on its way to core (it leaves after the next item's frame); U waits for it. */
  decidingItemId: string | null;
  note: string;
  /** Items chosen with X for a multi-item action; all from one account. */
  selected: string[];
  leaseWarning: LeaseWarning | null;
  busy: boolean;
  error: ApiError | null;
  load(focusItemId?: string): Promise<void>;
  pull(): Promise<void>;
  /** Show another item of the batch, e.g. a decided one to correct. */
  viewItem(itemId: string): Promise<void>;
  /** Re-read the item on screen (its analysis was still running). */
  refreshView(): Promise<void>;
  /** Decide the item on screen; on a decided item this records a correction. */
  decide(action: DecisionAction, reasonCode: string | null): Promise<void>;
  /** Skip the item on screen; core records the reason with the note (the one typed, unless given). */
  skip(reason: SkipReason, note?: string): Promise<void>;
  /** The same decision on every selected item; the selection is cleared after. */
  decideSelected(action: DecisionAction, reasonCode: string | null): Promise<void>;
  toggleSelected(itemId: string): void;
  /** A core event other than sync.status: re-read what it concerns. */
  onEvent(event: Exclude<WorkstationEvent, { type: 'sync.status' }>): Promise<void>;
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
  previews: PreviewCache;
}

/** A decision behind the next item waits at most this long for that item's frame (a hidden window paints none). */
const DECISION_WAITS_FOR_FRAME_MS = 100;

const initial = {
  queue: null,
  view: null,
  ahead: null,
  reasonCodes: [],
  lastDecision: null,
  decidingItemId: null,
  note: '',
  selected: [],
  leaseWarning: null,
  busy: false,
  error: null,
} satisfies Partial<QueueStoreState>;

/** The queue as it will be once core has stored the decision on decidedId: the next item current. */
function advanced(queue: QueueState, decidedId: string, nextId: string, action: DecisionAction): QueueState {
  const status = action === 'skip' ? ('skipped' as const) : ('decided' as const);
  return {
    ...queue,
    items: queue.items.map((i) => (i.id === decidedId ? { ...i, status } : i)),
    currentItemId: nextId,
    progress: { ...queue.progress, done: queue.progress.done + 1 },
  };
}

/**
 * Images of an item read ahead that show at once when it is: analysed, no child-safety match (never
 * shown) and no warning first (the moderator chooses to see those).
 */
function shownAhead(view: ItemView): string[] {
  const warned = new Set(view.wellness.media.filter((w) => w.warning !== null).map((w) => w.sha256));
  return view.signals.media.filter((m) => m.status === 'analysed' && childSafetyMatchOf(m) === null && !warned.has(m.sha256)).map((m) => m.sha256);
}

/** A warning stands until the lease is renewed past it, expires, or the batch is another one. */
function standingWarning(warning: LeaseWarning | null, queue: QueueState): LeaseWarning | null {
  if (warning === null || queue.assignment?.id !== warning.assignmentId || queue.leaseState === 'expired') return null;
  return Date.parse(queue.assignment.leaseExpiresAt) > Date.parse(warning.expiresAt) ? null : warning;
}

export function createQueueStore(api: WorkstationApi, options: QueueStoreOptions): QueueStore {
  const { previews } = options;
  return createStore<QueueStoreState>()((set, get) => {
    // Loads can overlap (an event arrives mid-decision); only the newest may write.
    let loadSeq = 0;
    /** The decision on its way to core, if any. */
    let deciding: Promise<void> | null = null;

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
      const current = itemId !== null && itemId === queue.currentItemId;
      const ahead = current && get().ahead?.afterItemId === itemId ? get().ahead : null;
      previews.retain(new Set([itemId, ahead?.view?.item.id].filter((id) => id != null)));
      const known = new Set(queue.items.map((i) => i.id));
      set({
        queue,
        view,
        ahead,
        selected: get().selected.filter((id) => known.has(id)),
        leaseWarning: standingWarning(get().leaseWarning, queue),
      });
      // Read once per current item: a queue change that leaves it current keeps what was read ahead.
      if (current && ahead === null) void readAhead(itemId, seq);
    }

    /**
     * Reads the item after the current one and its default previews, so deciding paints it in the
     * next frame. Failing only means it loads when shown; a refusal that matters (signed out, a
     * break due) reaches the moderator through the calls that show things.
     */
    async function readAhead(afterItemId: string, seq: number): Promise<void> {
      let view: ItemView | null;
      try {
        ({ view } = await api.call('queue.ahead', { itemId: afterItemId }));
      } catch (caught) {
        const error = asApiError(caught);
        if (error.code === 'unauthenticated') fail(error);
        return;
      }
      if (seq !== loadSeq || get().view?.item.id !== afterItemId) return;
      const reading: AheadItem = { afterItemId, view, ready: view === null };
      set({ ahead: reading });
      if (view === null) return;
      await previews.prefetch(view.item.id, shownAhead(view));
      // A queue change meanwhile (a sync, an event) reloads but keeps what is being read ahead: it is ready if still kept.
      if (get().ahead === reading && get().view?.item.id === afterItemId) set({ ahead: { ...reading, ready: true } });
    }

    async function reload(focusItemId?: string): Promise<void> {
      const seq = ++loadSeq;
      const queue = await api.call('queue.state', {});
      await show(queue, focusItemId, seq);
    }

    async function record(itemId: string, action: DecisionAction, reasonCode: string | null, note: string | null, skipReason?: SkipReason) {
      const input = { itemId, action, reasonCode, note };
      const { decision } = await api.call('review.decide', skipReason === undefined ? input : { ...input, skipReason });
      return decision;
    }

    /**
     * Decides the item on screen. When it is the current item and the next one was read ahead, the
     * next one is shown at once and the decision goes to core behind it; should core not store the
     * decision, the item comes back on screen with the reason, its note as typed.
     */
    async function decideWith(action: DecisionAction, reasonCode: string | null, note: string | null, skipReason?: SkipReason): Promise<void> {
      // A key pressed on the next item while the decision before it is still on its way to core waits its turn.
      const pressedOn = get().view?.item.id;
      while (deciding !== null) await deciding;
      const { view, busy, ahead, queue } = get();
      if (busy || view === null || view.item.id !== pressedOn) return;
      const done = decideNow(view, ahead, queue, action, reasonCode, note, skipReason);
      deciding = done;
      try {
        await done;
      } finally {
        deciding = null;
        set({ decidingItemId: null });
      }
    }

    async function decideNow(
      view: ItemView,
      ahead: AheadItem | null,
      queue: QueueState | null,
      action: DecisionAction,
      reasonCode: string | null,
      note: string | null,
      skipReason?: SkipReason,
    ): Promise<void> {
      const next = queue !== null && ahead?.afterItemId === view.item.id && queue.currentItemId === view.item.id ? ahead.view : null;
      const typed = get().note;
      if (next) {
        loadSeq += 1;
        set({
          busy: true,
          error: null,
          decidingItemId: view.item.id,
          view: next,
          ahead: null,
          note: '',
          queue: advanced(queue!, view.item.id, next.item.id, action),
        });
      } else set({ busy: true, error: null, decidingItemId: view.item.id });
      try {
        // Starting the request costs the page about a millisecond; with the next item already on
        // screen, it waits for that item's frame. The decision is still only done once core has stored it.
        if (next) await nextPaint(DECISION_WAITS_FOR_FRAME_MS);
        const decision = await record(view.item.id, action, reasonCode, note, skipReason);
        set({ lastDecision: decision, note: next ? get().note : '' });
        await reload();
        set({ busy: false });
      } catch (caught) {
        if (next) {
          loadSeq += 1;
          set({ view, queue, note: typed });
        }
        fail(caught);
      }
    }

    const typedNote = () => {
      const trimmed = get().note.trim();
      return trimmed === '' ? null : trimmed;
    };

    return {
      ...initial,

      async load(focusItemId) {
        // A decision, pull or undo under way reloads when it is done; reading now could show the state before it.
        if (get().busy) return;
        try {
          // An event-driven reload keeps the moderator on the item they chose to look at.
          const { view, queue } = get();
          const looking = view !== null && queue !== null && view.item.id !== queue.currentItemId ? view.item.id : undefined;
          await Promise.all([reload(focusItemId ?? looking), ensureReasonCodes()]);
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
          set({ busy: false, lastDecision: null, note: '', selected: [] });
        } catch (caught) {
          fail(caught);
        }
      },

      async viewItem(itemId) {
        try {
          await reload(itemId);
        } catch (caught) {
          fail(caught);
        }
      },

      async refreshView() {
        const shown = get().view;
        if (shown === null) return;
        const seq = loadSeq;
        try {
          const view = await api.call('queue.item', { itemId: shown.item.id });
          if (seq === loadSeq && get().view?.item.id === view.item.id) set({ view });
        } catch (caught) {
          fail(caught);
        }
      },

      decide(action, reasonCode) {
        return decideWith(action, reasonCode, typedNote());
      },

      skip(reason, note) {
        return decideWith('skip', null, note ?? typedNote(), reason);
      },

      async decideSelected(action, reasonCode) {
        const { selected, busy } = get();
        if (busy || selected.length === 0) return;
        set({ busy: true, error: null });
        try {
          const note = typedNote();
          let last: Decision | null = null;
          for (const itemId of selected) last = await record(itemId, action, reasonCode, note);
          set({ lastDecision: last, note: '', selected: [] });
          await reload();
          set({ busy: false });
        } catch (caught) {
          fail(caught);
        }
      },

      toggleSelected(itemId) {
        const { queue, selected } = get();
        const handleOf = (id: string) => queue?.items.find((i) => i.id === id)?.accountHandle;
        if (selected.includes(itemId)) {
          set({ selected: selected.filter((id) => id !== itemId) });
          return;
        }
        // A multi-item action is about one account: choosing another account's item starts over.
        const sameAccount = selected.length === 0 || handleOf(selected[0]!) === handleOf(itemId);
        set({ selected: sameAccount ? [...selected, itemId] : [itemId] });
      },

      async onEvent(event) {
        if (event.type === 'item.analysed') {
          // Only the item on screen changes what can be done now, and the one read ahead what it will show.
          const { view, ahead } = get();
          if (view?.item.id === event.itemId) await get().refreshView();
          else if (ahead?.view?.item.id === event.itemId && view?.item.id === ahead.afterItemId) await readAhead(ahead.afterItemId, loadSeq);
          return;
        }
        if (event.type === 'wellness.status') {
          // Nothing is offered while review stops; once it resumes, what stopped it is no error any more.
          if (stopsReview(event.status)) return;
          set({ error: null });
        }
        if (event.type === 'lease.expiring') set({ leaseWarning: { assignmentId: event.assignmentId, expiresAt: event.expiresAt } });
        await get().load();
      },

      async undo(nowMs) {
        // U pressed while a decision is still on its way to core undoes that decision once core has it.
        const onItsWay = get().decidingItemId;
        while (deciding !== null) await deciding;
        const { lastDecision, busy } = get();
        if (busy || lastDecision === null || Date.parse(lastDecision.undoUntil) <= nowMs) return;
        // Core did not store it (the item came back with the reason): nothing of it to undo, and not the one before.
        if (onItsWay !== null && lastDecision.itemId !== onItsWay) return;
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
        previews.retain(new Set());
        set({ ...initial });
      },
    };
  });
}
