import { useCallback, useEffect, useState } from 'react';
import type { CorrectionView } from '../../electron/api';
import { Dialog } from '../components/Dialog';
import { formatMoment } from '../format/time';
import { useLocale } from '../i18n/context';
import { useStores } from '../state/stores';

/**
 * A moderator's corrections: QA overturns and appeal outcomes of their decisions, with the
 * reason, as they came down with a sync. The header says how many are new; the list opens from it.
 */
export function CorrectionsNotice() {
  const { t, locale } = useLocale();
  const { api } = useStores();
  const [corrections, setCorrections] = useState<CorrectionView[]>([]);
  const [unseen, setUnseen] = useState(0);
  const [open, setOpen] = useState(false);

  const load = useCallback(async () => {
    const mine = await api.call('corrections.mine', {});
    setCorrections(mine.corrections);
    setUnseen(mine.unseen);
  }, [api]);
  useEffect(() => {
    // The notice is a header hint: a failed load leaves it empty until the next sync, and says why in the console.
    void load().catch((error: unknown) => console.warn('[corrections] could not load corrections:', error));
    return api.subscribe((event) => {
      if (event.type === 'corrections.changed') void load();
    });
  }, [api, load]);

  if (corrections.length === 0) return null;
  const close = () => {
    setOpen(false);
    void api.call('corrections.seen', {}).then(load);
  };
  return (
    <>
      <button
        type="button"
        className={unseen > 0 ? 'button-primary' : 'button-quiet'}
        onClick={() => setOpen(true)}
        data-testid="corrections-button"
        aria-live="polite"
      >
        {unseen > 0 ? t('corrections.new', { count: unseen }) : t('corrections.all', { count: corrections.length })}
      </button>
      {open && (
        <Dialog
          title={t('corrections.title')}
          description={t('corrections.hint')}
          onClose={close}
          size="wide"
          testId="corrections-dialog"
          actions={
            <button type="button" onClick={close} data-autofocus>
              {t('corrections.close')}
            </button>
          }
        >
          <ul className="plain-list">
            {corrections.map((c) => (
              <li key={c.id} className="panel" data-testid="correction" data-seen={c.seen}>
                <p>
                  <strong>{t(`corrections.source.${c.source}`)}</strong> · {c.itemId} · {t(`audit.action.${c.action}`)} {c.reasonCode ?? ''} ·{' '}
                  {c.correctedBy} · <time dateTime={c.correctedAt}>{formatMoment(c.correctedAt, locale)}</time>
                </p>
                <p data-testid="correction-reason">{c.reason}</p>
              </li>
            ))}
          </ul>
        </Dialog>
      )}
    </>
  );
}
