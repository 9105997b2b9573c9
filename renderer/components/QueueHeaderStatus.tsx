import type { QueueState } from '../../electron/api';
import { formatCountdown, msUntil } from '../format/time';
import { useLocale } from '../i18n/context';
import { useQueue } from '../state/stores';
import { useNow } from './useNow';

export function QueueHeaderStatus({ queue }: { queue: QueueState }) {
  const { t } = useLocale();
  const nowMs = useNow(1000);
  const { done, total } = queue.progress;
  const remaining = queue.assignment === null ? null : msUntil(queue.assignment.leaseExpiresAt, nowMs);
  const warned = useQueue((s) => s.leaseWarning !== null);
  // Core is the authority (its leaseState and lease.expiring say renewals failed); the clock only counts down.
  const state =
    remaining !== null && remaining <= 0 ? 'expired' : warned && queue.leaseState !== 'expired' ? 'expiring' : (queue.leaseState ?? 'active');
  return (
    <>
      <div className="progress" data-testid="batch-progress" data-done={done} data-total={total}>
        <progress value={done} max={Math.max(total, 1)} aria-label={t('header.progressLabel')} />
        <span>{t('header.progress', { done, total })}</span>
      </div>
      {remaining !== null && (
        <p className={`lease lease-${state}`} data-testid="lease-timer" data-lease-state={state} role={state === 'active' ? undefined : 'status'}>
          {state === 'expired'
            ? t('header.leaseExpired')
            : t(state === 'expiring' ? 'header.leaseExpiring' : 'header.lease', { time: formatCountdown(remaining) })}
        </p>
      )}
    </>
  );
}
