/**
 * Blurred preview URLs of the item on screen, so stepping back to a tier already served (or going
 * back to an item) does not ask core again. Only blurred tiers pass through here: a clear image or
 * a lens belongs to one logged reveal and is never kept. Nothing is fetched ahead: every preview
 * core serves is exposure on the record, so it is asked for only when it is shown; core warms the
 * next item's previews itself.
 */
import type { BlurTier, PreviewRequest, WorkstationApi } from '../../electron/api';

export type BlurredPreviewRequest = Omit<PreviewRequest, 'tier' | 'lens' | 'revealId'> & { tier: BlurTier | 'default' };

export interface PreviewCache {
  get(request: BlurredPreviewRequest): Promise<string>;
  /** Releases the URLs of every item not named, once they have loaded. */
  retain(itemIds: ReadonlySet<string>): void;
}

const keyOf = (r: BlurredPreviewRequest) => `${r.itemId}\u0000${r.sha256}\u0000${r.tier}\u0000${r.grayscale === undefined ? 'default' : r.grayscale ? 1 : 0}`;

export function createPreviewCache(api: Pick<WorkstationApi, 'previewUrl' | 'releasePreviewUrl'>): PreviewCache {
  const entries = new Map<string, { itemId: string; url: Promise<string> }>();

  return {
    get(request) {
      const key = keyOf(request);
      const found = entries.get(key);
      if (found) return found.url;
      const url = api.previewUrl(request);
      entries.set(key, { itemId: request.itemId, url });
      // A failure is not remembered: the next look at the item asks again.
      url.catch(() => {
        if (entries.get(key)?.url === url) entries.delete(key);
      });
      return url;
    },
    retain(itemIds) {
      for (const [key, entry] of entries) {
        if (itemIds.has(entry.itemId)) continue;
        entries.delete(key);
        entry.url.then((url) => api.releasePreviewUrl(url), () => undefined);
      }
    },
  };
}
