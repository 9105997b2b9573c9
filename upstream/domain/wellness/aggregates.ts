import type { BatchResult, WellnessDay } from '@workstation/protocol';
import type { Db } from '../../db';

/**
 * Stores one moderator's day: newer replaces older (by computedAt), so a workstation may send a
 * day as often as it changes and in any order. The same upload again, or an older one, changes
 * nothing and is answered duplicate.
 */
export async function recordWellnessDay(db: Db, accountId: string, day: WellnessDay): Promise<BatchResult> {
  return db.transaction(async (tx) => {
    const [held] = await tx.query<{ idempotency_key: string; newer: boolean }>(
      'SELECT idempotency_key, computed_at >= $3 AS newer FROM wellness_days WHERE account_id = $1 AND day = $2 FOR UPDATE',
      [accountId, day.day, day.computedAt],
    );
    if (held && (held.idempotency_key === day.idempotencyKey || held.newer)) return { idempotencyKey: day.idempotencyKey, status: 'duplicate' };
    await tx.query('DELETE FROM wellness_days WHERE account_id = $1 AND day = $2', [accountId, day.day]);
    await tx.query(
      `INSERT INTO wellness_days (account_id, day, idempotency_key, computed_at, policy_version, review_minutes, longest_stretch_minutes,
                                  shifts, breaks_taken, high_severity_items, peak_shift_high_severity_items, caps_hit, shared_mood)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::jsonb, $13)`,
      [
        accountId,
        day.day,
        day.idempotencyKey,
        day.computedAt,
        day.policyVersion,
        day.reviewMinutes,
        day.longestStretchMinutes,
        day.shifts,
        day.breaksTaken,
        day.highSeverityItems,
        day.peakShiftHighSeverityItems,
        JSON.stringify(day.capsHit),
        day.sharedMood,
      ],
    );
    if (day.categories.length > 0) {
      await tx.query(
        `INSERT INTO wellness_day_categories (account_id, day, category, viewed_seconds, clear_seconds, weighted_seconds, items,
                                              peak_hour_clear_seconds, peak_shift_clear_seconds)
         SELECT $1, $2, c."category", c."viewedSeconds", c."clearSeconds", c."weightedSeconds", c."items", c."peakHourClearSeconds", c."peakShiftClearSeconds"
         FROM jsonb_to_recordset($3::jsonb) AS c ("category" text, "viewedSeconds" real, "clearSeconds" real, "weightedSeconds" real, "items" integer,
                                                  "peakHourClearSeconds" real, "peakShiftClearSeconds" real)`,
        [accountId, day.day, JSON.stringify(day.categories)],
      );
    }
    return { idempotencyKey: day.idempotencyKey, status: 'accepted' };
  });
}
