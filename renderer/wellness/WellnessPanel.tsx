import { useEffect, useId, useState, type FormEvent } from 'react';
import {
  BLUR_TIERS,
  SEVERITIES,
  tierDetail,
  type ApiError,
  type BlurTier,
  type PreferencesReply,
  type Severity,
  type ViewingPreferences,
} from '../../electron/api';
import { asApiError } from '../api/asApiError';
import { Dialog } from '../components/Dialog';
import { ErrorNotice } from '../components/ErrorNotice';
import { numberFormat } from '../format/intl';
import { useLocale } from '../i18n/context';
import { useStores, useWellness } from '../state/stores';
import { budgetAmount, budgetLabel } from './budgets';

const PREVIEW_SIZES = [120, 160, 200, 240, 320, 400, 480];

function Meters() {
  const { t } = useLocale();
  const status = useWellness((s) => s.status);
  if (status === null) return <p className="muted">{t('wellness.loading')}</p>;
  return (
    <ul className="meters" data-testid="wellness-meters">
      {status.budgets.map((b) => {
        const label = budgetLabel(t, b);
        return (
          <li
            key={`${b.kind}:${b.category ?? ''}`}
            className={`meter meter-${b.state}`}
            data-testid="wellness-meter"
            data-kind={b.kind}
            data-state={b.state}
          >
            <span className="meter-label">{label}</span>
            <meter
              min={0}
              max={Math.max(b.limit, 1)}
              low={b.limit * 0.8}
              high={b.limit}
              optimum={0}
              value={Math.min(b.used, b.limit)}
              aria-label={label}
            />
            <span className="meter-amount" data-testid="meter-amount">
              {budgetAmount(t, b)}
            </span>
            <span className="meter-state" data-testid="meter-state">
              {t(`wellness.state.${b.state}`)}
            </span>
          </li>
        );
      })}
    </ul>
  );
}

