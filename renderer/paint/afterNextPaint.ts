/**
 * Calls `then` once the next frame has been painted; returns a cancel. Work that can wait a frame
 * (a chart that measures the page, a decision's request to core) runs after the screen a key press
 * leads to is on it, instead of holding that frame back.
 */
export function afterNextPaint(then: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  // The frame's callbacks run just before it is painted; a task queued from them runs after.
  const frame = requestAnimationFrame(() => {
    timer = setTimeout(then);
  });
  return () => {
    cancelAnimationFrame(frame);
    clearTimeout(timer);
  };
}

/** Resolves once the next frame is painted, or after `atMostMs` when none comes: a hidden window paints none. */
export function nextPaint(atMostMs: number): Promise<void> {
  return new Promise((resolve) => {
    const cancel = afterNextPaint(() => {
      clearTimeout(fallback);
      resolve();
    });
    const fallback = setTimeout(() => {
      cancel();
      resolve();
    }, atMostMs);
  });
}
