import { useEffect } from 'react';
import { formatCountdown } from '../format/time';
import { useLocale } from '../i18n/context';
import { useStores, useWellness } from '../state/stores';
import { timeOfDay } from '../wellness/WellnessNotice';
import { AppHeader } from './AppHeader';

/** Core moves a break on as it reads idle time; the screen asks this often how far it has got. */
const BREAK_REFRESH_MS = 5_000;

/**
 * Review has stopped: a break is due (it counts down only while the person is away) or today's
 * review time is used up. Nothing of the queue is shown. Review resumes when core says so.
 */
export function BreakScreen() {
  const { t, locale } = useLocale();
  const { wellness } = useStores();
  const status = useWellness((s) => s.status);

  useEffect(() => {
    const timer = setInterval(() => void wellness.getState().refresh(), BREAK_REFRESH_MS);
    return () => clearInterval(timer);
  }, [wellness]);

  if (status === null) return null;
  if (status.state === 'day_over') {
    const daily = status.budgets.find((b) => b.kind === 'daily_review_minutes');
    return (
      <div className="screen">
        <AppHeader />
        <main className="role-home break-screen" data-testid="day-over-screen">
          <h2>{t('break.dayOver.heading')}</h2>
          <p>{t('break.dayOver.body', { minutes: Math.round(daily?.used ?? 0), limit: daily?.limit ?? 0 })}</p>
          <p>{t('break.dayOver.opens', { time: daily?.resetsAt ? timeOfDay(locale)(daily.resetsAt) : '' })}</p>
        </main>
      </div>
    );
  }
  const due = status.break;
  const remainingSeconds = due === null ? 0 : Math.max(0, due.requiredSeconds - due.countedSeconds);
  const minutes = Math.round((due?.requiredSeconds ?? 0) / 60);
  const since = status.budgets.find((b) => b.kind === (due?.reason === 'high_severity_items' ? 'break_items' : 'break_minutes'));
  return (
    <div className="screen">
      <AppHeader />
      <main className="role-home break-screen" data-testid="break-screen" aria-labelledby="break-heading">
        <h2 id="break-heading">{t('break.heading')}</h2>
        <p>{t('break.body', { minutes })}</p>
        <p className="break-countdown" role="timer" aria-live="off" data-testid="break-remaining" data-seconds={Math.round(remainingSeconds)}>
          {t('break.remaining', { time: formatCountdown(remainingSeconds * 1000) })}
        </p>
        <progress max={due?.requiredSeconds ?? 1} value={due?.countedSeconds ?? 0} aria-label={t('break.progress')} />
        <p>
          {due?.reason === 'high_severity_items'
            ? t('break.why.items', { count: Math.round(since?.used ?? 0) })
            : t('break.why.minutes', { minutes: Math.round(since?.used ?? 0) })}
        </p>
        <p className="hint">{t('break.away')}</p>
        <p className="hint">{t('break.resumes')}</p>
      </main>
    </div>
  );
}
