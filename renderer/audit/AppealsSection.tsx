import { useCallback, useEffect, useId, useState } from 'react';
import { DECISION_ACTIONS, type ApiError, type AppealView, type DecisionAction } from '../../electron/api';
import { asApiError } from '../api/asApiError';
import { ErrorNotice } from '../components/ErrorNotice';
import { formatMoment } from '../format/time';
import { useLocale } from '../i18n/context';
import { useStores } from '../state/stores';

function AppealForm({ appeal, onDecided }: { appeal: AppealView; onDecided: () => void }) {
  const { t } = useLocale();
  const { api } = useStores();
  const id = useId();
  const [outcome, setOutcome] = useState<'upheld' | 'overturned'>('upheld');
  const [action, setAction] = useState<DecisionAction>('approve');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const decide = async () => {
    try {
      await api.call('appeals.decide', { appealId: appeal.id, outcome, action: outcome === 'overturned' ? action : null, reasonCode: null, reason });
      onDecided();
    } catch (caught) {
      setError(asApiError(caught));
    }
  };
  return (
    <form
      className="audit-form-row"
      aria-label={t('audit.appeals.decide')}
      onSubmit={(event) => {
        event.preventDefault();
        void decide();
      }}
    >
      <fieldset>
        <legend>{t('audit.appeals.outcome')}</legend>
        {(['upheld', 'overturned'] as const).map((o) => (
          <label key={o} className="audit-radio">
            <input type="radio" name={`${id}-o`} checked={outcome === o} onChange={() => setOutcome(o)} />
            {t(`audit.appeals.outcome.${o}`)}
          </label>
        ))}
      </fieldset>
      {outcome === 'overturned' && (
        <label>
          {t('audit.appeals.newAction')}
          <select value={action} onChange={(e) => setAction(e.target.value as DecisionAction)}>
            {DECISION_ACTIONS.map((a) => (
              <option key={a} value={a}>
                {t(`audit.action.${a}`)}
              </option>
            ))}
          </select>
        </label>
      )}
      <label>
        {t('audit.appeals.reason')}
        <input value={reason} onChange={(e) => setReason(e.target.value)} data-testid="appeal-reason" />
      </label>
      <button type="submit" className="button-primary" disabled={reason.trim() === ''} data-testid="appeal-decide">
        {t('audit.appeals.decide')}
      </button>
      {error && <ErrorNotice error={error} />}
    </form>
  );
}

/** Appealed decisions from the upstream; only a reviewer other than the original moderator may decide one. */
export function AppealsSection() {
  const { t, locale } = useLocale();
  const { api } = useStores();
  const id = useId();
  const [appeals, setAppeals] = useState<AppealView[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const load = useCallback(() => {
    api.call('appeals.list', {}).then(
      (r) => setAppeals(r.appeals),
      (caught: unknown) => setError(asApiError(caught)),
    );
  }, [api]);
  useEffect(load, [load]);

  return (
    <section className="audit-section" aria-labelledby={`${id}-h`} data-testid="audit-appeals">
      <h3 id={`${id}-h`}>{t('audit.appeals.heading')}</h3>
      {error && <ErrorNotice error={error} />}
      {appeals?.length === 0 && <p>{t('audit.appeals.empty')}</p>}
      <ul className="plain-list audit-appeals">
        {appeals?.map((a) => (
          <li key={a.id} className="panel" data-testid="appeal" data-appeal-id={a.id} data-decidable={a.decidable}>
            <p>
              <strong>{a.moderatorName}</strong> · {t(`audit.action.${a.original.action}`)} {a.original.reasonCode ?? ''} · {a.itemId} ·{' '}
              <time dateTime={a.createdAt}>{formatMoment(a.createdAt, locale)}</time>
            </p>
            <blockquote>{a.statement}</blockquote>
            <p>
              <span className="badge">{t(`audit.appeals.status.${a.status}`)}</span>
              {a.outcome && ` ${t(`audit.appeals.outcome.${a.outcome}`)}`}
              {a.reason && ` · ${a.reason}`}
            </p>
            {a.decidable ? (
              <AppealForm appeal={a} onDecided={load} />
            ) : (
              a.notDecidableReason && (
                <p className="hint" data-testid="appeal-not-decidable">
                  {a.notDecidableReason}
                </p>
              )
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
