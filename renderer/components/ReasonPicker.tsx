import { useId, useMemo, useState, type KeyboardEvent } from 'react';
import type { ReasonCode } from '../../electron/api';
import { useLocale } from '../i18n/context';
import {
  filterReasonCodes,
  looksLikeChildSafety,
  orderForAction,
  preselectedCode,
  type PickerAction,
} from '../queue/reasonCodes';

export function ReasonPicker({
  action,
  reasonCodes,
  onConfirm,
  onCancel,
}: {
  action: PickerAction;
  reasonCodes: readonly ReasonCode[];
  onConfirm: (code: string) => void;
  onCancel: () => void;
}) {
  const { t } = useLocale();
  const baseId = useId();
  const ordered = useMemo(() => orderForAction(reasonCodes, action), [reasonCodes, action]);
  const [query, setQuery] = useState('');
  const [chosen, setChosen] = useState<string | null>(() => preselectedCode(ordered, action));
  const visible = useMemo(() => filterReasonCodes(ordered, query), [ordered, query]);
  const highlighted = visible.find((rc) => rc.code === chosen) ?? visible[0] ?? null;
  const optionId = (code: string) => `${baseId}-${code}`;

  const move = (step: number) => {
    if (visible.length === 0) return;
    const at = highlighted === null ? -1 : visible.indexOf(highlighted);
    const next = visible[(at + step + visible.length) % visible.length];
    if (next) setChosen(next.code);
  };

  // Enter confirms only from the search field: on a focused button it must press that button.
  const onSearchKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown') move(1);
    else if (event.key === 'ArrowUp') move(-1);
    else if (event.key === 'Enter' && highlighted !== null) onConfirm(highlighted.code);
    else return;
    event.preventDefault();
  };

  const onDialogKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    onCancel();
  };

  return (
    <div className="dialog-backdrop">
      <div
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby={`${baseId}-title`}
        data-testid="reason-picker"
        data-action={action}
        onKeyDown={onDialogKeyDown}
      >
        <h2 id={`${baseId}-title`}>{t(`picker.title.${action}`)}</h2>
        <label htmlFor={`${baseId}-search`}>{t('picker.search')}</label>
        <input
          id={`${baseId}-search`}
          type="search"
          autoFocus
          autoComplete="off"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={onSearchKeyDown}
          role="combobox"
          aria-expanded="true"
          aria-controls={`${baseId}-list`}
          aria-activedescendant={highlighted ? optionId(highlighted.code) : undefined}
          data-testid="reason-search"
        />
        <p className="hint">{t('picker.hint')}</p>
        <ul id={`${baseId}-list`} role="listbox" className="reason-list" aria-label={t('picker.search')}>
          {visible.map((rc) => (
            <li
              key={rc.code}
              id={optionId(rc.code)}
              role="option"
              aria-selected={rc === highlighted}
              className="reason-option"
              data-testid="reason-option"
              data-code={rc.code}
              onClick={() => setChosen(rc.code)}
              onDoubleClick={() => onConfirm(rc.code)}
            >
              <span className="reason-code">{rc.code}</span>
              <span className="reason-label">{rc.label}</span>
              <span className="reason-category">
                {rc.category}
                {looksLikeChildSafety(rc.category) && <strong className="tag tag-alert">{t('picker.childSafety')}</strong>}
              </span>
              <span className="reason-description muted">{rc.description}</span>
            </li>
          ))}
        </ul>
        {visible.length === 0 && <p role="status">{t('picker.none', { query })}</p>}
        <div className="dialog-actions">
          <button type="button" onClick={onCancel}>
            {t('picker.cancel')} <kbd>Esc</kbd>
          </button>
          <button
            type="button"
            className="button-primary"
            disabled={highlighted === null}
            onClick={() => highlighted && onConfirm(highlighted.code)}
            data-testid="reason-confirm"
          >
            {t('picker.confirm')} <kbd>Enter</kbd>
          </button>
        </div>
      </div>
    </div>
  );
}
