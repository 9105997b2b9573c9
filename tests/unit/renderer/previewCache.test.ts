import { describe, expect, it } from 'vitest';
import type { PreviewRequest } from '../../../electron/api';
import { createPreviewCache } from '../../../renderer/media/previewCache';

function fakeApi(fail = new Set<string>()) {
  const asked: PreviewRequest[] = [];
  const released: string[] = [];
  return {
    asked,
    released,
    async previewUrl(request: PreviewRequest) {
      asked.push(request);
      if (fail.has(request.itemId)) throw new Error('refused');
      return `blob:${request.itemId}/${request.tier}/${asked.length}`;
    },
    releasePreviewUrl(url: string) {
      released.push(url);
    },
  };
}

const request = (itemId: string, tier: 'heavy' | 'medium' = 'heavy') => ({ itemId, sha256: 'a'.repeat(64), tier, grayscale: true });

describe('preview cache', () => {
  it('asks once per item, image, tier and grayscale', async () => {
    const api = fakeApi();
    const cache = createPreviewCache(api);
    const [one, two] = await Promise.all([cache.get(request('i1')), cache.get(request('i1'))]);
    expect(one).toBe(two);
    await cache.get(request('i1', 'medium'));
    await cache.get({ ...request('i1'), grayscale: false });
    expect(api.asked).toHaveLength(3);
  });

  it('releases what belongs to items no longer kept, and only those', async () => {
    const api = fakeApi();
    const cache = createPreviewCache(api);
    const first = await cache.get(request('i1'));
    const next = await cache.get(request('i2'));
    cache.retain(new Set(['i2', 'i3']));
    await Promise.resolve();
    expect(api.released).toEqual([first]);
    expect(await cache.get(request('i2'))).toBe(next);
    expect(api.asked).toHaveLength(2);
  });

  it('does not remember a refusal', async () => {
    const fail = new Set(['i1']);
    const api = fakeApi(fail);
    const cache = createPreviewCache(api);
    await expect(cache.get(request('i1'))).rejects.toThrow('refused');
    fail.clear();
    await expect(cache.get(request('i1'))).resolves.toMatch(/^blob:i1/);
    expect(api.asked).toHaveLength(2);
  });
});
