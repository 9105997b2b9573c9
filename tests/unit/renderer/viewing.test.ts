import { describe, expect, it } from 'vitest';
import { createViewingStore } from '../../../renderer/state/viewing';

describe('viewing store', () => {
  it('starts every item at the policy default, whatever the last one was left at', () => {
    const viewing = createViewingStore();
    viewing.getState().startItem('item-1');
    viewing.getState().step('item-1', 'light');
    viewing.getState().toggleGrayscale('item-1', true);
    viewing.getState().hold(true);
    viewing.getState().showWarned('item-1');
    expect(viewing.getState()).toMatchObject({ tier: 'light', grayscale: false, holding: true, warnedShown: true });
    viewing.getState().startItem('item-2');
    expect(viewing.getState()).toMatchObject({ itemId: 'item-2', tier: 'default', grayscale: null, holding: false, warnedShown: false });
  });

  it('goes back to what core last served when it refuses a step, with its reason', () => {
    const viewing = createViewingStore();
    viewing.getState().startItem('item-1');
    viewing.getState().step('item-1', 'medium');
    viewing.getState().accepted('item-1');
    viewing.getState().step('item-1', 'light');
    viewing.getState().refused('item-1', 'below the floor');
    expect(viewing.getState()).toMatchObject({ tier: 'medium', problem: 'below the floor' });
    viewing.getState().step('item-1', 'heavy');
    expect(viewing.getState().problem).toBeNull();
  });

  it('toggles grayscale from what the images are served at when nothing was asked', () => {
    const viewing = createViewingStore();
    viewing.getState().startItem('item-1');
    viewing.getState().toggleGrayscale('item-1', false);
    expect(viewing.getState().grayscale).toBe(true);
    viewing.getState().toggleGrayscale('item-1', false);
    expect(viewing.getState().grayscale).toBe(false);
  });

  it('ignores steps and answers for an item no longer on screen', () => {
    const viewing = createViewingStore();
    viewing.getState().startItem('item-2');
    viewing.getState().step('item-1', 'light');
    viewing.getState().refused('item-1', 'late');
    expect(viewing.getState()).toMatchObject({ tier: 'default', problem: null });
  });

  it("steps through a video's keyframes with , and . and back to the storyboard past either end", () => {
    const viewing = createViewingStore();
    viewing.getState().startItem('item-1');
    expect(viewing.getState().frame).toBeNull();
    const frames: Array<number | null> = [];
    for (let i = 0; i < 4; i++) {
      viewing.getState().stepFrame('item-1', 1, 3);
      frames.push(viewing.getState().frame);
    }
    viewing.getState().stepFrame('item-1', -1, 3);
    frames.push(viewing.getState().frame);
    expect(frames).toEqual([0, 1, 2, null, 2]);
    viewing.getState().stepFrame('item-2', 1, 3);
    expect(viewing.getState().frame).toBe(2);
    viewing.getState().startItem('item-2');
    expect(viewing.getState().frame).toBeNull();
  });
});
