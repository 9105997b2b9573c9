/**
 * The blurred preview URLs of the items on screen. Every view is asked of core when it is shown,
 * never reused from an earlier answer: core records each preview it serves as exposure, open until
 * the next one, so showing a tier again without asking would put the screen and the record out of
 * step (and would show what a newer policy no longer allows). Nothing is fetched ahead either; core
 * warms the next item's previews itself. A clear image or a lens belongs to its reveal and never
 * passes through here.
 */
import type { BlurTier, PreviewRequest, WorkstationApi } from '../../electron/api';

export type BlurredPreviewRequest = Omit<PreviewRequest, 'tier' | 'lens' | 'revealId'> & { tier: BlurTier | 'default' };

export interface PreviewCache {
  /** A fresh URL from core; the one it replaces for the same image is given back. */
  get(request: BlurredPreviewRequest): Promise<string>;
  /** Gives back the URLs of every item not named. */
  retain(itemIds: ReadonlySet<string>): void;
}

const imageKey = (r: { itemId: string; sha256: string }) => `${r.itemId}\u0000${r.sha256}`;

export function createPreviewCache(api: Pick<WorkstationApi, 'previewUrl' | 'releasePreviewUrl'>): PreviewCache {
  const shown = new Map<string, { itemId: string; url: string }>();
  return {
    async get(request) {
      const url = await api.previewUrl(request);
      const key = imageKey(request);
      const previous = shown.get(key);
      shown.set(key, { itemId: request.itemId, url });
      if (previous) api.releasePreviewUrl(previous.url);
      return url;
    },
    retain(itemIds) {
      for (const [key, entry] of shown) {
        if (itemIds.has(entry.itemId)) continue;
        shown.delete(key);
        api.releasePreviewUrl(entry.url);
      }
    },
  };
}
