import { DEFAULT_WELLNESS_POLICY, type CapKind, type WellnessDay } from '@workstation/protocol';
import type { Db } from '../../db';
import { Random } from '../../demo/random';
import { recordWellnessDay } from './aggregates';

/** Harm categories a demo day draws from, with how much of each a day of review typically holds. */
const DEMO_MIX = [
  { category: 'unflagged_image', items: [30, 70], clearShare: 0.04 },
  { category: 'adult_nudity', items: [4, 16], clearShare: 0.05 },
  { category: 'sexually_suggestive', items: [3, 12], clearShare: 0.05 },
  { category: 'hate', items: [5, 18], clearShare: 0 },
  { category: 'harassment', items: [3, 12], clearShare: 0 },
  { category: 'violent_threat', items: [1, 6], clearShare: 0.02 },
  { category: 'self_harm', items: [0, 4], clearShare: 0.02 },
  { category: 'grooming', items: [0, 4], clearShare: 0 },
  { category: 'previously_actioned', items: [0, 3], clearShare: 0.02 },
  { category: 'scam', items: [2, 10], clearShare: 0 },
  { category: 'text_only', items: [10, 30], clearShare: 0 },
] as const;

const DAY_MS = 86_400_000;
const round = (n: number) => Math.round(n * 100) / 100;

/** One plausible day of one demo moderator under the default policy; who shares check-ins is fixed per person. */
function demoDay(rng: Random, day: string, sharesMood: boolean, dayIndex: number): WellnessDay {
  const policy = DEFAULT_WELLNESS_POLICY;
  const limits = policy.limits.default;
  const reviewMinutes = Math.min(limits.dailyReviewMinutes, rng.int(140, 260));
  const severity = new Map(policy.categories.map((c) => [c.id, c.severity]));
  const categories = DEMO_MIX.map((mix) => {
    const items = rng.int(mix.items[0], mix.items[1]);
    const viewedSeconds = items * rng.int(8, 25);
    const clearSeconds = round(viewedSeconds * mix.clearShare * (0.5 + rng.next()));
    const sev = severity.get(mix.category) ?? 'S1';
    const weight = policy.severityWeights[sev];
    return {
      category: mix.category,
      viewedSeconds,
      clearSeconds,
      weightedSeconds: round(weight * (clearSeconds * policy.clarityWeights.clear + (viewedSeconds - clearSeconds) * policy.clarityWeights.heavy)),
      items,
      peakHourClearSeconds: round(clearSeconds * (0.4 + 0.4 * rng.next())),
      peakShiftClearSeconds: clearSeconds,
    };
  }).filter((c) => c.items > 0);
  const highSeverityItems = categories
    .filter((c) => severity.get(c.category) === 'S2' || severity.get(c.category) === 'S3')
    .reduce((sum, c) => sum + c.items, 0);
  const capsHit: CapKind[] = [];
  if (reviewMinutes >= limits.dailyReviewMinutes) capsHit.push('daily_review_minutes');
  if (categories.some((c) => c.peakHourClearSeconds >= (limits.clearViewSeconds[c.category]?.perHour ?? Infinity))) capsHit.push('clear_per_hour');
  return {
    idempotencyKey: `demo-${day}-${dayIndex}`,
    day,
    computedAt: new Date(Date.parse(`${day}T23:00:00.000Z`)).toISOString(),
    policyVersion: 1,
    reviewMinutes,
    longestStretchMinutes: Math.min(reviewMinutes, rng.int(40, 75)),
    shifts: 1,
    breaksTaken: Math.max(0, Math.ceil(reviewMinutes / limits.breakAfterMinutes) - 1 + rng.int(-1, 1)),
    highSeverityItems,
    peakShiftHighSeverityItems: highSeverityItems,
    capsHit,
    sharedMood: sharesMood && rng.chance(0.8) ? rng.int(2, 5) : null,
    categories,
  };
}

/**
 * About four weeks of team aggregates for the demo moderators, so a wellness lead's charts and the
 * policy preview have real data on first start: weekdays mostly worked, weekends mostly not, up
 * to yesterday. The figures come from a fixed seed; the days are the four weeks before today.
 */
export async function seedDemoWellness(db: Db, usernames: readonly string[], today: Date, seed = 0x3e11): Promise<number> {
  // One transaction under an advisory lock: two servers starting together on one Postgres would
  // otherwise both see no days and write each day twice.
  return db.transaction(async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('upstream.seed.wellness'))`);
    const [{ n } = { n: 0 }] = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM wellness_days');
    if (n > 0) return 0;
    const accounts = await tx.query<{ id: string; username: string }>(
      'SELECT id, username FROM accounts WHERE username IN (SELECT jsonb_array_elements_text($1::jsonb)) ORDER BY username',
      [JSON.stringify(usernames)],
    );
    const rng = new Random(seed);
    let seeded = 0;
    for (const [index, account] of accounts.entries()) {
      const person = rng.fork(index + 1);
      // Four of five share their check-ins: enough for the team average to show.
      const sharesMood = index < 4;
      for (let back = 28; back >= 1; back -= 1) {
        const at = new Date(today.getTime() - back * DAY_MS);
        const weekend = at.getUTCDay() === 0 || at.getUTCDay() === 6;
        if (!person.chance(weekend ? 0.1 : 0.9)) continue;
        await recordWellnessDay(tx, account.id, demoDay(person, at.toISOString().slice(0, 10), sharesMood, index));
        seeded += 1;
      }
    }
    return seeded;
  });
}
