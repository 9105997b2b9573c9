import { useEffect } from 'react';
import { formatCountdown, msUntil } from '../format/time';
import { useLocale } from '../i18n/context';
import { useQueue, useStores } from '../state/stores';
import { useNow } from './useNow';

/** Core sends no event when a renewal succeeds after all, so the batch is re-read while the warning stands. */
const LEASE_RECHECK_MS = 15_000;

/**
 * Core could not renew the lease (lease.expiring, or a queue state that says so): the moderator
 * sees how long the batch is still theirs, counting down, until a renewal clears it or it expires.
 */
export function LeaseWarningNotice() {
  const { t } = useLocale();
  const { queue: store } = useStores();
  const warning = useQueue((s) => s.leaseWarning);
  const queue = useQueue((s) => s.queue);
  const nowMs = useNow(1000);
  const expiresAt = warning?.expiresAt ?? (queue?.leaseState === 'expiring' ? queue.assignment?.leaseExpiresAt : undefined);
  const shown = expiresAt !== undefined && queue?.leaseState !== 'expired';

  useEffect(() => {
    if (!shown) return;
    const timer = setInterval(() => void store.getState().load(), LEASE_RECHECK_MS);
    return () => clearInterval(timer);
  }, [store, shown]);

  if (!shown) return null;
  // The alert is read out once; the countdown is a timer, which screen readers do not re-read every second.
  return (
    <div className="notice notice-warn lease-warning" role="alert" data-testid="lease-warning">
      <p>{t('lease.expiring')}</p>
      <p role="timer" className="lease-warning-time" data-testid="lease-warning-time">
        {t('lease.timeLeft', { time: formatCountdown(msUntil(expiresAt, nowMs)) })}
      </p>
    </div>
  );
}
