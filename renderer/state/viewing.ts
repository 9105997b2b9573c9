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
  /** Playing: the keyframes follow each other at their pace in the video, each one drawn by core. */
  playing: boolean;
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
  /** Starts playing from the keyframe on screen (from the first after the storyboard or the last), or stops. */
  togglePlay(itemId: string, keyframes: number): void;
  /** The next keyframe while playing; after the last one, playing stops there. */
  advancePlayback(itemId: string, keyframes: number): void;
}

export type ViewingStore = StoreApi<ViewingState>;

const policyDefault = { tier: 'default' as const, grayscale: null, holding: false, warnedShown: false, problem: null, frame: null, playing: false };

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
        // A clear view is of the keyframe it started on, so holding pauses playback.
        if (get().holding !== on) set(on ? { holding: on, playing: false } : { holding: on });
      },

      showWarned(itemId) {
        if (itemId === get().itemId) set({ warnedShown: true });
      },

      stepFrame(itemId, delta, keyframes) {
        if (itemId !== get().itemId || keyframes < 1) return;
        const current = get().frame;
        const next = current === null ? (delta === 1 ? 0 : keyframes - 1) : current + delta;
        set({ frame: next < 0 || next >= keyframes ? null : next, playing: false });
      },

      togglePlay(itemId, keyframes) {
        if (itemId !== get().itemId || keyframes < 1) return;
        if (get().playing) {
          set({ playing: false });
          return;
        }
        const frame = get().frame;
        set({ playing: true, frame: frame === null || frame >= keyframes - 1 ? 0 : frame });
      },

      advancePlayback(itemId, keyframes) {
        const { playing, frame } = get();
        if (itemId !== get().itemId || !playing) return;
        const next = (frame ?? -1) + 1;
        set(next >= keyframes ? { playing: false } : { frame: next });
      },
    };
  });
}
