import { normalisePreviewOptions } from './previewOptions';
import type { PreviewOptions, RenderedPreview } from './types';

export interface PreviewCacheOptions {
  /** Upper bound on the summed size of cached WebP bytes; least recently used entries go first. */
  maxBytes: number;
}

export interface PreviewCacheStats {
  entries: number;
  bytes: number;
  hits: number;
  misses: number;
  evictions: number;
}

export interface PreviewCache {
  /**
   * The cached preview of the media with this SHA-256 under these options; on a miss, `render`
   * makes it (typically `() => renderPreview(bytes, options)`). Concurrent requests for the same
   * preview share one render; a render that fails is not cached.
   */
  getOrRender(sha256: string, options: PreviewOptions, render: () => Promise<RenderedPreview>): Promise<RenderedPreview>;
  /** Drops every preview of one item, e.g. once its media is purged after the decision syncs. */
  forget(sha256: string): void;
  clear(): void;
  stats(): PreviewCacheStats;
}

function cacheKey(sha256: string, options: PreviewOptions): string {
  return `${sha256}|${options.tier}|${options.grayscale ? 'grey' : 'colour'}|${options.maxSize}`;
}

export function createPreviewCache({ maxBytes }: PreviewCacheOptions): PreviewCache {
  if (!Number.isFinite(maxBytes) || maxBytes <= 0) {
    throw new RangeError(`createPreviewCache: maxBytes must be a positive number of bytes, got ${maxBytes}`);
  }
  // Map iteration order is insertion order: re-inserting on every hit keeps the oldest use first.
  const entries = new Map<string, RenderedPreview>();
  const inFlight = new Map<string, Promise<RenderedPreview>>();
  const counters = { bytes: 0, hits: 0, misses: 0, evictions: 0 };

  const remove = (key: string): void => {
    const entry = entries.get(key);
    if (!entry) return;
    entries.delete(key);
    counters.bytes -= entry.bytes.length;
  };

  const settle = (key: string, rendering: Promise<RenderedPreview>): void => {
    if (inFlight.get(key) === rendering) inFlight.delete(key);
  };

  const store = (key: string, preview: RenderedPreview): void => {
    if (preview.bytes.length > maxBytes) return;
    remove(key);
    entries.set(key, preview);
    counters.bytes += preview.bytes.length;
    for (const oldest of entries.keys()) {
      if (counters.bytes <= maxBytes) break;
      remove(oldest);
      counters.evictions++;
    }
  };

  return {
    getOrRender(sha256, options, render) {
      const key = cacheKey(sha256, normalisePreviewOptions(options));
      const cached = entries.get(key);
      if (cached) {
        counters.hits++;
        entries.delete(key);
        entries.set(key, cached);
        return Promise.resolve(cached);
      }
      const pending = inFlight.get(key);
      if (pending) {
        counters.hits++;
        return pending;
      }
      counters.misses++;
      const rendering: Promise<RenderedPreview> = Promise.resolve()
        .then(render)
        .then(
          (preview) => {
            // A forget() or clear() during the render means the item is gone: do not bring it back.
            if (inFlight.get(key) === rendering) store(key, preview);
            settle(key, rendering);
            return preview;
          },
          (error: unknown) => {
            settle(key, rendering);
            throw error;
          },
        );
      inFlight.set(key, rendering);
      return rendering;
    },
    forget(sha256) {
      const prefix = `${sha256}|`;
      for (const key of [...inFlight.keys()]) if (key.startsWith(prefix)) inFlight.delete(key);
      for (const key of [...entries.keys()]) if (key.startsWith(prefix)) remove(key);
    },
    clear() {
      inFlight.clear();
      for (const key of [...entries.keys()]) remove(key);
    },
    stats: () => ({ entries: entries.size, ...counters }),
  };
}
