import { formatSince } from '../format/time';
import { useLocale } from '../i18n/context';
import { useSync } from '../state/stores';
import { useNow } from './useNow';

export function SyncPill() {
  const { t, locale } = useLocale();
  const status = useSync((s) => s.status);
  const problem = useSync((s) => s.problem);
  const now = useNow(15_000);

  if (status === null) {
    return (
      <div className="pill" role="status" aria-label={t('sync.label')} data-testid="sync-pill" data-online="unknown">
        {problem ?? t('sync.unknown')}
      </div>
    );
  }
  const parts = [
    status.online ? t('sync.online') : t('sync.offline'),
    t('sync.pending', { count: status.pendingUploads }),
    status.lastSyncAt === null
      ? t('sync.neverSynced')
      : t('sync.lastSync', { when: formatSince(status.lastSyncAt, now, locale) }),
  ];
  if (status.conflicts.length > 0) parts.push(t('sync.conflicts', { count: status.conflicts.length }));
  return (
    <div
      className={`pill ${status.online ? 'pill-online' : 'pill-offline'}`}
      role="status"
      aria-label={t('sync.label')}
      title={status.lastError ?? undefined}
      data-testid="sync-pill"
      data-online={String(status.online)}
      data-pending={status.pendingUploads}
      data-conflicts={status.conflicts.length}
    >
      <span className="pill-dot" aria-hidden="true" />
      {parts.join(' · ')}
    </div>
  );
}
