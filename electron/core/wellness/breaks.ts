import type { BreakRow } from '../store';

/** Two readings of idle time whose starts are this close belong to one idle period (the OS reports whole seconds). */
const SAME_PERIOD_MS = 2_000;

export type BreakProgress = Pick<BreakRow, 'countedSeconds' | 'idleFrom' | 'idleSeen'> & { totalSeconds: number; done: boolean };

/**
 * A break counts only the time the person is away. Each reading of the idle time (seconds since
 * the last input) extends the idle period under way, or banks it and starts a new one when the
 * person came back in between. Idle time before the break was due does not count. What core did
 * not see between two readings is not counted: a break never ends early.
 */
export function countIdle(b: BreakRow, now: number, idleSeconds: number): BreakProgress {
  const due = Date.parse(b.dueAt);
  let banked = b.countedSeconds;
  let from = b.idleFrom === null ? null : Date.parse(b.idleFrom);
  let seen = b.idleSeen === null ? null : Date.parse(b.idleSeen);
  const bank = () => {
    if (from !== null && seen !== null) banked += Math.max(0, seen - from) / 1000;
    from = null;
    seen = null;
  };
  if (idleSeconds <= 0 || now <= due) bank();
  else {
    const start = Math.max(now - idleSeconds * 1000, due);
    if (from === null || Math.abs(start - from) > SAME_PERIOD_MS) {
      bank();
      from = start;
    }
    seen = now;
  }
  const totalSeconds = banked + (from !== null && seen !== null ? Math.max(0, seen - from) / 1000 : 0);
  return {
    countedSeconds: banked,
    idleFrom: from === null ? null : new Date(from).toISOString(),
    idleSeen: seen === null ? null : new Date(seen).toISOString(),
    totalSeconds,
    done: totalSeconds >= b.requiredSeconds,
  };
}
