import { useEffect, useState } from 'react';

/**
 * The current time for countdowns: re-rendered every intervalMs, and read fresh on every render,
 * so a deadline that arrives between ticks (a new decision, a new lease) is never measured
 * against a stale clock.
 */
export function useNow(intervalMs: number): number {
  const [, setTick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setTick((tick) => tick + 1), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  // eslint-disable-next-line react-hooks/purity -- read fresh on purpose (see above); the tick only schedules renders
  return Date.now();
}
