import { useCallback, useEffect, useId, useState } from 'react';
import {
  DECISION_ACTIONS,
  type ApiError,
  type AuditStatus,
  type DecisionAction,
  type QaItem,
  type QaSample,
  type ReasonCode,
} from '../../electron/api';
import { asApiError } from '../api/asApiError';
import { ErrorNotice } from '../components/ErrorNotice';
import { useLocale } from '../i18n/context';
import { useStores } from '../state/stores';

type Summary = { id: string; seed: number; size: number; mode: string; stratifyBy: string | null; createdAt: string; done: number };

/** Draw a seeded sample, then re-review each decision blind: the original shows only once the re-review is recorded. */
export function QaSection({ status }: { status: AuditStatus | null }) {
  const { t } = useLocale();
  const { api } = useStores();
  const id = useId();
  const [draw, setDraw] = useState({
    seed: 1,
    size: 25,
    mode: 'random' as 'random' | 'stratified',
    stratifyBy: 'moderator' as 'moderator' | 'category' | 'severity',
  });
  const [samples, setSamples] = useState<Summary[]>([]);
  const [sample, setSample] = useState<QaSample | null>(null);
  const [item, setItem] = useState<QaItem | null>(null);
  const [reasonCodes, setReasonCodes] = useState<ReasonCode[]>([]);
  const [review, setReview] = useState({ action: 'approve' as DecisionAction, reasonCode: '', note: '' });
  const [verdictReason, setVerdictReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const run = async <T,>(fn: () => Promise<T>): Promise<T | null> => {
    setBusy(true);
    try {
      const result = await fn();
      setError(null);
      return result;
    } catch (caught) {
      setError(asApiError(caught));
      return null;
    } finally {
      setBusy(false);
    }
  };

  const loadSamples = useCallback(async () => setSamples((await api.call('qa.samples', {})).samples), [api]);
  useEffect(() => {
    void loadSamples().catch((caught: unknown) => setError(asApiError(caught)));
    void api.call('policy.reasonCodes', {}).then(
      (p) => setReasonCodes(p.reasonCodes),
      (caught: unknown) => setError(asApiError(caught)),
    );
  }, [api, loadSamples]);

  const openItem = async (sampleId: string, decisionId: string) => {
    const opened = await run(() => api.call('qa.item', { sampleId, decisionId }));
    if (opened) {
      setItem(opened);
      setReview({ action: 'approve', reasonCode: '', note: '' });
      setVerdictReason('');
    }
  };
  const openSample = async (sampleId: string) => {
    const opened = await run(() => api.call('qa.sample', { sampleId }));
    if (!opened) return;
    setSample(opened);
    const next = opened.items.find((i) => i.state !== 'done') ?? opened.items[0];
    if (next) await openItem(sampleId, next.decisionId);
    else setItem(null);
  };
  const refresh = async (sampleId: string) => {
    setSample(await api.call('qa.sample', { sampleId }));
    await loadSamples();
  };

  const onDraw = async () => {
    const drawn = await run(() =>
      api.call('qa.draw', {
        seed: draw.seed,
        size: draw.size,
        mode: draw.mode,
        ...(draw.mode === 'stratified' ? { stratifyBy: draw.stratifyBy } : {}),
      }),
    );
    if (drawn) {
      await loadSamples();
      await openSample(drawn.id);
    }
  };
  const onRecord = async () => {
    if (!item) return;
    const recorded = await run(() =>
      api.call('qa.record', {
        sampleId: item.sampleId,
        decisionId: item.decisionId,
        action: review.action,
        reasonCode: review.reasonCode === '' ? null : review.reasonCode,
        note: review.note.trim() === '' ? null : review.note,
      }),
    );
    if (recorded) setItem(recorded);
  };
  const onVerdict = async (verdict: 'agree' | 'overturn') => {
    if (!item) return;
    const given = await run(() =>
      api.call('qa.verdict', {
        sampleId: item.sampleId,
        decisionId: item.decisionId,
        verdict,
        reason: verdictReason.trim() === '' ? null : verdictReason,
      }),
    );
    if (given) {
      setItem(given);
      await refresh(item.sampleId);
    }
  };
  const nextItem = sample?.items.find((i) => i.state !== 'done' && i.decisionId !== item?.decisionId);

  return (
    <section className="audit-section" aria-labelledby={`${id}-h`} data-testid="audit-qa">
      <h3 id={`${id}-h`}>{t('audit.qa.heading')}</h3>
      <form
        className="audit-form-row"
        onSubmit={(event) => {
          event.preventDefault();
          void onDraw();
        }}
      >
        <label>
          {t('audit.qa.seed')}
          <input type="number" min={0} value={draw.seed} onChange={(e) => setDraw({ ...draw, seed: Number(e.target.value) })} data-testid="qa-seed" />
        </label>
        <label>
          {t('audit.qa.size')}
          <input
            type="number"
            min={1}
            max={5000}
            value={draw.size}
            onChange={(e) => setDraw({ ...draw, size: Number(e.target.value) })}
            data-testid="qa-size"
          />
        </label>
        <label>
          {t('audit.qa.mode')}
          <select value={draw.mode} onChange={(e) => setDraw({ ...draw, mode: e.target.value as 'random' | 'stratified' })} data-testid="qa-mode">
            <option value="random">{t('audit.qa.mode.random')}</option>
            <option value="stratified">{t('audit.qa.mode.stratified')}</option>
          </select>
        </label>
        {draw.mode === 'stratified' && (
          <label>
            {t('audit.qa.stratifyBy')}
            <select
              value={draw.stratifyBy}
              onChange={(e) => setDraw({ ...draw, stratifyBy: e.target.value as typeof draw.stratifyBy })}
              data-testid="qa-stratify"
            >
              <option value="moderator">{t('audit.qa.by.moderator')}</option>
              <option value="category">{t('audit.qa.by.category')}</option>
              <option value="severity">{t('audit.qa.by.severity')}</option>
            </select>
          </label>
        )}
        <button type="submit" className="button-primary" disabled={busy} data-testid="qa-draw">
          {t('audit.qa.draw')}
        </button>
      </form>
      {error && <ErrorNotice error={error} onDismiss={() => setError(null)} />}
      <div className="audit-qa-layout">
        <nav aria-label={t('audit.qa.samples')} className="audit-qa-list">
          <h4>{t('audit.qa.samples')}</h4>
          {samples.length === 0 && <p className="hint">{t('audit.qa.noSamples')}</p>}
          <ul className="plain-list">
            {samples.map((s) => (
              <li key={s.id}>
                <button
                  type="button"
                  className={sample?.id === s.id ? 'button-primary' : 'button-quiet'}
                  onClick={() => void openSample(s.id)}
                  data-testid="qa-sample"
                >
                  {t('audit.qa.sampleLabel', {
                    seed: s.seed,
                    size: s.size,
                    done: s.done,
                    mode: t(`audit.qa.mode.${s.mode as 'random' | 'stratified'}`),
                  })}
                </button>
              </li>
            ))}
          </ul>
          {sample && (
            <ol className="audit-qa-items" aria-label={t('audit.qa.items')}>
              {sample.items.map((i) => (
                <li key={i.decisionId}>
                  <button
                    type="button"
                    className={item?.decisionId === i.decisionId ? 'button-primary' : 'button-quiet'}
                    onClick={() => void openItem(sample.id, i.decisionId)}
                    data-state={i.state}
                    data-testid="qa-sample-item"
                  >
                    {t(`audit.qa.state.${i.state}`)}
                    {i.stratum ? ` · ${status?.team?.members.find((m) => m.id === i.stratum)?.displayName ?? i.stratum}` : ''}
                  </button>
                </li>
              ))}
            </ol>
          )}
        </nav>
        {item && (
          <article className="panel audit-qa-item" aria-labelledby={`${id}-item`} data-testid="qa-item" data-state={item.state}>
            <h4 id={`${id}-item`}>{t('audit.qa.itemHeading', { position: item.position + 1, total: item.total })}</h4>
            <p className="hint">
              {t(`audit.queue.${item.queue}`)} · {item.item.kind} · {item.item.locale} ·{' '}
              {t('audit.detail.signals', {
                bank: item.signals.bankCategory ?? t('audit.log.bankNone'),
                band: t(`audit.level.${item.signals.classifierBand ?? 'none'}`),
                grooming: t(`audit.level.${item.signals.groomingLevel ?? 'none'}`),
              })}
            </p>
            <p className="content-text" data-testid="qa-item-text">
              {item.item.text}
            </p>
            {item.original === null ? (
              <form
                className="audit-review"
                aria-label={t('audit.qa.reviewForm')}
                onSubmit={(event) => {
                  event.preventDefault();
                  void onRecord();
                }}
              >
                <p className="hint" data-testid="qa-blind">
                  {t('audit.qa.blind')}
                </p>
                <fieldset>
                  <legend>{t('audit.qa.yourDecision')}</legend>
                  {DECISION_ACTIONS.map((a) => (
                    <label key={a} className="audit-radio">
                      <input
                        type="radio"
                        name={`${id}-action`}
                        value={a}
                        checked={review.action === a}
                        onChange={() => setReview({ ...review, action: a })}
                      />
                      {t(`audit.action.${a}`)}
                    </label>
                  ))}
                </fieldset>
                <label>
                  {t('audit.qa.reason')}
                  <select value={review.reasonCode} onChange={(e) => setReview({ ...review, reasonCode: e.target.value })} data-testid="qa-reason">
                    <option value="">{t('audit.qa.noReason')}</option>
                    {reasonCodes.map((c) => (
                      <option key={c.code} value={c.code}>
                        {c.code} · {c.label}
                      </option>
                    ))}
                  </select>
                </label>
                <label>
                  {t('audit.qa.note')}
                  <textarea value={review.note} onChange={(e) => setReview({ ...review, note: e.target.value })} rows={2} />
                </label>
                <button type="submit" className="button-primary" disabled={busy} data-testid="qa-record">
                  {t('audit.qa.record')}
                </button>
              </form>
            ) : (
              <div className="audit-compare" data-testid="qa-original">
                <dl className="facts">
                  <dt>{t('audit.qa.yourReview')}</dt>
                  <dd>{item.review ? `${t(`audit.action.${item.review.action}`)} ${item.review.reasonCode ?? ''}` : '–'}</dd>
                  <dt>{t('audit.qa.original')}</dt>
                  <dd>
                    {t(`audit.action.${item.original.action}`)} {item.original.reasonCode ?? ''} · {item.original.moderatorName}
                  </dd>
                  {item.original.note && (
                    <>
                      <dt>{t('audit.qa.originalNote')}</dt>
                      <dd>{item.original.note}</dd>
                    </>
                  )}
                </dl>
                {item.verdict === null ? (
                  <div className="audit-verdict">
                    <label>
                      {t('audit.qa.verdictReason')}
                      <textarea value={verdictReason} onChange={(e) => setVerdictReason(e.target.value)} rows={2} data-testid="qa-verdict-reason" />
                    </label>
                    <div className="decision-buttons">
                      <button type="button" onClick={() => void onVerdict('agree')} disabled={busy} data-testid="qa-agree">
                        {t('audit.qa.agree')}
                      </button>
                      <button
                        type="button"
                        className="decision-remove"
                        onClick={() => void onVerdict('overturn')}
                        disabled={busy || verdictReason.trim() === ''}
                        data-testid="qa-overturn"
                      >
                        {t('audit.qa.overturn')}
                      </button>
                    </div>
                  </div>
                ) : (
                  <p role="status" data-testid="qa-verdict">
                    {t(`audit.qa.verdict.${item.verdict.verdict}`)} · {t(`audit.upload.${item.verdict.upload}`)}
                    {item.verdict.reason && ` · ${item.verdict.reason}`}
                  </p>
                )}
              </div>
            )}
            {nextItem && sample && (
              <button type="button" onClick={() => void openItem(sample.id, nextItem.decisionId)} data-testid="qa-next">
                {t('audit.qa.next')}
              </button>
            )}
          </article>
        )}
      </div>
    </section>
  );
}
