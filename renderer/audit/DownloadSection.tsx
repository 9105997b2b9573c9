import { useEffect, useId, useRef, useState } from 'react';
import type { ApiError, AuditStatus } from '../../electron/api';
import { asApiError } from '../api/asApiError';
import { ErrorNotice } from '../components/ErrorNotice';
import { formatMoment } from '../format/time';
import { useLocale } from '../i18n/context';
import { useStores } from '../state/stores';
import { dayStart, isoDay } from './download';

const DEFAULT_PERIOD_DAYS = 28;

/** Four weeks up to and including today, as date-field values. */
function defaultPeriod(now = Date.now()): { from: string; to: string } {
  return { from: isoDay(now - DEFAULT_PERIOD_DAYS * 86_400_000), to: isoDay(now) };
}

/** Pick a period, download it with live progress, and see what is stored here for offline work. */
export function DownloadSection({ status, onDownloaded, autoStart }: { status: AuditStatus | null; onDownloaded: () => void; autoStart: boolean }) {
  const { t, locale } = useLocale();
  const { api } = useStores();
  const id = useId();
  const [period, setPeriod] = useState(defaultPeriod);
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<{ records: number; pages: number } | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(
    () =>
      api.subscribe((event) => {
        if (event.type === 'audit.progress') setProgress({ records: event.records, pages: event.pages });
      }),
    [api],
  );

  const download = async () => {
    setBusy(true);
    setError(null);
    setProgress({ records: 0, pages: 0 });
    try {
      await api.call('audit.download', { from: dayStart(period.from), to: dayStart(period.to, 1) });
      onDownloaded();
    } catch (caught) {
      setError(asApiError(caught));
    } finally {
      setBusy(false);
    }
  };

  // A supervisor's first sign-in on this workstation: the last four weeks come down at once.
  // Only once: a failed automatic download is retried by hand.
  const started = useRef(false);
  useEffect(() => {
    if (!autoStart || started.current || status === null || status.periods.length > 0) return;
    started.current = true;
    void download();
  });

  return (
    <section className="audit-section" aria-labelledby={`${id}-h`} data-testid="audit-download">
      <h3 id={`${id}-h`}>{t('audit.download.heading')}</h3>
      <p className="hint">{t('audit.download.hint')}</p>
      <form
        className="audit-form-row"
        onSubmit={(event) => {
          event.preventDefault();
          void download();
        }}
      >
        <label>
          {t('audit.download.from')}
          <input
            type="date"
            value={period.from}
            max={period.to}
            onChange={(e) => setPeriod({ ...period, from: e.target.value })}
            data-testid="download-from"
          />
        </label>
        <label>
          {t('audit.download.to')}
          <input
            type="date"
            value={period.to}
            min={period.from}
            onChange={(e) => setPeriod({ ...period, to: e.target.value })}
            data-testid="download-to"
          />
        </label>
        <button type="submit" className="button-primary" disabled={busy || period.from === '' || period.to === ''} data-testid="download-start">
          {busy ? t('audit.download.busy') : t('audit.download.start')}
        </button>
      </form>
      {progress && (
        <div className="audit-progress" data-testid="download-progress">
          <progress max={busy ? undefined : 1} value={busy ? undefined : 1} aria-label={t('audit.download.progressLabel')} />
          <span role="status">
            {t(busy ? 'audit.download.progress' : 'audit.download.finished', { records: progress.records, pages: progress.pages })}
          </span>
        </div>
      )}
      {error && <ErrorNotice error={error} />}
      {status && (
        <div className="table-scroll" role="region" aria-labelledby={`${id}-c`} tabIndex={0}>
          <table data-testid="stored-periods">
            <caption id={`${id}-c`}>{t('audit.download.stored', { decisions: status.decisions, team: status.team?.name ?? '–' })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('audit.download.from')}</th>
                <th scope="col">{t('audit.download.to')}</th>
                <th scope="col">{t('audit.download.records')}</th>
                <th scope="col">{t('audit.download.state')}</th>
                <th scope="col">{t('audit.download.updated')}</th>
              </tr>
            </thead>
            <tbody>
              {status.periods.map((p) => (
                <tr key={`${p.from}-${p.to}`}>
                  <td>{p.from.slice(0, 10)}</td>
                  <td>{isoDay(Date.parse(p.to) - 1)}</td>
                  <td>{p.records}</td>
                  <td>{t(p.complete ? 'audit.download.complete' : 'audit.download.incomplete')}</td>
                  <td>
                    <time dateTime={p.updatedAt}>{formatMoment(p.updatedAt, locale)}</time>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {status && status.pendingUploads > 0 && <p data-testid="audit-pending">{t('audit.download.pending', { count: status.pendingUploads })}</p>}
    </section>
  );
}
