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

  it('plays a video keyframe by keyframe from the one on screen, stops after the last, and pauses for a step, a hold or another item', () => {
    const viewing = createViewingStore();
    const state = () => viewing.getState();
    state().startItem('item-1');
    state().togglePlay('item-1', 3);
    expect([state().playing, state().frame]).toEqual([true, 0]);
    const frames: Array<[boolean, number | null]> = [];
    for (let i = 0; i < 3; i++) {
      state().advancePlayback('item-1', 3);
      frames.push([state().playing, state().frame]);
    }
    expect(frames).toEqual([
      [true, 1],
      [true, 2],
      [false, 2],
    ]);
    // From the last keyframe, play starts over; a step stops it where the step lands.
    state().togglePlay('item-1', 3);
    expect([state().playing, state().frame]).toEqual([true, 0]);
    state().stepFrame('item-1', 1, 3);
    expect([state().playing, state().frame]).toEqual([false, 1]);
    state().togglePlay('item-1', 3);
    expect([state().playing, state().frame]).toEqual([true, 1]);
    state().hold(true);
    expect(state().playing).toBe(false);
    state().hold(false);
    state().togglePlay('item-1', 3);
    state().advancePlayback('item-2', 3);
    expect(state().frame).toBe(1);
    state().startItem('item-2');
    expect([state().playing, state().frame]).toEqual([false, null]);
    state().togglePlay('item-2', 0);
    expect(state().playing).toBe(false);
  });
});
