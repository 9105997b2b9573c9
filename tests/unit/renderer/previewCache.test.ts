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

const request = (itemId: string, tier: 'default' | 'medium' = 'default') => ({ itemId, sha256: 'a'.repeat(64), tier });

describe('preview URLs', () => {
  it('asks core every time a view is shown, so each one is on the record, and gives back the one it replaces', async () => {
    const api = fakeApi();
    const cache = createPreviewCache(api);
    const first = await cache.get(request('i1'));
    const medium = await cache.get(request('i1', 'medium'));
    const again = await cache.get(request('i1'));
    expect(api.asked.map((r) => r.tier)).toEqual(['default', 'medium', 'default']);
    expect(again).not.toBe(first);
    expect(api.released).toEqual([first, medium]);
  });

  it('gives back what belongs to items no longer kept, and only those', async () => {
    const api = fakeApi();
    const cache = createPreviewCache(api);
    const first = await cache.get(request('i1'));
    await cache.get(request('i2'));
    cache.retain(new Set(['i2', 'i3']));
    expect(api.released).toEqual([first]);
  });

  it('passes a refusal on and keeps what was shown before', async () => {
    const fail = new Set<string>();
    const api = fakeApi(fail);
    const cache = createPreviewCache(api);
    await cache.get(request('i1'));
    fail.add('i1');
    await expect(cache.get(request('i1', 'medium'))).rejects.toThrow('refused');
    expect(api.released).toEqual([]);
  });
});
