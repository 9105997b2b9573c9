import { useId, useState } from 'react';
import type { ApiError, ChainReport } from '../../electron/api';
import { asApiError } from '../api/asApiError';
import { ErrorNotice } from '../components/ErrorNotice';
import { useLocale } from '../i18n/context';
import { useStores } from '../state/stores';

function Result({ label, report }: { label: string; report: ChainReport }) {
  const { t } = useLocale();
  const b = report.firstBreak;
  return (
    <div className={`panel ${report.ok ? 'audit-ok' : 'audit-broken'}`} data-testid="chain-result" data-ok={report.ok}>
      <h4>{label}</h4>
      {report.ok ? (
        <p>{t('audit.chain.ok', { checked: report.checked, workstations: report.workstations })}</p>
      ) : (
        <>
          <p>
            {t('audit.chain.broken', {
              record: b!.recordId || '–',
              position: b!.position,
              workstation: b!.workstationId,
              problem: t(`audit.chain.problem.${b!.problem}`),
            })}
          </p>
          <dl className="facts audit-hash">
            <dt>{t('audit.chain.expected')}</dt>
            <dd>{b!.expected}</dd>
            <dt>{t('audit.chain.found')}</dt>
            <dd>{b!.found}</dd>
          </dl>
        </>
      )}
      {report.head && <p className="hint audit-hash">{t('audit.chain.head', { seq: report.head.seq, hash: report.head.hash })}</p>}
    </div>
  );
}

/** Verifies this workstation's decision chain and the downloaded team records against the heads the upstream stored. */
export function ChainSection() {
  const { t } = useLocale();
  const { api } = useStores();
  const id = useId();
  const [reports, setReports] = useState<{ own: ChainReport; team: ChainReport } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const verify = async () => {
    setBusy(true);
    try {
      const [own, team] = await Promise.all([api.call('chain.verify', {}), api.call('audit.verifyTeam', {})]);
      setReports({ own, team });
      setError(null);
    } catch (caught) {
      setError(asApiError(caught));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="audit-section" aria-labelledby={`${id}-h`} data-testid="audit-chain">
      <h3 id={`${id}-h`}>{t('audit.chain.heading')}</h3>
      <p className="hint">{t('audit.chain.hint')}</p>
      <button type="button" className="button-primary" onClick={() => void verify()} disabled={busy} data-testid="chain-verify">
        {busy ? t('audit.chain.busy') : t('audit.chain.verify')}
      </button>
      {error && <ErrorNotice error={error} />}
      {reports && (
        <div role="status">
          <Result label={t('audit.chain.own')} report={reports.own} />
          <Result label={t('audit.chain.team')} report={reports.team} />
        </div>
      )}
    </section>
  );
}
