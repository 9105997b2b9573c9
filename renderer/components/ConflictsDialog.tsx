import { Fragment, useId, type KeyboardEvent, type ReactNode } from 'react';
import type { SyncStatus } from '../../electron/api';
import { formatSince } from '../format/time';
import { useLocale } from '../i18n/context';
import { useNow } from './useNow';

type Conflict = SyncStatus['conflicts'][number];
type Stuck = NonNullable<SyncStatus['stuck']>[number];

/** One upload that did not land: what and which item, then what is known about why. */
function UploadProblem(props: { testId: string; itemId: string; kind: Conflict['kind']; uploadId: string; details: ReadonlyArray<[string, ReactNode]> }) {
  const { t } = useLocale();
  const rows: ReadonlyArray<[string, ReactNode]> = [
    [t('conflicts.itemId'), props.itemId],
    [t('conflicts.kind'), t(`conflicts.kind.${props.kind}`)],
    [t('conflicts.upload'), props.uploadId],
    ...props.details,
  ];
  return (
    <li data-testid={props.testId} data-item-id={props.itemId}>
      <dl>
        {rows.map(([label, value]) => (
          <Fragment key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </Fragment>
        ))}
      </dl>
    </li>
  );
}

/**
 * Uploads that have not reached the upstream, so a moderator sees which decisions, actions and
 * reports did not land and why: those the upstream keeps failing on (still retried) and those
 * it refused (they will not take effect).
 */
export function ConflictsDialog({ conflicts, stuck, onClose }: { conflicts: readonly Conflict[]; stuck: readonly Stuck[]; onClose: () => void }) {
  const { t, locale } = useLocale();
  const now = useNow(15_000);
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
        {stuck.length > 0 && (
          <section aria-labelledby={`${baseId}-stuck`}>
            <h3 id={`${baseId}-stuck`}>{t('conflicts.stuck.heading')}</h3>
            <p className="hint">{t('conflicts.stuck.hint')}</p>
            <ul className="plain-list">
              {stuck.map((s) => (
                <UploadProblem
                  key={s.uploadId}
                  testId="stuck-upload"
                  itemId={s.itemId}
                  kind={s.kind}
                  uploadId={s.uploadId}
                  details={[
                    [t('conflicts.attempts'), s.attempts],
                    [t('conflicts.since'), <time dateTime={s.since}>{formatSince(s.since, now, locale)}</time>],
                    [t('conflicts.message'), s.message],
                  ]}
                />
              ))}
            </ul>
          </section>
        )}
        {conflicts.length > 0 && (
          <section aria-labelledby={`${baseId}-refused`}>
            <h3 id={`${baseId}-refused`}>{t('conflicts.refused.heading')}</h3>
            <p className="hint">{t('conflicts.refused.hint')}</p>
            <ul className="plain-list">
              {conflicts.map((c) => (
                <UploadProblem
                  key={c.decisionId}
                  testId="conflict"
                  itemId={c.itemId}
                  kind={c.kind}
                  uploadId={c.decisionId}
                  details={[
                    [t('conflicts.code'), c.code],
                    [t('conflicts.message'), c.message],
                  ]}
                />
              ))}
            </ul>
          </section>
        )}
        <div className="dialog-actions">
          <button type="button" autoFocus onClick={onClose} data-testid="conflicts-close">
            {t('conflicts.close')} <kbd>Esc</kbd>
          </button>
        </div>
      </div>
    </div>
  );
}
