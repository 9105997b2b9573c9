import { useEffect, useId, useState } from 'react';
import type { ApiError, EscalationSummary } from '../../electron/api';
import { asApiError } from '../api/asApiError';
import { formatDay, formatMoment } from '../format/time';
import { useLocale } from '../i18n/context';
import { useStores } from '../state/stores';
import { ErrorNotice } from './ErrorNotice';

/** A report's status moves on when sync runs, so sync events refresh it; the timer covers quiet periods. */
export const ESCALATION_REFRESH_MS = 15_000;

/** Supervisors: every escalation report made on this workstation, newest first, and where it stands. */
export function EscalationList() {
  const { t, locale } = useLocale();
  const { api } = useStores();
  const captionId = useId();
  const [escalations, setEscalations] = useState<EscalationSummary[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    let live = true;
    const load = async () => {
      try {
        const { escalations: listed } = await api.call('escalation.list', {});
        if (!live) return;
        setEscalations([...listed].sort((a, b) => Date.parse(b.updatedAt) - Date.parse(a.updatedAt)));
        setError(null);
      } catch (caught) {
        if (live) setError(asApiError(caught));
      }
    };
    void load();
    const timer = setInterval(() => void load(), ESCALATION_REFRESH_MS);
    const unsubscribe = api.subscribe((event) => {
      if (event.type === 'sync.status') void load();
    });
    return () => {
      live = false;
      clearInterval(timer);
      unsubscribe();
    };
  }, [api]);

  return (
    <section className="escalation-list" data-testid="escalation-list">
      {error && <ErrorNotice error={error} />}
      {escalations === null ? (
        !error && <p role="status">{t('escalations.loading')}</p>
      ) : escalations.length === 0 ? (
        <p data-testid="escalations-empty">{t('escalations.empty')}</p>
      ) : (
        // Focusable region so keyboard users can reach and scroll a table wider than the window.
        <div className="table-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
          <table>
            <caption id={captionId}>{t('escalations.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('escalations.itemId')}</th>
                <th scope="col">{t('escalations.kind')}</th>
                <th scope="col">{t('escalations.status')}</th>
                <th scope="col">{t('escalations.reportId')}</th>
                <th scope="col">{t('escalations.preservation')}</th>
                <th scope="col">{t('escalations.updatedAt')}</th>
              </tr>
            </thead>
            <tbody>
              {escalations.map((e) => (
                <tr key={e.draftId} data-testid="escalation-row" data-draft-id={e.draftId}>
                  <th scope="row">{e.itemId}</th>
                  <td>{t(`escalations.kind.${e.kind}`)}</td>
                  <td>
                    <span className={`badge badge-${e.status}`} data-status={e.status}>
                      {t(`escalations.state.${e.status}`)}
                    </span>
                  </td>
                  <td>{e.reportId ?? t('escalations.noReportId')}</td>
                  <td data-testid="escalation-preservation">
                    {e.preservation === null ? (
                      t('escalations.preservation.unknown')
                    ) : (
                      <>
                        {t(`escalations.preservation.${e.preservation.status}`)}{' '}
                        {t('escalations.preservation.until', { date: formatDay(e.preservation.expiresAt, locale) })}
                      </>
                    )}
                  </td>
                  <td>
                    <time dateTime={e.updatedAt}>{formatMoment(e.updatedAt, locale)}</time>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
