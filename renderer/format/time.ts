/** Time shown to moderators: countdowns, account ages, "last sync" moments. Pure, locale-aware. */

import { formatter, numberFormat } from './intl';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "m:ss" under an hour, "h:mm:ss" above; never negative. Rounds up so "0:00" means expired. */
export function formatCountdown(remainingMs: number): string {
  return clock(Math.max(0, Math.ceil(remainingMs / SECOND)));
}

/** A position in a video, as a player shows it: "m:ss", whole seconds reached. */
export function formatPosition(seconds: number): string {
  return clock(Math.max(0, Math.floor(seconds)));
}

function clock(totalSeconds: number): string {
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  const ss = String(seconds).padStart(2, '0');
  if (hours > 0) return `${hours}:${String(minutes).padStart(2, '0')}:${ss}`;
  return `${minutes}:${ss}`;
}

/** Whole seconds left, rounded up, for "(Ns)" toasts; 0 once the moment has passed. */
export function secondsLeft(untilIso: string, nowMs: number): number {
  return Math.max(0, Math.ceil((Date.parse(untilIso) - nowMs) / SECOND));
}

export function msUntil(untilIso: string, nowMs: number): number {
  return Date.parse(untilIso) - nowMs;
}

/**
 * How long an account has existed, in the largest unit that reads naturally: days under two
 * months, months under two years, then years. Account age is a risk signal, so it is never
 * rounded up.
 */
export function formatAccountAge(createdAtIso: string, nowMs: number, locale: string): string {
  const ageMs = Math.max(0, nowMs - Date.parse(createdAtIso));
  const days = Math.floor(ageMs / DAY);
  const [value, unit] = days < 60 ? [days, 'day'] : days < 730 ? [Math.floor(days / 30.44), 'month'] : [Math.floor(days / 365.25), 'year'];
  return numberFormat(locale, { style: 'unit', unit, unitDisplay: 'long' }).format(value);
}

/** "2 minutes ago" style, for the last successful sync. */
export function formatSince(pastIso: string, nowMs: number, locale: string): string {
  const elapsed = Math.max(0, nowMs - Date.parse(pastIso));
  const rtf = formatter(`since ${locale}`, () => new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }));
  if (elapsed < MINUTE) return rtf.format(-Math.floor(elapsed / SECOND), 'second');
  if (elapsed < HOUR) return rtf.format(-Math.floor(elapsed / MINUTE), 'minute');
  if (elapsed < DAY) return rtf.format(-Math.floor(elapsed / HOUR), 'hour');
  return rtf.format(-Math.floor(elapsed / DAY), 'day');
}

/** The name of a content language in the UI language ("German", "Deutsch"). */
export function languageName(code: string, uiLocale: string): string {
  return formatter(`language ${uiLocale}`, () => new Intl.DisplayNames([uiLocale], { type: 'language' })).of(code) ?? code;
}

/** A calendar day, for dates far ahead (how long a report's content is kept). */
export function formatDay(iso: string, locale: string): string {
  return formatter(`day ${locale}`, () => new Intl.DateTimeFormat(locale, { dateStyle: 'medium' })).format(Date.parse(iso));
}

/** A fixed moment, date and time, for lists a person scans and compares (report updates). */
export function formatMoment(iso: string, locale: string): string {
  return formatter(`moment ${locale}`, () => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' })).format(Date.parse(iso));
}