function Exposure() {
  const { t, locale } = useLocale();
  const status = useWellness((s) => s.status);
  if (status === null) return null;
  const seconds = numberFormat(locale, { maximumFractionDigits: 1 });
  return (
    <>
      <p data-testid="exposure-totals">
        {t('wellness.exposure.totals', {
          hour: seconds.format(status.exposure.hour),
          shift: seconds.format(status.exposure.shift),
          day: seconds.format(status.exposure.day),
          week: seconds.format(status.exposure.week),
        })}
      </p>
      <p data-testid="without-clear-view">
        {t('wellness.exposure.withoutClear', { without: status.today.decisionsWithoutClearView, decisions: status.today.decisions })}
      </p>
      {status.categories.length > 0 && (
        <table className="data-table" data-testid="exposure-categories">
          <caption>{t('wellness.exposure.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('wellness.col.category')}</th>
              <th scope="col">{t('wellness.col.severity')}</th>
              <th scope="col" className="num">
                {t('wellness.col.viewed')}
              </th>
              <th scope="col" className="num">
                {t('wellness.col.clear')}
              </th>
              <th scope="col" className="num">
                {t('wellness.col.weighted')}
              </th>
              <th scope="col" className="num">
                {t('wellness.col.items')}
              </th>
            </tr>
          </thead>
          <tbody>
            {status.categories.map((c) => (
              <tr key={c.category}>
                <th scope="row">{c.label}</th>
                <td>{c.severity}</td>
                <td className="num">{seconds.format(c.viewedSeconds)}</td>
                <td className="num">{seconds.format(c.clearSeconds)}</td>
                <td className="num">{seconds.format(c.weightedSeconds)}</td>
                <td className="num">{c.items}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

function Breaks() {
  const { t } = useLocale();
  const status = useWellness((s) => s.status);
  if (status === null) return null;
  const minutes = status.budgets.find((b) => b.kind === 'break_minutes');
  const items = status.budgets.find((b) => b.kind === 'break_items');
  return (
    <p data-testid="next-break">
      {status.break !== null
        ? t('wellness.breaks.due')
        : t('wellness.breaks.next', {
            minutes: Math.max(0, Math.round((minutes?.limit ?? 0) - (minutes?.used ?? 0))),
            items: Math.max(0, (items?.limit ?? 0) - (items?.used ?? 0)),
          })}{' '}
      {t('wellness.breaks.taken', { count: status.today.breaksTaken })}
    </p>
  );
}

function CheckIn() {
  const { t } = useLocale();
  const { api, wellness } = useStores();
  const today = useWellness((s) => s.status?.checkIn ?? null);
  const [mood, setMood] = useState<number | null>(null);
  const [share, setShare] = useState(false);
  const [saved, setSaved] = useState<boolean | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const legend = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (mood === null) return;
    try {
      const reply = await api.call('wellness.checkIn', { mood, share });
      setSaved(reply.shared);
      setError(null);
      void wellness.getState().refresh();
    } catch (caught) {
      setError(asApiError(caught));
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} data-testid="check-in">
      <fieldset className="check-in" aria-labelledby={legend}>
        <legend id={legend}>{t('wellness.checkIn.legend')}</legend>
        <div className="mood-scale" role="radiogroup" aria-labelledby={legend}>
          {[1, 2, 3, 4, 5].map((value) => (
            <label key={value} className="mood">
              <input type="radio" name="mood" value={value} checked={mood === value} onChange={() => setMood(value)} data-testid={`mood-${value}`} />
              <span>{t(`wellness.mood.${value as 1 | 2 | 3 | 4 | 5}`)}</span>
            </label>
          ))}
        </div>
        <label className="check">
          <input type="checkbox" checked={share} onChange={(e) => setShare(e.target.checked)} data-testid="check-in-share" />
          {t('wellness.checkIn.share')}
        </label>
        <button type="submit" disabled={mood === null} data-testid="check-in-save">
          {t('wellness.checkIn.save')}
        </button>
      </fieldset>
      {saved !== null && (
        <p role="status" data-testid="check-in-saved">
          {t(saved ? 'wellness.checkIn.savedShared' : 'wellness.checkIn.savedLocal')}
        </p>
      )}
      {saved === null && today !== null && <p className="hint">{t('wellness.checkIn.earlier', { mood: today.mood })}</p>}
      {error && <ErrorNotice error={error} />}
    </form>
  );
}

/** Settings per severity, offering only those at or above the policy's floor. */
function Preferences() {
  const { t } = useLocale();
  const { api } = useStores();
  const [reply, setReply] = useState<PreferencesReply | null>(null);
  const [draft, setDraft] = useState<ViewingPreferences | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    api.call('wellness.preferences', {}).then(
      (r) => {
        setReply(r);
        setDraft(r.preferences);
      },
      (caught: unknown) => setError(asApiError(caught)),
    );
  }, [api]);

  if (reply === null || draft === null) return error ? <ErrorNotice error={error} /> : <p className="muted">{t('wellness.loading')}</p>;
  const change = (severity: Severity, patch: Partial<ViewingPreferences[Severity]>) => {
    setSaved(false);
    setDraft({ ...draft, [severity]: { ...draft[severity], ...patch } });
  };
  const save = async () => {
    try {
      const next = await api.call('wellness.setPreferences', { preferences: draft });
      setReply(next);
      setDraft(next.preferences);
      setError(null);
      setSaved(true);
    } catch (caught) {
      setError(asApiError(caught));
    }
  };
  const labels = (severity: Severity) =>
    reply.categories
      .filter((c) => c.severity === severity)
      .map((c) => c.label)
      .join(', ');
  return (
    <div data-testid="preferences">
      <p className="hint">{t('wellness.prefs.hint')}</p>
      <table className="data-table form-table">
        <caption className="visually-hidden">{t('wellness.prefs.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('wellness.col.severity')}</th>
            <th scope="col">{t('wellness.prefs.tier')}</th>
            <th scope="col">{t('wellness.prefs.grayscale')}</th>
            <th scope="col">{t('wellness.prefs.size')}</th>
            <th scope="col">{t('wellness.prefs.warning')}</th>
          </tr>
        </thead>
        <tbody>
          {SEVERITIES.map((severity) => {
            const floor = reply.floor[severity];
            const own = draft[severity];
            const tiers = BLUR_TIERS.filter((tier) => tierDetail(tier) <= tierDetail(floor.tier));
            return (
              <tr key={severity} data-testid={`preference-${severity}`}>
                <th scope="row" title={labels(severity)}>
                  {severity}
                  <span className="visually-hidden">: {labels(severity)}</span>
                </th>
                <td>
                  <select
                    aria-label={t('wellness.prefs.tierFor', { severity })}
                    value={own.tier}
                    onChange={(e) => change(severity, { tier: e.target.value as BlurTier })}
                    data-testid={`pref-tier-${severity}`}
                  >
                    {tiers.map((tier) => (
                      <option key={tier} value={tier}>
                        {t(`viewing.state.${tier}`)}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <input
                    type="checkbox"
                    aria-label={t('wellness.prefs.grayscaleFor', { severity })}
                    checked={own.grayscale}
                    disabled={floor.grayscale}
                    onChange={(e) => change(severity, { grayscale: e.target.checked })}
                  />
                </td>
                <td>
                  <select
                    aria-label={t('wellness.prefs.sizeFor', { severity })}
                    value={own.previewSize}
                    onChange={(e) => change(severity, { previewSize: Number(e.target.value) })}
                  >
                    {PREVIEW_SIZES.filter((size) => size <= floor.previewSize).map((size) => (
                      <option key={size} value={size}>
                        {size} px
                      </option>
                    ))}
                    {!PREVIEW_SIZES.includes(own.previewSize) && <option value={own.previewSize}>{own.previewSize} px</option>}
                  </select>
                </td>
                <td>
                  <input
                    type="checkbox"
                    aria-label={t('wellness.prefs.warningFor', { severity })}
                    checked={own.warningScreen}
                    disabled={floor.warningScreen}
                    onChange={(e) => change(severity, { warningScreen: e.target.checked })}
                  />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <button type="button" onClick={() => void save()} data-testid="preferences-save">
        {t('wellness.prefs.save')}
      </button>
      {saved && (
        <p role="status" data-testid="preferences-saved">
          {t('wellness.prefs.saved')}
        </p>
      )}
      {error && <ErrorNotice error={error} />}
    </div>
  );
}

/** The moderator's own view (W): today's exposure against each limit, breaks, the check-in and their viewing settings. */
export function WellnessPanel({ onClose }: { onClose: () => void }) {
  const { t } = useLocale();
  const { wellness } = useStores();
  useEffect(() => {
    void wellness.getState().refresh();
  }, [wellness]);
  return (
    <Dialog
      title={t('wellness.panel.title')}
      description={t('wellness.panel.hint')}
      onClose={onClose}
      size="wide"
      testId="wellness-panel"
      actions={
        <button type="button" onClick={onClose} data-autofocus data-testid="wellness-close">
          {t('wellness.panel.close')}
        </button>
      }
    >
      <section aria-labelledby="wellness-today">
        <h3 id="wellness-today">{t('wellness.panel.today')}</h3>
        <Meters />
        <Breaks />
      </section>
      <section aria-labelledby="wellness-exposure">
        <h3 id="wellness-exposure">{t('wellness.panel.exposure')}</h3>
        <Exposure />
      </section>
      <section aria-labelledby="wellness-checkin">
        <h3 id="wellness-checkin">{t('wellness.panel.checkIn')}</h3>
        <CheckIn />
      </section>
      <section aria-labelledby="wellness-prefs">
        <h3 id="wellness-prefs">{t('wellness.panel.prefs')}</h3>
        <Preferences />
      </section>
    </Dialog>
  );
}
