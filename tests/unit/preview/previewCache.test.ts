import { describe, expect, it } from 'vitest';
import { contentHashes } from '../../../electron/core/media/decode';
import { createPreviewCache, renderPreview, type PreviewOptions, type RenderedPreview } from '../../../electron/core/media/preview';
import { texturedJpeg } from '../decode/fixtures';

const THUMB: PreviewOptions = { tier: 'heavy', grayscale: true, maxSize: 240 };

/** A stand-in preview of an exact size, for testing the byte accounting without decoding images. */
function previewOfSize(size: number, options: PreviewOptions = THUMB): RenderedPreview {
  return { mimeType: 'image/webp', bytes: Buffer.alloc(size), width: 1, height: 1, tier: options.tier, grayscale: options.grayscale };
}

function countingRender(make: () => Promise<RenderedPreview>) {
  const counter = { calls: 0 };
  return { counter, render: () => (counter.calls++, make()) };
}

describe('createPreviewCache', () => {
  it('returns the identical buffer on a hit without rendering again', async () => {
    const cache = createPreviewCache({ maxBytes: 1_000_000 });
    const photo = await texturedJpeg(400, 300);
    const { sha256 } = contentHashes(photo);
    const { counter, render } = countingRender(() => renderPreview(photo, THUMB));
    const first = await cache.getOrRender(sha256, THUMB, render);
    const second = await cache.getOrRender(sha256, { ...THUMB }, render);
    expect(second.bytes).toBe(first.bytes);
    expect(counter.calls).toBe(1);
    expect(cache.stats()).toMatchObject({ entries: 1, hits: 1, misses: 1, bytes: first.bytes.length });
  });

  it('renders each distinct option set once, treating clamped sizes as the same request', async () => {
    const cache = createPreviewCache({ maxBytes: 10_000 });
    const rendered: string[] = [];
    const requests: PreviewOptions[] = [
      THUMB,
      { ...THUMB, grayscale: false },
      { ...THUMB, tier: 'light' },
      { ...THUMB, maxSize: 120 },
      { tier: 'clear', grayscale: false, maxSize: 1024 },
      { tier: 'clear', grayscale: false, maxSize: 4096 },
      { ...THUMB, maxSize: 240.4 },
    ];
    for (const options of requests) {
      await cache.getOrRender('sha-a', options, async () => {
        rendered.push(`${options.tier}/${options.grayscale}/${options.maxSize}`);
        return previewOfSize(10, options);
      });
    }
    expect(rendered).toEqual(['heavy/true/240', 'heavy/false/240', 'light/true/240', 'heavy/true/120', 'clear/false/1024']);
  });

  it('keeps different items apart', async () => {
    const cache = createPreviewCache({ maxBytes: 10_000 });
    const a = await cache.getOrRender('sha-a', THUMB, async () => previewOfSize(10));
    const b = await cache.getOrRender('sha-b', THUMB, async () => previewOfSize(20));
    expect(b).not.toBe(a);
    expect(cache.stats()).toMatchObject({ entries: 2, bytes: 30 });
  });

  it('shares one render between concurrent requests for the same preview', async () => {
    const cache = createPreviewCache({ maxBytes: 10_000 });
    const { counter, render } = countingRender(async () => previewOfSize(10));
    const [a, b, c] = await Promise.all([1, 2, 3].map(() => cache.getOrRender('sha-a', THUMB, render)));
    expect(counter.calls).toBe(1);
    expect(b).toBe(a);
    expect(c).toBe(a);
  });

  it('evicts the least recently used previews to stay within maxBytes', async () => {
    const cache = createPreviewCache({ maxBytes: 1000 });
    const { counter, render } = countingRender(async () => previewOfSize(400));
    for (const sha of ['a', 'b', 'a', 'c']) await cache.getOrRender(sha, THUMB, render);
    expect(cache.stats()).toMatchObject({ entries: 2, bytes: 800, evictions: 1 });

    await cache.getOrRender('a', THUMB, render);
    expect(counter.calls).toBe(3);
    await cache.getOrRender('b', THUMB, render);
    expect(counter.calls).toBe(4);
  });

  it('does not keep a preview larger than the whole cache', async () => {
    const cache = createPreviewCache({ maxBytes: 100 });
    await cache.getOrRender('a', THUMB, async () => previewOfSize(101));
    expect(cache.stats()).toMatchObject({ entries: 0, bytes: 0 });
  });

  it('does not cache a failed render, so a later good copy of the item renders', async () => {
    const cache = createPreviewCache({ maxBytes: 1000 });
    await expect(cache.getOrRender('a', THUMB, async () => Promise.reject(new Error('truncated download')))).rejects.toThrow('truncated download');
    await expect(
      cache.getOrRender('a', THUMB, () => {
        throw new Error('thrown before any promise');
      }),
    ).rejects.toThrow('thrown before any promise');
    await expect(cache.getOrRender('a', THUMB, async () => previewOfSize(10))).resolves.toMatchObject({ tier: 'heavy' });
    expect(cache.stats()).toMatchObject({ entries: 1, misses: 3 });
  });

  it('forgets every preview of a purged item, including one still rendering', async () => {
    const cache = createPreviewCache({ maxBytes: 1000 });
    await cache.getOrRender('a', THUMB, async () => previewOfSize(10));
    await cache.getOrRender('b', THUMB, async () => previewOfSize(10));
    let release: (preview: RenderedPreview) => void = () => {};
    const pending = cache.getOrRender('a', { ...THUMB, tier: 'light' }, () => new Promise((resolve) => (release = resolve)));
    await Promise.resolve();

    cache.forget('a');
    release(previewOfSize(10));
    await pending;
    expect(cache.stats()).toMatchObject({ entries: 1, bytes: 10 });
  });

  it('refuses a cache bound that is not a positive number', () => {
    expect(() => createPreviewCache({ maxBytes: 0 })).toThrow(/positive number of bytes/);
    expect(() => createPreviewCache({ maxBytes: Number.NaN })).toThrow(RangeError);
  });
});
