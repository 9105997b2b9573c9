import type { QueueState } from '../../electron/api';
import { formatCountdown, msUntil } from '../format/time';
import { useLocale } from '../i18n/context';
import { useNow } from './useNow';

export function QueueHeaderStatus({ queue }: { queue: QueueState }) {
  const { t } = useLocale();
  const nowMs = useNow(1000);
  const { done, total } = queue.progress;
  const remaining = queue.assignment === null ? null : msUntil(queue.assignment.leaseExpiresAt, nowMs);
  return (
    <>
      <div className="progress" data-testid="batch-progress" data-done={done} data-total={total}>
        <progress value={done} max={Math.max(total, 1)} aria-label={t('header.progressLabel')} />
        <span>{t('header.progress', { done, total })}</span>
      </div>
      {remaining !== null && (
        <p className={remaining <= 0 ? 'lease lease-expired' : 'lease'} data-testid="lease-timer">
          {remaining <= 0 ? t('header.leaseExpired') : t('header.lease', { time: formatCountdown(remaining) })}
        </p>
      )}
    </>
  );
}
