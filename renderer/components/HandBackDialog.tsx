import { useId, useState, type KeyboardEvent } from 'react';
import { useLocale } from '../i18n/context';
import { Dialog } from './Dialog';

/**
 * The other way out of a child-safety match besides its report: a skip that hands the item to a
 * specialist. The reason is required, since the specialist starts from it.
 */
export function HandBackDialog({
  initialNote,
  onConfirm,
  onCancel,
}: {
  initialNote: string;
  onConfirm: (note: string) => void;
  onCancel: () => void;
}) {
  const { t } = useLocale();
  const noteId = useId();
  const [note, setNote] = useState(initialNote);
  const [missing, setMissing] = useState(false);

  const confirm = () => {
    const typed = note.trim();
    if (typed === '') setMissing(true);
    else onConfirm(typed);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key !== 'Enter' || !(event.ctrlKey || event.metaKey)) return;
    event.preventDefault();
    confirm();
  };

  return (
    <Dialog
      title={t('handBack.title')}
      description={t('handBack.hint')}
      testId="hand-back"
      onClose={onCancel}
      onKeyDown={onKeyDown}
      actions={
        <>
          <button type="button" onClick={onCancel}>
            {t('picker.cancel')} <kbd>Esc</kbd>
          </button>
          <button type="button" className="button-primary" onClick={confirm} data-testid="hand-back-confirm">
            {t('handBack.confirm')} <kbd>Ctrl+Enter</kbd>
          </button>
        </>
      }
    >
      <label htmlFor={noteId}>{t('handBack.reason')}</label>
      <textarea
        id={noteId}
        rows={3}
        maxLength={2000}
        required
        aria-required="true"
        aria-invalid={missing}
        value={note}
        data-autofocus
        onChange={(e) => {
          setNote(e.target.value);
          setMissing(false);
        }}
        data-testid="hand-back-reason"
      />
      <p className={missing ? 'notice notice-error' : 'visually-hidden'} role="status" data-testid="hand-back-missing">
        {missing ? t('handBack.missing') : null}
      </p>
    </Dialog>
  );
}
