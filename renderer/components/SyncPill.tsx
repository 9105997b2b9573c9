import { memo, useEffect, useState } from 'react';
import { formatSince } from '../format/time';
import { useLocale } from '../i18n/context';
import { isTypingTarget } from '../keys/queueKeys';
import { useSession, useSync } from '../state/stores';
import { ConflictsDialog } from './ConflictsDialog';
import { useNow } from './useNow';

const CONFLICTS_KEY = 'c';

/** Memoised: it has no props and its own stores, so a screen's re-render (a decision) does not redraw it. */
export const SyncPill = memo(function SyncPill() {
  const { t, locale } = useLocale();
  const status = useSync((s) => s.status);
  const problem = useSync((s) => s.problem);
  const isModerator = useSession((s) => s.account?.role === 'moderator');
  const now = useNow(15_000);
  const [open, setOpen] = useState(false);
  const conflictCount = status?.conflicts.length ?? 0;
  const stuck = status?.stuck ?? [];
  const problemCount = conflictCount + stuck.length;

  const show = () => setOpen(true);
  const close = () => setOpen(false);

  useEffect(() => {
    if (!isModerator || problemCount === 0 || open) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key.toLowerCase() !== CONFLICTS_KEY || event.ctrlKey || event.metaKey || event.altKey || event.repeat) return;
      if (isTypingTarget(event.target as HTMLElement | null)) return;
      // Another dialog owns the keyboard while it is open.
      if (document.querySelector('[aria-modal="true"]')) return;
      event.preventDefault();
      show();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [isModerator, problemCount, open]);

  if (status === null) {
    return (
      <div className="pill" role="status" aria-label={t('sync.label')} data-testid="sync-pill" data-online="unknown">
        {problem ?? t('sync.unknown')}
      </div>
    );
  }
  // Offline says the most: nothing can upload. Online with entries that did not land is not "Online".
  const state = !status.online ? 'offline' : problemCount > 0 ? 'problem' : 'online';
  const parts = [
    { online: t('sync.online'), offline: t('sync.offline'), problem: t('sync.uploadProblem') }[state],
    t('sync.pending', { count: status.pendingUploads }),
    status.lastSyncAt === null ? t('sync.neverSynced') : t('sync.lastSync', { when: formatSince(status.lastSyncAt, now, locale) }),
  ];
  return (
    <>
      <div
        className={`pill pill-${state}`}
        role="status"
        aria-label={t('sync.label')}
        title={status.lastError ?? undefined}
        data-testid="sync-pill"
        data-online={String(status.online)}
        data-state={state}
        data-pending={status.pendingUploads}
        data-conflicts={conflictCount}
        data-stuck={stuck.length}
      >
        <span className="pill-dot" aria-hidden="true" />
        {parts.join(' · ')}
        {problemCount > 0 && (
          <>
            {' · '}
            <button
              type="button"
              className="pill-button"
              onClick={show}
              aria-haspopup="dialog"
              aria-keyshortcuts={isModerator ? 'C' : undefined}
              data-testid="sync-conflicts"
            >
              {[
                ...(stuck.length > 0 ? [t('sync.stuck', { count: stuck.length })] : []),
                ...(conflictCount > 0 ? [t('sync.conflicts', { count: conflictCount })] : []),
              ].join(', ')}
            </button>
          </>
        )}
      </div>
      {open && problemCount > 0 && <ConflictsDialog conflicts={status.conflicts} stuck={stuck} onClose={close} />}
    </>
  );
});
