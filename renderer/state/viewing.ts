/**
 * How much of the item on screen the moderator has asked to see: a blur step (1/2/3), grayscale
 * (G) and whether Space is held for the whole item clear. Core decides what is served: every new
 * item starts at the wellness policy's default ('default' here), a step only asks core for a
 * lighter tier, and when core refuses one (a floor, a locked grayscale, a clear-view limit) the
 * view goes back to what core last served and says why.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { BlurTier } from '../../electron/api';

export type { BlurTier };

export interface ViewingState {
  itemId: string | null;
  /** 'default': whatever the policy serves for each image. */
  tier: BlurTier | 'default';
  /** null: the policy's default for each image. */
  grayscale: boolean | null;
  holding: boolean;
  /** The moderator chose to see the item's images behind their warning screens. */
  warnedShown: boolean;
  /** Why core refused the last step; the view went back to what it served before. */
  problem: string | null;
  /** A video's keyframe on screen (0-based); null: its storyboard, every keyframe in a grid. */
  frame: number | null;
  startItem(itemId: string | null): void;
  step(itemId: string, tier: BlurTier): void;
  /** defaultGrayscale: what the images are served at when nothing was asked. */
  toggleGrayscale(itemId: string, defaultGrayscale: boolean): void;
  /** Core served the images at what is asked now: a later refusal goes back to this. */
  accepted(itemId: string): void;
  /** Core refused what is asked now: back to what it last served, with its reason. */
  refused(itemId: string, message: string): void;
  hold(on: boolean): void;
  showWarned(itemId: string): void;
  /**
   * Steps through a video's keyframes: from the storyboard to the first (or, back, the last),
   * then one by one, and past either end back to the storyboard.
   */
  stepFrame(itemId: string, delta: 1 | -1, keyframes: number): void;
}

export type ViewingStore = StoreApi<ViewingState>;

const policyDefault = { tier: 'default' as const, grayscale: null, holding: false, warnedShown: false, problem: null, frame: null };

export function createViewingStore(): ViewingStore {
  return createStore<ViewingState>()((set, get) => {
    let served: Pick<ViewingState, 'tier' | 'grayscale'> = { tier: policyDefault.tier, grayscale: policyDefault.grayscale };
    return {
      itemId: null,
      ...policyDefault,

      startItem(itemId) {
        if (get().itemId === itemId) return;
        served = { tier: policyDefault.tier, grayscale: policyDefault.grayscale };
        set({ itemId, ...policyDefault });
      },

      step(itemId, tier) {
        if (itemId !== get().itemId || tier === get().tier) return;
        set({ tier, problem: null });
      },

      toggleGrayscale(itemId, defaultGrayscale) {
        if (itemId !== get().itemId) return;
        set({ grayscale: !(get().grayscale ?? defaultGrayscale), problem: null });
      },

      accepted(itemId) {
        if (itemId === get().itemId) served = { tier: get().tier, grayscale: get().grayscale };
      },

      refused(itemId, message) {
        if (itemId === get().itemId) set({ ...served, problem: message });
      },

      hold(on) {
        if (get().holding !== on) set({ holding: on });
      },

      showWarned(itemId) {
        if (itemId === get().itemId) set({ warnedShown: true });
      },

      stepFrame(itemId, delta, keyframes) {
        if (itemId !== get().itemId || keyframes < 1) return;
        const current = get().frame;
        const next = current === null ? (delta === 1 ? 0 : keyframes - 1) : current + delta;
        set({ frame: next < 0 || next >= keyframes ? null : next });
      },
    };
  });
}
