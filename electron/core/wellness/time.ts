/**
 * Review time from review stretches (runs of review calls less than ACTIVITY_GAP_MS apart), and
 * what the gaps between them mean: a gap of at least the break length is a break taken, a gap of
 * SHIFT_GAP_MS or more ends the shift. Days are UTC days, so every workstation and the upstream
 * agree on which day an aggregate belongs to.
 */
import type { ReviewStretch } from '../store';

/** Review calls further apart than this are two stretches: the time between is not review time. */
export const ACTIVITY_GAP_MS = 3 * 60_000;
/** A gap this long between stretches ends a shift. */
export const SHIFT_GAP_MS = 4 * 60 * 60_000;

const HOUR_MS = 60 * 60_000;
const DAY_MS = 24 * HOUR_MS;

export const dayOf = (at: number): string => new Date(at).toISOString().slice(0, 10);
export const dayStart = (day: string): number => Date.parse(`${day}T00:00:00.000Z`);
export const nextDayStart = (day: string): number => dayStart(day) + DAY_MS;
export const iso = (at: number): string => new Date(at).toISOString();

interface Span {
  from: number;
  to: number;
}

const spans = (stretches: readonly ReviewStretch[]): Span[] => stretches.map((s) => ({ from: Date.parse(s.startedAt), to: Date.parse(s.endedAt) }));

/** Milliseconds of review inside [from, to). */
export function reviewMs(stretches: readonly ReviewStretch[], from: number, to: number): number {
  return spans(stretches).reduce((sum, s) => sum + Math.max(0, Math.min(s.to, to) - Math.max(s.from, from)), 0);
}

/** Groups of stretches with no gap of at least gapMs inside a group, in order. */
export function runs(stretches: readonly ReviewStretch[], gapMs: number): Span[] {
  const out: Span[] = [];
  for (const s of spans(stretches)) {
    const last = out.at(-1);
    if (last && s.from - last.to < gapMs) last.to = Math.max(last.to, s.to);
    else out.push({ ...s });
  }
  return out;
}

/** Shifts: stretches grouped at gaps of SHIFT_GAP_MS or more. */
export function shifts(stretches: readonly ReviewStretch[]): Span[] {
  return runs(stretches, SHIFT_GAP_MS);
}

/** When the shift under way began, or null when the last review was SHIFT_GAP_MS or more ago (the next call starts a new one). */
export function shiftStartedAt(stretches: readonly ReviewStretch[], now: number): number | null {
  const last = shifts(stretches).at(-1);
  return last && now - last.to < SHIFT_GAP_MS ? last.from : null;
}

/**
 * Where review time since the last break is counted from: the end of the latest gap of at least
 * breakMs (the start of the stretch after it), the end of the latest break core made due, or now
 * when the current pause is already that long.
 */
export function lastBreakEnd(stretches: readonly ReviewStretch[], breakMs: number, breakDoneAt: number | null, now: number): number {
  const groups = runs(stretches, breakMs);
  const last = groups.at(-1);
  if (last === undefined) return now;
  if (now - last.to >= breakMs) return now;
  return Math.max(last.from, breakDoneAt ?? -Infinity);
}

/** Breaks taken inside [from, to): gaps of at least breakMs between stretches that end inside it. */
export function breaksTaken(stretches: readonly ReviewStretch[], breakMs: number, from: number, to: number): number {
  const groups = runs(stretches, breakMs);
  return groups.slice(1).filter((g) => g.from >= from && g.from < to).length;
}

/** The longest review without a break inside [from, to), in ms. */
export function longestStretchMs(stretches: readonly ReviewStretch[], breakMs: number, from: number, to: number): number {
  return runs(stretches, breakMs).reduce((longest, g) => {
    const inside = stretches.filter((s) => Date.parse(s.startedAt) >= g.from && Date.parse(s.endedAt) <= g.to);
    return Math.max(longest, reviewMs(inside, from, to));
  }, 0);
}

export { DAY_MS, HOUR_MS };
