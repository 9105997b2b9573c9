/**
 * One logged reveal of one image: reveal.begin, the clear image under its revealId, and reveal.end
 * with how long and how much was shown. The clear URL is released the moment the reveal ends.
 */
import type { WorkstationApi } from '../../electron/api';

export interface OpenReveal {
  url: string;
  end(areaFraction: number): void;
}

export async function openReveal(
  api: WorkstationApi,
  request: { itemId: string; sha256: string; kind: 'hover_region' | 'hold_full'; grayscale: boolean },
  now: () => number = () => performance.now(),
): Promise<OpenReveal> {
  const { revealId } = await api.call('reveal.begin', { itemId: request.itemId, sha256: request.sha256, kind: request.kind });
  const startedAt = now();
  let url: string;
  try {
    url = await api.previewUrl({ itemId: request.itemId, sha256: request.sha256, tier: 'clear', grayscale: request.grayscale, revealId });
  } catch (caught) {
    void api.call('reveal.end', { revealId, durationMs: 0, areaFraction: 0 }).catch(() => undefined);
    throw caught;
  }
  let ended = false;
  return {
    url,
    end(areaFraction) {
      if (ended) return;
      ended = true;
      api.releasePreviewUrl(url);
      const durationMs = Math.max(0, Math.round(now() - startedAt));
      // The clear image is already off the screen; a lost reveal.end only leaves its duration unknown in the log.
      void api.call('reveal.end', { revealId, durationMs, areaFraction: Math.min(1, Math.max(0, areaFraction)) }).catch(() => undefined);
    },
  };
}
