import type { TeamExposure } from '@workstation/protocol';

const HEADER = [
  'day',
  'category',
  'viewed_seconds',
  'clear_seconds',
  'weighted_seconds',
  'items',
  'team_moderators',
  'team_review_minutes',
  'team_breaks_taken',
  'team_caps_hit',
  'team_high_severity_items',
  'check_in_average',
  'check_in_count',
];

/** RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled. */
function field(value: string | number | null): string {
  const text = value === null ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * The team aggregates as CSV: one row per day and harm category, the day's team figures repeated
 * on each of its rows (and one row with an empty category for a day with review but no images).
 * Aggregates only: no item, no person.
 */
export function teamCsv(team: TeamExposure): string {
  const rows = team.days.flatMap((d) => {
    const dayFields = [
      d.moderators,
      d.reviewMinutes,
      d.breaksTaken,
      d.capsHit,
      d.highSeverityItems,
      d.checkIn?.average ?? null,
      d.checkIn?.count ?? null,
    ];
    const categories = d.categories.length > 0 ? d.categories : [null];
    return categories.map((c) =>
      [d.day, c?.category ?? '', c?.viewedSeconds ?? null, c?.clearSeconds ?? null, c?.weightedSeconds ?? null, c?.items ?? null, ...dayFields]
        .map(field)
        .join(','),
    );
  });
  return `${[HEADER.join(','), ...rows].join('\r\n')}\r\n`;
}
