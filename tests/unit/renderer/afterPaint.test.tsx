// @vitest-environment happy-dom
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useAfterPaint } from '../../../renderer/components/useAfterPaint';
import { nextPaint } from '../../../renderer/paint/afterNextPaint';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

function Late({ shown }: { shown: object }) {
  return <p data-testid="late">{useAfterPaint(shown) ? 'drawn' : 'pending'}</p>;
}

/** Frames are run by hand: each call of frame() runs the callbacks of one frame, as before its paint. */
function manualFrames(): () => void {
  let callbacks: FrameRequestCallback[] = [];
  vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) => callbacks.push(callback));
  vi.stubGlobal('cancelAnimationFrame', (id: number) => {
    callbacks[id - 1] = () => undefined;
  });
  return () => {
    const due = callbacks;
    callbacks = [];
    for (const callback of due) callback(0);
  };
}

describe('a part that follows the first frame', () => {
  it('is not drawn in the frame that shows the screen, only after it is painted, and starts over for the next item', () => {
    vi.useFakeTimers();
    const frame = manualFrames();
    const first = {};
    const { rerender } = render(<Late shown={first} />);
    expect(screen.getByTestId('late').textContent).toBe('pending');
    // The frame's callbacks alone do not draw it: that frame is about to paint the screen without it.
    act(() => frame());
    expect(screen.getByTestId('late').textContent).toBe('pending');
    act(() => {
      vi.runAllTimers();
    });
    expect(screen.getByTestId('late').textContent).toBe('drawn');

    rerender(<Late shown={{}} />);
    expect(screen.getByTestId('late').textContent).toBe('pending');
    act(() => frame());
    act(() => {
      vi.runAllTimers();
    });
    expect(screen.getByTestId('late').textContent).toBe('drawn');
  });
});

describe('waiting for the next paint (a decision behind the next item)', () => {
  const settled = (promise: Promise<void>) => {
    const state = { done: false };
    void promise.then(() => (state.done = true));
    return state;
  };

  it('goes on once the frame is painted, not in its callbacks', async () => {
    vi.useFakeTimers();
    const frame = manualFrames();
    const waiting = settled(nextPaint(100));
    frame();
    await Promise.resolve();
    expect(waiting.done).toBe(false);
    await vi.advanceTimersByTimeAsync(0);
    expect(waiting.done).toBe(true);
  });

  it('goes on after the longest wait when no frame comes, as in a hidden window', async () => {
    vi.useFakeTimers();
    manualFrames();
    const waiting = settled(nextPaint(100));
    await vi.advanceTimersByTimeAsync(99);
    expect(waiting.done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(waiting.done).toBe(true);
  });
});
