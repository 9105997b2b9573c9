/**
 * How much of the item on screen the moderator has chosen to see: the blur tier (1/2/3), grayscale
 * (G) and whether Space is held for the whole item clear. Every new item starts at the wellness
 * default again, and every step towards more detail is logged with core, since it adds exposure.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { WorkstationApi } from '../../electron/api';

export type BlurTier = 'heavy' | 'medium' | 'light';

/** The images of the item a step applies to: the ones actually drawn. */
export interface ShownMedia {
  itemId: string;
  sha256s: readonly string[];
}

export interface ViewingState {
  itemId: string | null;
  tier: BlurTier;
  grayscale: boolean;
  holding: boolean;
  /** Why a step could not be logged; it is then not taken, since an unlogged step must not show. */
  problem: string | null;
  startItem(itemId: string | null): void;
  step(tier: BlurTier, shown: ShownMedia): Promise<void>;
  toggleGrayscale(shown: ShownMedia): Promise<void>;
  hold(on: boolean): void;
}

export type ViewingStore = StoreApi<ViewingState>;

const wellnessDefault = { tier: 'heavy' as BlurTier, grayscale: true, holding: false, problem: null };
const detail: Record<BlurTier, number> = { heavy: 0, medium: 1, light: 2 };

export function createViewingStore(api: WorkstationApi): ViewingStore {
  return createStore<ViewingState>()((set, get) => {
    /** Logs first and shows after: a step core could not record is never shown. */
    async function logged(shown: ShownMedia, log: (sha256: string) => Promise<unknown>): Promise<boolean> {
      try {
        await Promise.all(shown.sha256s.map(log));
        return get().itemId === shown.itemId;
      } catch (caught) {
        if (get().itemId === shown.itemId) set({ problem: caught instanceof Error ? caught.message : String(caught) });
        return false;
      }
    }

    return {
      itemId: null,
      ...wellnessDefault,

      startItem(itemId) {
        if (get().itemId === itemId) return;
        set({ itemId, ...wellnessDefault });
      },

      async step(tier, shown) {
        const before = get().tier;
        if (tier === before || shown.itemId !== get().itemId) return;
        set({ problem: null });
        // Going back towards heavy blur shows less: nothing to log.
        if (detail[tier] < detail[before]) {
          set({ tier });
          return;
        }
        if (await logged(shown, (sha256) => api.call('reveal.step', { itemId: shown.itemId, sha256, kind: 'blur_step', tier }))) set({ tier });
      },

      async toggleGrayscale(shown) {
        if (shown.itemId !== get().itemId) return;
        set({ problem: null });
        if (!get().grayscale) {
          set({ grayscale: true });
          return;
        }
        const tier = get().tier;
        if (await logged(shown, (sha256) => api.call('reveal.step', { itemId: shown.itemId, sha256, kind: 'grayscale_off', tier }))) {
          set({ grayscale: false });
        }
      },

      hold(on) {
        if (get().holding !== on) set({ holding: on });
      },
    };
  });
}
