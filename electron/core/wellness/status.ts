import type { WellnessLimits } from '@workstation/protocol';
import type { Budget, BudgetKind, WellnessState } from '../../api';

/** What the budgets are computed from, read from the store by the service. */
export interface BudgetInputs {
  limits: WellnessLimits;
  /** Review time today, since the last break; items of S2/S3 since the last break and this shift. */
  reviewMinutesToday: number;
  minutesSinceBreak: number;
  highSeverityItemsSinceBreak: number;
  highSeverityItemsShift: number;
  /** Clear-view seconds per category in the last hour (with when the oldest of them leaves the hour) and this shift. */
  clearHour: ReadonlyMap<string, { seconds: number; resetsAt: string }>;
  clearShift: ReadonlyMap<string, number>;
  labels: ReadonlyMap<string, string>;
  /** When the next day starts, and when a new shift could start. */
  nextDayAt: string;
  nextShiftAt: string | null;
}

const CAPS: ReadonlySet<BudgetKind> = new Set(['clear_per_hour', 'clear_per_shift', 'high_severity_items', 'daily_review_minutes']);

export const isCap = (b: Budget): boolean => CAPS.has(b.kind);

function budget(
  kind: BudgetKind,
  used: number,
  limit: number,
  warningFraction: number,
  resetsAt: string | null,
  category: string | null = null,
  label: string | null = null,
): Budget {
  // A limit of 0 is reached at once: the lead allows none of it.
  const state = used >= limit ? 'reached' : used >= warningFraction * limit ? 'warning' : 'ok';
  return { kind, category, categoryLabel: label, used: Math.round(used * 10) / 10, limit, state, resetsAt };
}

/**
 * Every limit with how much of it is used. Clear-view budgets are listed for the categories seen
 * clear in their period: a category never revealed has nothing to show.
 */
export function budgetsOf(input: BudgetInputs): Budget[] {
  const { limits } = input;
  const w = limits.warningFraction;
  const clear: Budget[] = [];
  for (const [category, { seconds, resetsAt }] of input.clearHour) {
    const limit = limits.clearViewSeconds[category]?.perHour;
    if (limit !== undefined && seconds > 0)
      clear.push(budget('clear_per_hour', seconds, limit, w, resetsAt, category, input.labels.get(category) ?? category));
  }
  for (const [category, seconds] of input.clearShift) {
    const limit = limits.clearViewSeconds[category]?.perShift;
    if (limit !== undefined && seconds > 0)
      clear.push(budget('clear_per_shift', seconds, limit, w, input.nextShiftAt, category, input.labels.get(category) ?? category));
  }
  return [
    budget('daily_review_minutes', input.reviewMinutesToday, limits.dailyReviewMinutes, w, input.nextDayAt),
    budget('break_minutes', input.minutesSinceBreak, limits.breakAfterMinutes, w, null),
    budget('break_items', input.highSeverityItemsSinceBreak, limits.breakAfterHighSeverityItems, w, null),
    budget('high_severity_items', input.highSeverityItemsShift, limits.maxHighSeverityItemsPerShift, w, input.nextShiftAt),
    ...clear,
  ];
}

const BUDGET_WORDS: Record<BudgetKind, string> = {
  daily_review_minutes: "today's review time",
  break_minutes: 'review time since your last break',
  break_items: 'high-severity items since your last break',
  high_severity_items: 'high-severity items this shift',
  clear_per_hour: 'clear-view time this hour',
  clear_per_shift: 'clear-view time this shift',
};

const UNITS: Record<BudgetKind, string> = {
  daily_review_minutes: 'min',
  break_minutes: 'min',
  break_items: 'items',
  high_severity_items: 'items',
  clear_per_hour: 's',
  clear_per_shift: 's',
};

export function describe(b: Budget): string {
  const what = b.categoryLabel === null ? BUDGET_WORDS[b.kind] : `${BUDGET_WORDS[b.kind]} for ${b.categoryLabel}`;
  return `${what}: ${b.used} of ${b.limit} ${UNITS[b.kind]}`;
}

/** The state, most pressing first: the day over, a break due, a cap reached, a warning. */
export function stateOf(budgets: readonly Budget[], breakDue: boolean): WellnessState {
  if (budgets.some((b) => b.kind === 'daily_review_minutes' && b.state === 'reached')) return 'day_over';
  if (breakDue) return 'break_due';
  if (budgets.some((b) => isCap(b) && b.state === 'reached')) return 'capped';
  return budgets.some((b) => b.state !== 'ok') ? 'warning' : 'ok';
}
