import { describe, expect, it } from 'vitest';
import { contentHashes } from '../../../electron/core/analysis/decode';
import {
  createPreviewCache,
  renderPreview,
  type PreviewOptions,
  type PreviewRenderer,
  type RenderedPreview,
} from '../../../electron/core/analysis/preview';
import { texturedJpeg } from '../decode/fixtures';

const THUMB: PreviewOptions = { tier: 'heavy', grayscale: true, maxSize: 240 };

function countingRenderer(inner: PreviewRenderer = renderPreview) {
  const calls: PreviewOptions[] = [];
  const render: PreviewRenderer = (bytes, options) => {
    calls.push(options);
    return inner(bytes, options);
  };
  return { calls, render };
}

/** A stand-in preview of an exact size, for testing the byte accounting without decoding images. */
function previewOfSize(size: number): PreviewRenderer {
  return async (_bytes, options) => ({
    mimeType: 'image/webp',
    bytes: Buffer.alloc(size),
    width: options.maxSize,
    height: options.maxSize,
    tier: options.tier,
    grayscale: options.grayscale,
  });
}

describe('createPreviewCache', () => {
  it('returns the identical buffer on a hit without rendering again', async () => {
    const { calls, render } = countingRenderer();
    const cache = createPreviewCache({ maxBytes: 1_000_000, render });
    const photo = await texturedJpeg(400, 300);
    const first = await cache.render(photo, THUMB);
    const second = await cache.render(photo, { ...THUMB });
    expect(second.bytes).toBe(first.bytes);
    expect(calls).toHaveLength(1);
    expect(cache.stats()).toMatchObject({ entries: 1, hits: 1, misses: 1, bytes: first.bytes.length });
  });

  it('keys by content hash: a precomputed sha256 hits the entry the computed one made', async () => {
    const { calls, render } = countingRenderer();
    const cache = createPreviewCache({ maxBytes: 1_000_000, render });
    const photo = await texturedJpeg(64, 64);
    await cache.render(photo, THUMB);
    await cache.render(Buffer.from(photo), THUMB, contentHashes(photo).sha256);
    expect(calls).toHaveLength(1);
  });

  it('renders each distinct option set once, treating clamped sizes as the same request', async () => {
    const { calls, render } = countingRenderer(previewOfSize(10));
    const cache = createPreviewCache({ maxBytes: 10_000, render });
    const bytes = Buffer.from('item');
    const requests: PreviewOptions[] = [
      THUMB,
      { ...THUMB, grayscale: false },
      { ...THUMB, tier: 'light' },
      { ...THUMB, maxSize: 120 },
      { tier: 'clear', grayscale: false, maxSize: 1024 },
      { tier: 'clear', grayscale: false, maxSize: 4096 },
    ];
    for (const options of requests) await cache.render(bytes, options, 'sha-a');
    expect(calls.map((o) => `${o.tier}/${o.grayscale}/${o.maxSize}`)).toEqual([
      'heavy/true/240',
      'heavy/false/240',
      'light/true/240',
      'heavy/true/120',
      'clear/false/1024',
    ]);
  });

  it('shares one render between concurrent requests for the same preview', async () => {
    const { calls, render } = countingRenderer(previewOfSize(10));
    const cache = createPreviewCache({ maxBytes: 10_000, render });
    const [a, b, c] = await Promise.all([1, 2, 3].map(() => cache.render(Buffer.from('x'), THUMB, 'sha-a')));
    expect(calls).toHaveLength(1);
    expect(b).toBe(a);
    expect(c).toBe(a);
  });

  it('evicts the least recently used previews to stay within maxBytes', async () => {
    const { calls, render } = countingRenderer(previewOfSize(400));
    const cache = createPreviewCache({ maxBytes: 1000, render });
    const bytes = Buffer.from('x');
    await cache.render(bytes, THUMB, 'a');
    await cache.render(bytes, THUMB, 'b');
    await cache.render(bytes, THUMB, 'a');
    await cache.render(bytes, THUMB, 'c');
    expect(cache.stats()).toMatchObject({ entries: 2, bytes: 800, evictions: 1 });

    await cache.render(bytes, THUMB, 'a');
    expect(calls).toHaveLength(3);
    await cache.render(bytes, THUMB, 'b');
    expect(calls).toHaveLength(4);
  });

  it('does not keep a preview larger than the whole cache', async () => {
    const cache = createPreviewCache({ maxBytes: 100, render: previewOfSize(101) });
    await cache.render(Buffer.from('x'), THUMB, 'a');
    expect(cache.stats()).toMatchObject({ entries: 0, bytes: 0 });
  });

  it('does not cache a refusal, so a later good copy of the item renders', async () => {
    let attempts = 0;
    const flaky: PreviewRenderer = async (bytes, options) => {
      attempts++;
      if (attempts === 1) throw new Error('truncated download');
      return previewOfSize(10)(bytes, options);
    };
    const cache = createPreviewCache({ maxBytes: 1000, render: flaky });
    await expect(cache.render(Buffer.from('x'), THUMB, 'a')).rejects.toThrow('truncated download');
    await expect(cache.render(Buffer.from('x'), THUMB, 'a')).resolves.toMatchObject({ tier: 'heavy' });
    expect(attempts).toBe(2);
  });

  it('forgets every preview of a purged item, including one still rendering', async () => {
    let release: (preview: RenderedPreview) => void = () => {};
    const slow: PreviewRenderer = (_bytes, options) =>
      options.tier === 'light' ? new Promise((resolve) => (release = resolve)) : previewOfSize(10)(_bytes, options);
    const cache = createPreviewCache({ maxBytes: 1000, render: slow });
    const bytes = Buffer.from('x');
    await cache.render(bytes, THUMB, 'a');
    await cache.render(bytes, THUMB, 'b');
    const pending = cache.render(bytes, { ...THUMB, tier: 'light' }, 'a');

    cache.forget('a');
    release(await previewOfSize(10)(bytes, { ...THUMB, tier: 'light' }));
    await pending;
    expect(cache.stats()).toMatchObject({ entries: 1, bytes: 10 });
  });

  it('refuses a cache bound that is not a positive number', () => {
    expect(() => createPreviewCache({ maxBytes: 0 })).toThrow(/positive number of bytes/);
    expect(() => createPreviewCache({ maxBytes: Number.NaN })).toThrow(RangeError);
  });
});
