import { useEffect, useId, useState } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Agreement, ApiError, AuditStatus } from '../../electron/api';
import { asApiError } from '../api/asApiError';
import { ErrorNotice } from '../components/ErrorNotice';
import { useLocale } from '../i18n/context';
import { useStores } from '../state/stores';

const pct = (v: number | null) => (v === null ? '–' : `${(v * 100).toFixed(1)} %`);
const k = (v: number | null) => (v === null ? '–' : v.toFixed(2));
const sec = (v: number | null) => (v === null ? null : Math.round(v / 100) / 10);

/** How well moderators agree with QA: kappa and accuracy per moderator and category, the reason-code confusion, time per decision. */
export function AgreementSection({ status }: { status: AuditStatus | null }) {
  const { t } = useLocale();
  const { api } = useStores();
  const id = useId();
  const [data, setData] = useState<Agreement | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    api.call('audit.agreement', {}).then(setData, (caught: unknown) => setError(asApiError(caught)));
  }, [api, status?.decisions, status?.pendingUploads]);

  if (error) return <ErrorNotice error={error} />;
  if (!data) return <p role="status">{t('audit.log.loading')}</p>;
  const max = Math.max(1, ...data.confusion.counts.flat());
  const moderators = data.byModerator.filter((m) => m.decisions > 0);
  const kappaRows = moderators.map((m) => ({ name: m.moderatorName, action: m.kappaAction, reason: m.kappaReason }));
  const categoryRows = data.byCategory.map((c) => ({ name: c.category, action: c.kappaAction, reason: c.kappaReason }));
  const timeRows = moderators.map((m) => ({ name: m.moderatorName, median: sec(m.medianHandlingMs), p90: sec(m.p90HandlingMs) }));

  const chart = (
    title: string,
    rows: object[],
    bars: Array<{ key: string; label: string; color: string }>,
    domain: [number, number] | undefined,
    testId: string,
  ) => (
    <figure className="audit-chart" data-testid={testId}>
      <figcaption>{title}</figcaption>
      <ResponsiveContainer width="100%" height={280}>
        <BarChart data={rows} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
          <CartesianGrid stroke="#3a3f46" strokeDasharray="3 3" />
          <XAxis dataKey="name" stroke="#b3b9c2" tick={{ fontSize: 11 }} interval={0} angle={-30} textAnchor="end" height={70} />
          <YAxis stroke="#b3b9c2" domain={domain} tick={{ fontSize: 11 }} />
          <Tooltip contentStyle={{ background: '#1f2226', border: '1px solid #3a3f46' }} />
          <Legend />
          {bars.map((b) => (
            <Bar key={b.key} dataKey={b.key} name={b.label} fill={b.color} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );

  return (
    <section className="audit-section" aria-labelledby={`${id}-h`} data-testid="audit-agreement">
      <h3 id={`${id}-h`}>{t('audit.agreement.heading')}</h3>
      <p data-testid="agreement-overall">
        {t('audit.agreement.overall', {
          reviewed: data.overall.reviewed,
          accuracy: pct(data.overall.accuracy),
          kappaAction: k(data.overall.kappaAction),
          kappaReason: k(data.overall.kappaReason),
        })}
      </p>
      <div className="audit-charts">
        {chart(
          t('audit.agreement.kappaByModerator'),
          kappaRows,
          [
            { key: 'action', label: t('audit.agreement.kappaAction'), color: '#8ab4f8' },
            { key: 'reason', label: t('audit.agreement.kappaReason'), color: '#81c995' },
          ],
          [0, 1],
          'chart-kappa-moderator',
        )}
        {chart(
          t('audit.agreement.kappaByCategory'),
          categoryRows,
          [
            { key: 'action', label: t('audit.agreement.kappaAction'), color: '#8ab4f8' },
            { key: 'reason', label: t('audit.agreement.kappaReason'), color: '#81c995' },
          ],
          [0, 1],
          'chart-kappa-category',
        )}
        {chart(
          t('audit.agreement.time'),
          timeRows,
          [
            { key: 'median', label: t('audit.agreement.median'), color: '#f6c26b' },
            { key: 'p90', label: t('audit.agreement.p90'), color: '#f28b82' },
          ],
          undefined,
          'chart-time',
        )}
      </div>
      <div className="table-scroll" role="region" aria-labelledby={`${id}-m`} tabIndex={0}>
        <table data-testid="agreement-moderators">
          <caption id={`${id}-m`}>{t('audit.agreement.tableModerators')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('audit.log.col.moderator')}</th>
              <th scope="col">{t('audit.agreement.decisions')}</th>
              <th scope="col">{t('audit.agreement.reviewed')}</th>
              <th scope="col">{t('audit.agreement.accuracy')}</th>
              <th scope="col">{t('audit.agreement.kappaAction')}</th>
              <th scope="col">{t('audit.agreement.kappaReason')}</th>
              <th scope="col">{t('audit.agreement.median')}</th>
              <th scope="col">{t('audit.agreement.p90')}</th>
            </tr>
          </thead>
          <tbody>
            {moderators.map((m) => (
              <tr key={m.moderatorId}>
                <th scope="row">{m.moderatorName}</th>
                <td>{m.decisions}</td>
                <td>{m.reviewed}</td>
                <td>{pct(m.accuracy)}</td>
                <td>{k(m.kappaAction)}</td>
                <td>{k(m.kappaReason)}</td>
                <td>{sec(m.medianHandlingMs) ?? '–'}</td>
                <td>{sec(m.p90HandlingMs) ?? '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="table-scroll" role="region" aria-labelledby={`${id}-c`} tabIndex={0}>
        <table className="audit-confusion" data-testid="agreement-confusion">
          <caption id={`${id}-c`}>{t('audit.agreement.confusion')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('audit.agreement.moderatorQa')}</th>
              {data.confusion.labels.map((l) => (
                <th scope="col" key={l}>
                  {l}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {data.confusion.labels.map((row, i) => (
              <tr key={row}>
                <th scope="row">{row}</th>
                {data.confusion.counts[i]!.map((n, j) => (
                  // The cell's shade is how many of all pairs fall in it; the number is always printed too.
                  <td
                    key={j}
                    style={{ background: n === 0 ? undefined : `rgba(${i === j ? '129, 201, 149' : '242, 139, 130'}, ${0.15 + 0.75 * (n / max)})` }}
                  >
                    {n}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
