import type { SyncStatus } from '../../electron/api';
import { useLocale } from '../i18n/context';
import { Dialog } from './Dialog';

/** Uploads the upstream refused, so a moderator sees which decisions and actions did not land and why. */
export function ConflictsDialog({ conflicts, onClose }: { conflicts: SyncStatus['conflicts']; onClose: () => void }) {
  const { t } = useLocale();

  return (
    <Dialog
      title={t('conflicts.title')}
      description={t('conflicts.hint')}
      testId="conflicts-dialog"
      onClose={onClose}
      actions={
        <button type="button" data-autofocus onClick={onClose} data-testid="conflicts-close">
          {t('conflicts.close')} <kbd>Esc</kbd>
        </button>
      }
    >
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
    </Dialog>
  );
}
