/**
 * The blurred preview URLs of the items on screen. Every view is asked of core when it is shown,
 * never reused from an earlier answer: core records each preview it serves as exposure, open until
 * the next one, so showing a tier again without asking would put the screen and the record out of
 * step (and would show what a newer policy no longer allows). The one exception is the next item's
 * default preview, read ahead (queue.ahead) and decoded before the moderator decides, so it paints
 * in the frame after the key press: core counts it from that decision on, and it is shown once.
 * A clear image or a lens belongs to its reveal and never passes through here.
 */
import type { BlurTier, PreviewRequest, WorkstationApi } from '../../electron/api';

export type BlurredPreviewRequest = Omit<PreviewRequest, 'tier' | 'lens' | 'revealId' | 'ahead'> & { tier: BlurTier | 'default' };

export interface PreviewCache {
  /** A fresh URL from core; the one it replaces for the same image is given back. */
  get(request: BlurredPreviewRequest): Promise<string>;
  /**
   * Asks core for the default preview of each image of the item read ahead and decodes it, so it
   * paints at once when that item is shown. An image already read ahead is not asked again.
   */
  prefetch(itemId: string, sha256s: readonly string[]): Promise<void>;
  /** The decoded preview read ahead for this image: null if it could not be had, undefined if none was asked. */
  ahead(itemId: string, sha256: string): Promise<string | null> | undefined;
  /** The same, once it has arrived, for the first paint; null until then. */
  aheadNow(itemId: string, sha256: string): string | null;
  /** Gives back the URLs of every item not named. */
  retain(itemIds: ReadonlySet<string>): void;
}

/** Makes the browser decode an image before it is needed; what it returns must be kept while the URL may be shown. */
export type Decoder = (url: string) => Promise<unknown>;

/**
 * Decodes in an Image kept alive with the entry: the document's list of available images then
 * paints an <img> of the same URL from memory, with no second request to core.
 */
const decodeInImage: Decoder = async (url) => {
  const image = new Image();
  image.src = url;
  await image.decode();
  return image;
};

const imageKey = (r: { itemId: string; sha256: string }) => `${r.itemId}\u0000${r.sha256}`;

interface Ahead {
  itemId: string;
  arrived: Promise<string | null>;
  url: string | null;
  /** The decoded image, held so the browser keeps it. */
  held: unknown;
}

export function createPreviewCache(api: Pick<WorkstationApi, 'previewUrl' | 'releasePreviewUrl'>, decode: Decoder = decodeInImage): PreviewCache {
  const shown = new Map<string, { itemId: string; url: string }>();
  const readAhead = new Map<string, Ahead>();

  function forgetAhead(key: string): void {
    const entry = readAhead.get(key);
    readAhead.delete(key);
    if (entry?.url) api.releasePreviewUrl(entry.url);
  }

  return {
    async get(request) {
      const url = await api.previewUrl(request);
      const key = imageKey(request);
      const previous = shown.get(key);
      shown.set(key, { itemId: request.itemId, url });
      if (previous) api.releasePreviewUrl(previous.url);
      forgetAhead(key);
      return url;
    },
    async prefetch(itemId, sha256s) {
      const fresh = sha256s.filter((sha256) => !readAhead.has(imageKey({ itemId, sha256 })));
      await Promise.all(
        fresh.map((sha256) => {
          const key = imageKey({ itemId, sha256 });
          const entry: Ahead = { itemId, url: null, held: null, arrived: Promise.resolve(null) };
          entry.arrived = api.previewUrl({ itemId, sha256, tier: 'default', ahead: true }).then(
            async (url) => {
              entry.held = await decode(url).catch(() => null);
              // Given back meanwhile (another batch, sign-out): the URL is not kept.
              if (readAhead.get(key) !== entry) {
                api.releasePreviewUrl(url);
                return null;
              }
              entry.url = url;
              return url;
            },
            // Refused or failed ahead (a policy change, the queue moved on): the image is asked for when shown, and any refusal is shown then.
            () => null,
          );
          readAhead.set(key, entry);
          return entry.arrived;
        }),
      );
    },
    ahead(itemId, sha256) {
      return readAhead.get(imageKey({ itemId, sha256 }))?.arrived;
    },
    aheadNow(itemId, sha256) {
      return readAhead.get(imageKey({ itemId, sha256 }))?.url ?? null;
    },
    retain(itemIds) {
      for (const [key, entry] of shown) {
        if (itemIds.has(entry.itemId)) continue;
        shown.delete(key);
        api.releasePreviewUrl(entry.url);
      }
      for (const [key, entry] of readAhead) if (!itemIds.has(entry.itemId)) forgetAhead(key);
    },
  };
}
