import { describe, expect, it } from 'vitest';
import { formatAccountAge, formatCountdown, languageName, secondsLeft } from '../../../renderer/format/time';

const now = Date.parse('2025-06-01T12:00:00.000Z');
const daysAgo = (days: number) => new Date(now - days * 86_400_000).toISOString();

describe('formatCountdown', () => {
  it('shows minutes and seconds under an hour', () => {
    expect(formatCountdown(65_000)).toBe('1:05');
    expect(formatCountdown(59_000)).toBe('0:59');
    expect(formatCountdown(29 * 60_000 + 59_999)).toBe('30:00');
  });

  it('shows hours when there are any', () => {
    expect(formatCountdown(3_600_000)).toBe('1:00:00');
    expect(formatCountdown(2 * 3_600_000 + 5 * 60_000 + 7_000)).toBe('2:05:07');
  });

  it('rounds up so the clock only reads 0:00 once the lease has run out', () => {
    expect(formatCountdown(1)).toBe('0:01');
    expect(formatCountdown(0)).toBe('0:00');
    expect(formatCountdown(-5_000)).toBe('0:00');
  });
});

describe('secondsLeft', () => {
  it('counts whole seconds up to the deadline, never below zero', () => {
    expect(secondsLeft(new Date(now + 4_200).toISOString(), now)).toBe(5);
    expect(secondsLeft(new Date(now + 5_000).toISOString(), now)).toBe(5);
    expect(secondsLeft(new Date(now).toISOString(), now)).toBe(0);
    expect(secondsLeft(new Date(now - 1_000).toISOString(), now)).toBe(0);
  });
});

describe('formatAccountAge', () => {
  it('uses days for young accounts, months, then years', () => {
    expect(formatAccountAge(daysAgo(0), now, 'en')).toBe('0 days');
    expect(formatAccountAge(daysAgo(1), now, 'en')).toBe('1 day');
    expect(formatAccountAge(daysAgo(59), now, 'en')).toBe('59 days');
    expect(formatAccountAge(daysAgo(61), now, 'en')).toBe('2 months');
    expect(formatAccountAge(daysAgo(729), now, 'en')).toBe('23 months');
    expect(formatAccountAge(daysAgo(3 * 365 + 10), now, 'en')).toBe('3 years');
  });

  it('never rounds an account up to look older', () => {
    expect(formatAccountAge(new Date(now - 86_400_000 + 1).toISOString(), now, 'en')).toBe('0 days');
  });

  it('speaks the UI language', () => {
    expect(formatAccountAge(daysAgo(3), now, 'de')).toBe('3 Tage');
  });
});

describe('languageName', () => {
  it('names the content language in the UI language', () => {
    expect(languageName('de', 'en')).toBe('German');
    expect(languageName('es', 'de')).toBe('Spanisch');
  });
});
