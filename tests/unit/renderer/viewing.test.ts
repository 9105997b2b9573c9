import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../electron/api';
import { createViewingStore } from '../../../renderer/state/viewing';
import { FakeWorkstation } from './fakeWorkstation';

const shown = { itemId: 'item-1', sha256s: ['a'.repeat(64)] };

describe('viewing store', () => {
  it('starts every item at heavy blur and grayscale, whatever the last one was left at', async () => {
    const api = new FakeWorkstation();
    const viewing = createViewingStore(api);
    viewing.getState().startItem('item-1');
    await viewing.getState().step('light', shown);
    await viewing.getState().toggleGrayscale(shown);
    viewing.getState().hold(true);
    expect(viewing.getState()).toMatchObject({ tier: 'light', grayscale: false, holding: true });
    viewing.getState().startItem('item-2');
    expect(viewing.getState()).toMatchObject({ itemId: 'item-2', tier: 'heavy', grayscale: true, holding: false });
  });

  it('logs only steps towards more detail', async () => {
    const api = new FakeWorkstation();
    const viewing = createViewingStore(api);
    viewing.getState().startItem('item-1');
    await viewing.getState().step('medium', shown);
    await viewing.getState().step('heavy', shown);
    await viewing.getState().toggleGrayscale(shown);
    await viewing.getState().toggleGrayscale(shown);
    expect(api.steps.map((s) => [s.kind, s.tier])).toEqual([
      ['blur_step', 'medium'],
      ['grayscale_off', 'heavy'],
    ]);
  });

  it('does not take a step core cannot log, and says why', async () => {
    const api = new FakeWorkstation();
    api.call = async () => {
      throw new ApiError('upstream_unavailable', 'The reveal log is not writable.');
    };
    const viewing = createViewingStore(api);
    viewing.getState().startItem('item-1');
    await viewing.getState().step('light', shown);
    expect(viewing.getState()).toMatchObject({ tier: 'heavy', problem: 'The reveal log is not writable.' });
    await viewing.getState().toggleGrayscale(shown);
    expect(viewing.getState().grayscale).toBe(true);
  });

  it('ignores a step for an item no longer on screen', async () => {
    const api = new FakeWorkstation();
    const viewing = createViewingStore(api);
    viewing.getState().startItem('item-2');
    await viewing.getState().step('light', shown);
    expect(viewing.getState().tier).toBe('heavy');
    expect(api.steps).toEqual([]);
  });
});
