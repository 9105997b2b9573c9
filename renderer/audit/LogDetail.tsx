import { useEffect, useId, useState } from 'react';
import type { ApiError, AuditDetail } from '../../electron/api';
import { asApiError } from '../api/asApiError';
import { ErrorNotice } from '../components/ErrorNotice';
import { formatMoment } from '../format/time';
import { useLocale } from '../i18n/context';
import { useStores } from '../state/stores';

/** One decision's history and signals. No media: the log never shows an image. */
export function LogDetail({ decisionId, onClose }: { decisionId: string; onClose: () => void }) {
  const { t, locale } = useLocale();
  const { api } = useStores();
  const id = useId();
  const [detail, setDetail] = useState<AuditDetail | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    let live = true;
    api.call('audit.detail', { decisionId }).then(
      (d) => live && (setDetail(d), setError(null)),
      (caught: unknown) => live && setError(asApiError(caught)),
    );
    return () => {
      live = false;
    };
  }, [api, decisionId]);

  return (
    <aside
      className="audit-detail panel"
      aria-labelledby={`${id}-h`}
      data-testid="log-detail"
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.stopPropagation();
          onClose();
        }
      }}
    >
      <div className="audit-detail-head">
        <h4 id={`${id}-h`}>{t('audit.detail.heading', { id: decisionId })}</h4>
        <button type="button" className="button-quiet" onClick={onClose} aria-label={t('audit.detail.close')}>
          ✕
        </button>
      </div>
      {error && <ErrorNotice error={error} />}
      {detail && (
        <>
          <p className="hint">{t('audit.detail.noMedia')}</p>
          <dl className="facts">
            <dt>{t('audit.detail.item')}</dt>
            <dd>
              {detail.row.itemId} ({detail.item.kind}, {detail.item.locale})
            </dd>
            <dt>{t('audit.log.col.signals')}</dt>
            <dd data-testid="detail-signals">
              {t('audit.detail.signals', {
                bank: detail.row.bankCategory ?? t('audit.log.bankNone'),
                band: t(`audit.level.${detail.row.classifierBand ?? 'none'}`),
                grooming: t(`audit.level.${detail.row.groomingLevel ?? 'none'}`),
              })}
            </dd>
            <dt>{t('audit.detail.viewing')}</dt>
            <dd>
              {detail.row.clearReveals === null
                ? '–'
                : t('audit.detail.viewingValue', { reveals: detail.row.clearReveals, seconds: ((detail.row.clearMs ?? 0) / 1000).toFixed(1) })}
            </dd>
            <dt>{t('audit.detail.chain')}</dt>
            <dd className="audit-hash">
              {detail.chain ? `${detail.chain.workstationId} #${detail.chain.seq} ${detail.chain.hash.slice(0, 16)}…` : t('audit.detail.noChain')}
            </dd>
          </dl>
          <p className="content-text">{detail.item.text}</p>
          <h5>{t('audit.detail.history')}</h5>
          <ol className="audit-history" data-testid="detail-history">
            {detail.history.map((h, i) => (
              <li key={i} data-kind={h.kind}>
                <strong>{t(`audit.history.${h.kind}`)}</strong> <time dateTime={h.at}>{formatMoment(h.at, locale)}</time>
                {h.by && ` · ${h.by}`}
                {(h.action || h.reasonCode) && ` · ${[h.action, h.reasonCode].filter(Boolean).join(' ')}`}
                {h.outcome && ` · ${h.outcome}`}
                {h.text && <div className="muted">{h.text}</div>}
              </li>
            ))}
          </ol>
        </>
      )}
    </aside>
  );
}
