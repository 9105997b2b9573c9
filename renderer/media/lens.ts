/**
 * The hover lens: a logged hover reveal (reveal.begin), then, as the pointer moves, core renders
 * the blurred preview with only a circle around the pointer clear and records its area. The
 * renderer never holds more of the clear image than that circle. One request at a time, the
 * latest pointer position winning, at most one every LENS_INTERVAL_MS.
 */
import type { BlurTier, WorkstationApi } from '../../electron/api';

export const LENS_INTERVAL_MS = 80;

export interface LensTarget {
  itemId: string;
  sha256: string;
  tier: BlurTier | 'default';
  grayscale: boolean | undefined;
  /** Radius as a fraction of the image's shorter side: the policy's largest. */
  radius: number;
  /** The video keyframe on screen; absent for an image or a video's storyboard. */
  frame?: number;
}

export interface Lens {
  /** A pointer position as fractions of the image (0..1 across, 0..1 down). */
  move(x: number, y: number): void;
  /** Ends the reveal and gives back every URL it made. */
  end(): void;
}

export interface LensCallbacks {
  /** A new lens image to show over the preview; the previous one is released after this. */
  onImage(url: string): void;
  /** Core refused (a limit reached, no lens for this category): the lens is over. */
  onRefused(message: string): void;
  now?: () => number;
  setTimer?: (run: () => void, ms: number) => unknown;
}

export function openLens(api: Pick<WorkstationApi, 'call' | 'previewUrl' | 'releasePreviewUrl'>, target: LensTarget, callbacks: LensCallbacks): Lens {
  const now = callbacks.now ?? (() => performance.now());
  const setTimer = callbacks.setTimer ?? ((run: () => void, ms: number) => setTimeout(run, ms));
  let revealId: string | null = null;
  let ended = false;
  let inFlight = false;
  let waiting = false;
  let wanted: { x: number; y: number } | null = null;
  let lastSentAt = -Infinity;
  let shown: string | null = null;

  const fail = (caught: unknown) => {
    if (ended) return;
    callbacks.onRefused(caught instanceof Error ? caught.message : String(caught));
    end();
  };

  function pump(): void {
    if (ended || revealId === null || inFlight || waiting || wanted === null) return;
    const wait = lastSentAt + LENS_INTERVAL_MS - now();
    if (wait > 0) {
      waiting = true;
      setTimer(() => {
        waiting = false;
        pump();
      }, wait);
      return;
    }
    const at = wanted;
    wanted = null;
    inFlight = true;
    lastSentAt = now();
    const { itemId, sha256, tier, grayscale, radius } = target;
    api.previewUrl({ itemId, sha256, tier, grayscale, lens: { x: at.x, y: at.y, r: radius }, revealId, frame: target.frame }).then(
      (url) => {
        inFlight = false;
        if (ended) {
          api.releasePreviewUrl(url);
          return;
        }
        const previous = shown;
        shown = url;
        callbacks.onImage(url);
        if (previous !== null) api.releasePreviewUrl(previous);
        pump();
      },
      (caught: unknown) => {
        inFlight = false;
        fail(caught);
      },
    );
  }

  function end(): void {
    if (ended) return;
    ended = true;
    if (shown !== null) api.releasePreviewUrl(shown);
    shown = null;
    // The lens is already off the screen; a lost reveal.end only leaves the reveal open until core's limit.
    if (revealId !== null)
      void api
        .call('reveal.end', { revealId })
        .catch((error: unknown) => console.warn(`[lens] ending reveal ${revealId} failed; core closes it at its cap:`, error));
  }

  api.call('reveal.begin', { itemId: target.itemId, sha256: target.sha256, kind: 'hover_region' }).then((opened) => {
    revealId = opened.revealId;
    if (ended) {
      ended = false;
      end();
      return;
    }
    pump();
  }, fail);

  return {
    move(x, y) {
      wanted = { x: Math.min(1, Math.max(0, x)), y: Math.min(1, Math.max(0, y)) };
      pump();
    },
    end,
  };
}
