/**
 * Holding Space: one logged hold reveal (reveal.begin), the whole image clear under its revealId,
 * and reveal.end when the key comes up. Core measures how long it was open; the clear URL is
 * released the moment the reveal ends.
 */
import type { WorkstationApi } from '../../electron/api';

export interface OpenReveal {
  url: string;
  end(): void;
}

/** frame: the video keyframe on screen, so the clear view is of what was being looked at. */
export async function openHold(
  api: WorkstationApi,
  request: { itemId: string; sha256: string; grayscale: boolean | undefined; frame?: number },
): Promise<OpenReveal> {
  const { revealId } = await api.call('reveal.begin', { itemId: request.itemId, sha256: request.sha256, kind: 'hold_full' });
  const close = () =>
    void api
      .call('reveal.end', { revealId })
      .catch((error: unknown) => console.warn(`[reveal] ending reveal ${revealId} failed; core closes it at its cap:`, error));
  let url: string;
  try {
    url = await api.previewUrl({
      itemId: request.itemId,
      sha256: request.sha256,
      tier: 'clear',
      grayscale: request.grayscale,
      revealId,
      frame: request.frame,
    });
  } catch (caught) {
    close();
    throw caught;
  }
  let ended = false;
  return {
    url,
    end() {
      if (ended) return;
      ended = true;
      api.releasePreviewUrl(url);
      // The clear image is already off the screen; a lost reveal.end only leaves the reveal open until core's limit.
      close();
    },
  };
}
