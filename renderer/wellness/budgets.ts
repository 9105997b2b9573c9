/** How a budget reads in the UI: its name (with the harm category where it has one) and how much is used of it. */
import type { Budget } from '../../electron/api';
import type { Translate } from '../i18n';

export function budgetLabel(t: Translate, budget: Budget): string {
  return t(`wellness.budget.${budget.kind}`, { category: budget.categoryLabel ?? budget.category ?? '' });
}

const UNIT: Record<Budget['kind'], 'min' | 's' | 'items'> = {
  daily_review_minutes: 'min',
  break_minutes: 'min',
  break_items: 'items',
  high_severity_items: 'items',
  clear_per_hour: 's',
  clear_per_shift: 's',
};

export function budgetAmount(t: Translate, budget: Budget): string {
  return t(`wellness.amount.${UNIT[budget.kind]}`, { used: Math.round(budget.used), limit: budget.limit });
}

/** What a reached limit means for the moderator right now. */
export function reachedMeaning(t: Translate, budget: Budget, formatTime: (iso: string) => string): string | null {
  if (budget.kind === 'clear_per_hour' || budget.kind === 'clear_per_shift') {
    return t('wellness.reached.clear', {
      label: budgetLabel(t, budget),
      time: budget.resetsAt === null ? t('wellness.nextShift') : formatTime(budget.resetsAt),
    });
  }
  if (budget.kind === 'high_severity_items') return t('wellness.reached.highSeverity', { label: budgetLabel(t, budget) });
  return null;
}
