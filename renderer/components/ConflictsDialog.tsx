import { Fragment, useId, type ReactNode } from 'react';
import type { SyncStatus } from '../../electron/api';
import { formatSince } from '../format/time';
import { useLocale } from '../i18n/context';
import { Dialog } from './Dialog';
import { useNow } from './useNow';

type Conflict = SyncStatus['conflicts'][number];
type Stuck = NonNullable<SyncStatus['stuck']>[number];

/** One upload that did not land: what and which item, then what is known about why. */
function UploadProblem(props: {
  testId: string;
  itemId: string;
  kind: Conflict['kind'];
  uploadId: string;
  details: ReadonlyArray<[string, ReactNode]>;
}) {
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
    </Dialog>
  );
}
