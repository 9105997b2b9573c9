import type { CapKind, PolicyPreview, TeamExposure, WellnessLimits, WellnessPolicy, WellnessPolicyContent } from '@workstation/protocol';
import type { Db } from '../../db';
import { ApiError } from '../../errors';
import { currentWellnessPolicy } from './policy';

/** A team's shared check-ins are shown only as an average of at least this many people. */
export const MIN_SHARED_CHECK_INS = 3;

interface PersonDay {
  account_id: string;
  day: string;
  review_minutes: number;
  breaks_taken: number;
  high_severity_items: number;
  peak_shift_high_severity_items: number;
  caps_hit: CapKind[];
  shared_mood: number | null;
}

interface PersonDayCategory {
  account_id: string;
  day: string;
  category: string;
  viewed_seconds: number;
  clear_seconds: number;
  weighted_seconds: number;
  items: number;
  peak_hour_clear_seconds: number;
  peak_shift_clear_seconds: number;
}

async function teamOf(db: Db, teamId: string | null): Promise<{ id: string; name: string }> {
  const [team] = teamId === null ? [] : await db.query<{ id: string; name: string }>('SELECT id, name FROM teams WHERE id = $1', [teamId]);
  if (!team) throw new ApiError(403, 'forbidden', 'you belong to no team, so there are no team aggregates for you to see');
  return team;
}

/** Every member's days in [from, to]: read here only, never sent anywhere per person. */
async function memberDays(db: Db, teamId: string, from: string, to: string) {
  const days = await db.query<PersonDay>(
    `SELECT d.account_id, to_char(d.day, 'YYYY-MM-DD') AS day, d.review_minutes, d.breaks_taken, d.high_severity_items,
            d.peak_shift_high_severity_items, d.caps_hit, d.shared_mood
     FROM wellness_days d JOIN accounts a ON a.id = d.account_id
     WHERE a.team_id = $1 AND d.day BETWEEN $2 AND $3 ORDER BY d.day`,
    [teamId, from, to],
  );
  const categories = await db.query<PersonDayCategory>(
    `SELECT c.account_id, to_char(c.day, 'YYYY-MM-DD') AS day, c.category, c.viewed_seconds, c.clear_seconds, c.weighted_seconds, c.items,
            c.peak_hour_clear_seconds, c.peak_shift_clear_seconds
     FROM wellness_day_categories c JOIN accounts a ON a.id = c.account_id
     WHERE a.team_id = $1 AND c.day BETWEEN $2 AND $3`,
    [teamId, from, to],
  );
  return { days, categories };
}

const round = (n: number) => Math.round(n * 10) / 10;

function groupBy<T>(list: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const t of list) groups.set(key(t), [...(groups.get(key(t)) ?? []), t]);
  return groups;
}

/**
 * A team's exposure by day and harm category, summed over its members: caps hit, breaks taken,
 * never an item or a person. A shared check-in appears only as the day's average, and only when
 * at least MIN_SHARED_CHECK_INS people shared one that day.
 */
export async function teamExposure(db: Db, teamId: string | null, from: string, to: string): Promise<TeamExposure> {
  const team = await teamOf(db, teamId);
  const { days, categories } = await memberDays(db, team.id, from, to);
  const policy = await currentWellnessPolicy(db);
  const byDay = groupBy(days, (d) => d.day);
  const capsHit = new Map<CapKind, number>();
  for (const d of days) for (const cap of d.caps_hit) capsHit.set(cap, (capsHit.get(cap) ?? 0) + 1);
  return {
    teamId: team.id,
    teamName: team.name,
    from,
    to,
    categories: policy.categories.map(({ id, label, severity }) => ({ id, label, severity })),
    moderators: new Set(days.map((d) => d.account_id)).size,
    days: [...byDay].map(([day, people]) => {
      const moods = people.map((p) => p.shared_mood).filter((m): m is number => m !== null);
      const perCategory = groupBy(
        categories.filter((c) => c.day === day),
        (c) => c.category,
      );
      return {
        day,
        moderators: people.length,
        reviewMinutes: round(people.reduce((sum, p) => sum + p.review_minutes, 0)),
        breaksTaken: people.reduce((sum, p) => sum + p.breaks_taken, 0),
        capsHit: people.reduce((sum, p) => sum + p.caps_hit.length, 0),
        highSeverityItems: people.reduce((sum, p) => sum + p.high_severity_items, 0),
        categories: [...perCategory].map(([category, rows]) => ({
          category,
          viewedSeconds: round(rows.reduce((sum, r) => sum + r.viewed_seconds, 0)),
          clearSeconds: round(rows.reduce((sum, r) => sum + r.clear_seconds, 0)),
          weightedSeconds: round(rows.reduce((sum, r) => sum + r.weighted_seconds, 0)),
          items: rows.reduce((sum, r) => sum + r.items, 0),
        })),
        checkIn:
          moods.length >= MIN_SHARED_CHECK_INS ? { average: round(moods.reduce((a, b) => a + b, 0) / moods.length), count: moods.length } : null,
      };
    }),
    capsHit: [...capsHit].map(([cap, count]) => ({ cap, count })),
  };
}

