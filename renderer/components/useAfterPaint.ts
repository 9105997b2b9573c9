import { useEffect, useState } from 'react';

/**
 * False until the screen showing `shown` has been painted, then true. For parts that can come a
 * frame late (a chart that measures the page as it mounts): the decision's next item paints first
 * and they follow, instead of holding its frame back. A new `shown` starts false again.
 */
export function useAfterPaint(shown: unknown): boolean {
  const [painted, setPainted] = useState<unknown>(null);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    // The frame's callbacks run just before it is painted; a task queued from them runs after.
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => setPainted(() => shown));
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [shown]);
  return painted === shown;
}
