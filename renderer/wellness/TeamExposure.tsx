import { useEffect, useId, useState } from 'react';
import { Bar, BarChart, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ApiError, TeamExposure as Team } from '../../electron/api';
import { asApiError } from '../api/asApiError';
import { ErrorNotice } from '../components/ErrorNotice';
import { numberFormat } from '../format/intl';
import { useLocale } from '../i18n/context';
import { useStores } from '../state/stores';

/** Colours told apart on the dark surface, one per harm category in the policy's order. */
const PALETTE = [
  '#f28b82',
  '#fbbc04',
  '#fdd663',
  '#81c995',
  '#78d9ec',
  '#8ab4f8',
  '#c58af9',
  '#ff8bcb',
  '#e6c9a8',
  '#a8dab5',
  '#aecbfa',
  '#d7aefb',
  '#fcad70',
  '#9aa0a6',
];

/** Room between the axis labels and the legend, whose items wrap as a flex row (styles.css: .chart). */
const LEGEND_STYLE = { paddingTop: 8 };

const isoDay = (at: Date) => at.toISOString().slice(0, 10);
const daysBefore = (days: number) => isoDay(new Date(Date.now() - days * 86_400_000));

/** The last `days` days up to today. */
function lastDays(days: number): { from: string; to: string } {
  return { from: daysBefore(days - 1), to: isoDay(new Date()) };
}