const limitsFor = (policy: WellnessPolicyContent, teamId: string): WellnessLimits => policy.limits.teams[teamId] ?? policy.limits.default;

/** A limit reached by a figure: a limit of 0 only when there was any of it. */
const reaches = (value: number, limit: number) => value > 0 && value >= limit;

/**
 * Replays a team's last seven days under a policy: for each moderator-day, the breaks it would have
 * made due (one per breakAfterMinutes of review past the first stretch, or per
 * breakAfterHighSeverityItems items, whichever is more), and which limits it would have reached.
 */
function replay(policy: WellnessPolicyContent, teamId: string, days: readonly PersonDay[], categories: readonly PersonDayCategory[]) {
  const limits = limitsFor(policy, teamId);
  const reached = new Map<string, number>();
  const note = (cap: CapKind, category: string | null) => {
    const key = `${cap}\u0000${category ?? ''}`;
    reached.set(key, (reached.get(key) ?? 0) + 1);
  };
  let breaks = 0;
  let shiftsCapped = 0;
  for (const d of days) {
    breaks += Math.max(
      0,
      Math.ceil(d.review_minutes / limits.breakAfterMinutes) - 1,
      Math.floor(d.high_severity_items / limits.breakAfterHighSeverityItems),
    );
    const before = [...reached.values()].reduce((a, b) => a + b, 0);
    if (reaches(d.review_minutes, limits.dailyReviewMinutes)) note('daily_review_minutes', null);
    if (reaches(d.peak_shift_high_severity_items, limits.maxHighSeverityItemsPerShift)) note('high_severity_items', null);
    for (const c of categories.filter((x) => x.account_id === d.account_id && x.day === d.day)) {
      const clear = limits.clearViewSeconds[c.category];
      if (!clear) continue;
      if (reaches(c.peak_hour_clear_seconds, clear.perHour)) note('clear_per_hour', c.category);
      if (reaches(c.peak_shift_clear_seconds, clear.perShift)) note('clear_per_shift', c.category);
    }
    if ([...reached.values()].reduce((a, b) => a + b, 0) > before) shiftsCapped += 1;
  }
  return { breaks, shiftsCapped, reached };
}

const isoDay = (at: Date) => at.toISOString().slice(0, 10);

/** What a draft would have done to the team's last seven full days, against the policy in force. */
export async function previewPolicy(
  db: Db,
  teamId: string | null,
  current: WellnessPolicy,
  draft: WellnessPolicyContent,
  today: Date,
): Promise<PolicyPreview> {
  const team = await teamOf(db, teamId);
  const from = isoDay(new Date(today.getTime() - 7 * 86_400_000));
  const to = isoDay(new Date(today.getTime() - 86_400_000));
  const { days, categories } = await memberDays(db, team.id, from, to);
  const before = replay(current, team.id, days, categories);
  const after = replay(draft, team.id, days, categories);
  const keys = [...new Set([...before.reached.keys(), ...after.reached.keys(), 'daily_review_minutes\u0000', 'high_severity_items\u0000'])];
  return {
    from,
    to,
    shifts: days.length,
    currentVersion: current.version,
    current: { breaks: before.breaks, shiftsCapped: before.shiftsCapped },
    draft: { breaks: after.breaks, shiftsCapped: after.shiftsCapped },
    budgets: keys.map((key) => {
      const [cap, category] = key.split('\u0000') as [CapKind, string];
      return { cap, category: category === '' ? null : category, current: before.reached.get(key) ?? 0, draft: after.reached.get(key) ?? 0 };
    }),
  };
}
