import { useEffect, useState } from 'react';
import { afterNextPaint } from '../paint/afterNextPaint';

/**
 * False until the screen showing `shown` has been painted, then true. For parts that can come a
 * frame late (a chart that measures the page as it mounts): the decision's next item paints first
 * and they follow, instead of holding its frame back. A new `shown` starts false again.
 */
export function useAfterPaint(shown: unknown): boolean {
  const [painted, setPainted] = useState<unknown>(null);
  useEffect(() => afterNextPaint(() => setPainted(() => shown)), [shown]);
  return painted === shown;
}
