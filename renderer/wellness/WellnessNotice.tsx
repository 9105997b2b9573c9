import type { UiLocale } from '../i18n';
import { useLocale } from '../i18n/context';
import { useWellness } from '../state/stores';
import { budgetAmount, budgetLabel, reachedMeaning } from './budgets';

export const timeOfDay = (locale: UiLocale) => (iso: string) =>
  new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' }).format(new Date(iso));

/**
 * Non-blocking: a limit at its warning fraction, or a cap reached, in the queue screen's notices.
 * The break and the day over are screens of their own.
 */
export function WellnessNotice() {
  const { t, locale } = useLocale();
  const status = useWellness((s) => s.status);
  if (status === null || (status.state !== 'warning' && status.state !== 'capped')) return null;
  const reached = status.budgets
    .filter((b) => b.state === 'reached')
    .map((b) => reachedMeaning(t, b, timeOfDay(locale)))
    .filter((m): m is string => m !== null);
  const close = status.budgets.filter((b) => b.state === 'warning').map((b) => `${budgetLabel(t, b)}: ${budgetAmount(t, b)}`);
  return (
    <div
      className={`notice ${reached.length > 0 ? 'notice-error' : 'notice-warn'}`}
      role="status"
      data-testid="wellness-notice"
      data-state={status.state}
    >
      {reached.map((line) => (
        <p key={line}>{line}</p>
      ))}
      {close.length > 0 && <p>{t('wellness.notice.warning', { list: close.join('; ') })}</p>}
      <p className="hint">{t('wellness.notice.more')}</p>
    </div>
  );
}
