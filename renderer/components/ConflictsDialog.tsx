import { useId, type KeyboardEvent } from 'react';
import type { SyncStatus } from '../../electron/api';
import { useLocale } from '../i18n/context';

/** Uploads the upstream refused, so a moderator sees which decisions and actions did not land and why. */
export function ConflictsDialog({ conflicts, onClose }: { conflicts: SyncStatus['conflicts']; onClose: () => void }) {
  const { t } = useLocale();
  const baseId = useId();

  const onKeyDown = (event: KeyboardEvent) => {
    // The close button is the only control, so Tab stays on it rather than leaving the modal.
    if (event.key === 'Escape' || event.key === 'Tab') {
      event.preventDefault();
      event.stopPropagation();
      if (event.key === 'Escape') onClose();
    }
  };

  return (
    <div className="dialog-backdrop">
      <div
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby={`${baseId}-title`}
        aria-describedby={`${baseId}-hint`}
        data-testid="conflicts-dialog"
        onKeyDown={onKeyDown}
      >
        <h2 id={`${baseId}-title`}>{t('conflicts.title')}</h2>
        <p className="hint" id={`${baseId}-hint`}>
          {t('conflicts.hint')}
        </p>
        <ul className="plain-list">
          {conflicts.map((c) => (
            <li key={c.decisionId} data-testid="conflict" data-item-id={c.itemId}>
              <dl>
                <dt>{t('conflicts.itemId')}</dt>
                <dd>{c.itemId}</dd>
                <dt>{t('conflicts.kind')}</dt>
                <dd>{t(`conflicts.kind.${c.kind}`)}</dd>
                <dt>{t('conflicts.upload')}</dt>
                <dd>{c.decisionId}</dd>
                <dt>{t('conflicts.code')}</dt>
                <dd>{c.code}</dd>
                <dt>{t('conflicts.message')}</dt>
                <dd>{c.message}</dd>
              </dl>
            </li>
          ))}
        </ul>
        <div className="dialog-actions">
          <button type="button" autoFocus onClick={onClose} data-testid="conflicts-close">
            {t('conflicts.close')} <kbd>Esc</kbd>
          </button>
        </div>
      </div>
    </div>
  );
}