function ChartTable({ caption, head, rows, testId }: { caption: string; head: string[]; rows: Array<Array<string | number>>; testId: string }) {
  const { t } = useLocale();
  return (
    <details className="chart-table">
      <summary>{t('team.table.show')}</summary>
      <table className="data-table" data-testid={testId}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            {head.map((h, i) => (
              <th key={h} scope="col" className={i === 0 ? undefined : 'num'}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={String(row[0])}>
              {row.map((cell, i) =>
                i === 0 ? (
                  <th key={i} scope="row">
                    {cell}
                  </th>
                ) : (
                  <td key={i} className="num">
                    {cell}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

/** Gives the CSV to the browser as a download: the renderer has no save dialog of its own. */
function download(filename: string, csv: string): void {
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/**
 * A team's exposure by harm category and day, review time, breaks and caps hit, for a period:
 * aggregates only, never an item or a person, each chart with the same figures as a table.
 */
export function TeamExposure() {
  const { t, locale } = useLocale();
  const { api } = useStores();
  const fromId = useId();
  const toId = useId();
  const [period, setPeriod] = useState(() => lastDays(28));
  const [team, setTeam] = useState<Team | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [exported, setExported] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    api.call('wellness.team', period).then(
      (reply) => {
        if (!live) return;
        setTeam(reply);
        setError(null);
      },
      (caught: unknown) => {
        if (live) setError(asApiError(caught));
      },
    );
    return () => {
      live = false;
    };
  }, [api, period]);

  const exportCsv = async () => {
    try {
      const { filename, csv } = await api.call('wellness.teamCsv', period);
      download(filename, csv);
      setExported(filename);
    } catch (caught) {
      setError(asApiError(caught));
    }
  };

  const number = numberFormat(locale, { maximumFractionDigits: 1 });
  const shortDay = (day: string) =>
    new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));
  const seen = new Set(team?.days.flatMap((d) => d.categories.map((c) => c.category)) ?? []);
  const categories = (team?.categories ?? []).filter((c) => seen.has(c.id));
  const exposure = (team?.days ?? []).map((d) => ({
    day: shortDay(d.day),
    ...Object.fromEntries(d.categories.map((c) => [c.category, Math.round(c.weightedSeconds * 10) / 10])),
  }));
  const work = (team?.days ?? []).map((d) => ({
    day: shortDay(d.day),
    reviewMinutes: Math.round(d.reviewMinutes),
    breaksTaken: d.breaksTaken,
    capsHit: d.capsHit,
  }));
  const totalCaps = team?.capsHit.reduce((sum, c) => sum + c.count, 0) ?? 0;
  const totalBreaks = team?.days.reduce((sum, d) => sum + d.breaksTaken, 0) ?? 0;

  return (
    <section className="team-exposure" data-testid="team-exposure" aria-labelledby="team-heading">
      <h2 id="team-heading">{team ? t('team.heading', { team: team.teamName }) : t('team.headingPlain')}</h2>
      <p className="hint">{t('team.privacy')}</p>
      <div className="period" role="group" aria-label={t('team.period')}>
        <label htmlFor={fromId}>{t('team.from')}</label>
        <input
          id={fromId}
          type="date"
          value={period.from}
          max={period.to}
          onChange={(e) => e.target.value && setPeriod({ ...period, from: e.target.value })}
          data-testid="period-from"
        />
        <label htmlFor={toId}>{t('team.to')}</label>
        <input
          id={toId}
          type="date"
          value={period.to}
          min={period.from}
          onChange={(e) => e.target.value && setPeriod({ ...period, to: e.target.value })}
          data-testid="period-to"
        />
        <button type="button" onClick={() => setPeriod(lastDays(7))} data-testid="period-7">
          {t('team.last7')}
        </button>
        <button type="button" onClick={() => setPeriod(lastDays(28))} data-testid="period-28">
          {t('team.last28')}
        </button>
        <button type="button" className="button-primary" onClick={() => void exportCsv()} data-testid="export-csv">
          {t('team.exportCsv')}
        </button>
      </div>
      {exported && (
        <p role="status" className="hint" data-testid="csv-exported">
          {t('team.exported', { filename: exported })}
        </p>
      )}
      {error && <ErrorNotice error={error} />}
      {team && team.days.length === 0 && <p data-testid="team-empty">{t('team.empty')}</p>}
      {team && team.days.length > 0 && (
        <>
          <p data-testid="team-summary">
            {t('team.summary', { moderators: team.moderators, days: team.days.length, breaks: totalBreaks, caps: totalCaps })}
          </p>
          <figure className="chart" data-testid="chart-exposure">
            <figcaption>{t('team.chart.exposure')}</figcaption>
            <ResponsiveContainer width="100%" height={280} initialDimension={{ width: 800, height: 280 }}>
              <BarChart data={exposure} margin={{ top: 8, right: 8, bottom: 8, left: 8 }}>
                <CartesianGrid stroke="#3a3f46" strokeDasharray="3 3" />
                <XAxis dataKey="day" stroke="#b3b9c2" />
                <YAxis stroke="#b3b9c2" />
                <Tooltip contentStyle={{ background: '#272b30', border: '1px solid #3a3f46' }} />
                <Legend wrapperStyle={LEGEND_STYLE} />
                {categories.map((c) => (
                  <Bar
                    key={c.id}
                    dataKey={c.id}
                    name={c.label}
                    stackId="exposure"
                    fill={PALETTE[team.categories.findIndex((x) => x.id === c.id) % PALETTE.length]}
                    isAnimationActive={false}
                  />
                ))}
              </BarChart>
            </ResponsiveContainer>
          </figure>
          <ChartTable
            testId="table-exposure"
            caption={t('team.chart.exposure')}
            head={[t('team.col.day'), ...categories.map((c) => c.label)]}
            rows={team.days.map((d) => [
              d.day,
              ...categories.map((c) => number.format(d.categories.find((x) => x.category === c.id)?.weightedSeconds ?? 0)),
            ])}
          />
          <figure className="chart" data-testid="chart-work">
            <figcaption>{t('team.chart.work')}</figcaption>
            <ResponsiveContainer width="100%" height={240} initialDimension={{ width: 800, height: 240 }}>
              <ComposedChart data={work} margin={{ top: 8, right: 8, bottom: 8, left: 8 }}>
                <CartesianGrid stroke="#3a3f46" strokeDasharray="3 3" />
                <XAxis dataKey="day" stroke="#b3b9c2" />
                <YAxis yAxisId="minutes" stroke="#b3b9c2" />
                <YAxis yAxisId="count" orientation="right" stroke="#b3b9c2" allowDecimals={false} />
                <Tooltip contentStyle={{ background: '#272b30', border: '1px solid #3a3f46' }} />
                <Legend wrapperStyle={LEGEND_STYLE} />
                <Bar yAxisId="minutes" dataKey="reviewMinutes" name={t('team.col.reviewMinutes')} fill="#8ab4f8" isAnimationActive={false} />
                <Line yAxisId="count" dataKey="breaksTaken" name={t('team.col.breaks')} stroke="#81c995" strokeWidth={2} isAnimationActive={false} />
                <Line yAxisId="count" dataKey="capsHit" name={t('team.col.caps')} stroke="#f28b82" strokeWidth={2} isAnimationActive={false} />
              </ComposedChart>
            </ResponsiveContainer>
          </figure>
          <ChartTable
            testId="table-work"
            caption={t('team.chart.work')}
            head={[
              t('team.col.day'),
              t('team.col.moderators'),
              t('team.col.reviewMinutes'),
              t('team.col.breaks'),
              t('team.col.caps'),
              t('team.col.highSeverity'),
              t('team.col.checkIn'),
            ]}
            rows={team.days.map((d) => [
              d.day,
              d.moderators,
              number.format(d.reviewMinutes),
              d.breaksTaken,
              d.capsHit,
              d.highSeverityItems,
              d.checkIn === null
                ? t('team.checkIn.none')
                : t('team.checkIn.average', { average: number.format(d.checkIn.average), count: d.checkIn.count }),
            ])}
          />
          <h3>{t('team.caps.heading')}</h3>
          {team.capsHit.length === 0 ? (
            <p data-testid="caps-none">{t('team.caps.none')}</p>
          ) : (
            <ul data-testid="caps-hit">
              {team.capsHit.map((c) => (
                <li key={c.cap}>{t('team.caps.item', { cap: t(`wellness.cap.${c.cap}`), count: c.count })}</li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
