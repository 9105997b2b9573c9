/**
 * Wellness: the limits a wellness lead sets, enforced here where no renderer can skip them. The
 * policy in force (the last one verified, or the built-in default), what each image is served at,
 * viewing preferences that may only be safer, the moderator's status against every limit, breaks
 * that count only idle time, the queue's withholding at the high-severity limit, and the daily
 * aggregates queued for upload. It asks the exposure service what was shown.
 */
export { countIdle, type BreakProgress } from './breaks';
export {
  AGGREGATE_EVERY_MS,
  createWellness,
  type Reviewer,
  type ServedPreview,
  type ViewDecision,
  type Wellness,
  type WellnessDeps,
} from './service';
export { budgetsOf, stateOf, type BudgetInputs } from './status';
export { ACTIVITY_GAP_MS, breaksTaken, lastBreakEnd, longestStretchMs, reviewMs, SHIFT_GAP_MS, shiftStartedAt } from './time';
export { BUILT_IN_POLICY, checkPreferences, effectivePreferences, floorOf } from './viewing';
export { teamCsv } from './csv';
