import { useId, useRef, type KeyboardEvent } from 'react';
import { useLocale } from '../i18n/context';
import { skipReasons, type SkipReason } from '../queue/skipReasons';

/** S: why the item is skipped, one key each (1-3), so skipping stays a two-key move. */
export function SkipPicker({ onConfirm, onCancel }: { onConfirm: (reason: SkipReason) => void; onCancel: () => void }) {
  const { t } = useLocale();
  const baseId = useId();
  const list = useRef<HTMLUListElement>(null);

  const onKeyDown = (event: KeyboardEvent) => {
    const buttons = [...(list.current?.querySelectorAll('button') ?? [])];
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    const byNumber = skipReasons[Number(event.key) - 1];
    if (event.key === 'Escape') onCancel();
    else if (byNumber !== undefined) onConfirm(byNumber);
    else if (event.key === 'ArrowDown') buttons[(at + 1) % buttons.length]?.focus();
    else if (event.key === 'ArrowUp') buttons[(at - 1 + buttons.length) % buttons.length]?.focus();
    else return;
    event.preventDefault();
  };

  return (
    <div className="dialog-backdrop">
      <div
        className="dialog dialog-small"
        role="dialog"
        aria-modal="true"
        aria-labelledby={`${baseId}-title`}
        aria-describedby={`${baseId}-hint`}
        data-testid="skip-picker"
        onKeyDown={onKeyDown}
      >
        <h2 id={`${baseId}-title`}>{t('skip.title')}</h2>
        <p className="hint" id={`${baseId}-hint`}>
          {t('skip.hint')}
        </p>
        <ul className="plain-list choice-list" ref={list}>
          {skipReasons.map((reason, index) => (
            <li key={reason}>
              <button
                type="button"
                className="choice"
                autoFocus={index === 0}
                onClick={() => onConfirm(reason)}
                data-testid="skip-reason"
                data-reason={reason}
                aria-keyshortcuts={String(index + 1)}
              >
                <kbd>{index + 1}</kbd> {t(`skip.${reason}`)}
              </button>
            </li>
          ))}
        </ul>
        <div className="dialog-actions">
          <button type="button" onClick={onCancel}>
            {t('picker.cancel')} <kbd>Esc</kbd>
          </button>
        </div>
      </div>
    </div>
  );
}
