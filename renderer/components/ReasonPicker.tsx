import { useId, useMemo, useState, type KeyboardEvent } from 'react';
import type { ReasonCode } from '../../electron/api';
import { useLocale } from '../i18n/context';
import { filterReasonCodes, isChildSafetyReason, pickerOrder, type PickerAction } from '../queue/reasonCodes';
import { Dialog } from './Dialog';

/**
 * R (and the specialist review behind E): a searchable list of reason codes with nothing chosen
 * when it opens. A code is chosen with the arrow keys or a click, or is the top match of what was
 * typed; Enter with nothing chosen only says so. A child-safety code is never the top match of a
 * search, and choosing one asks again, because it files a child-safety report rather than
 * removing anything.
 */
export function ReasonPicker({
  action,
  reasonCodes,
  suggested,
  childSafetyOffered,
  onConfirm,
  onCancel,
}: {
  action: PickerAction;
  reasonCodes: readonly ReasonCode[];
  /** Codes the item's signals point to: listed first and marked, never chosen for the moderator. */
  suggested: readonly ReasonCode[];
  /** Off for several items at once: a child-safety report is about one item. */
  childSafetyOffered: boolean;
  onConfirm: (code: string) => void;
  onCancel: () => void;
}) {
  const { t } = useLocale();
  const baseId = useId();
  const ordered = useMemo(() => {
    const offered = childSafetyOffered ? reasonCodes : reasonCodes.filter((rc) => !isChildSafetyReason(rc));
    return pickerOrder(offered, suggested);
  }, [reasonCodes, suggested, childSafetyOffered]);
  const suggestedCodes = useMemo(() => new Set(suggested.map((rc) => rc.code)), [suggested]);
  const [query, setQuery] = useState('');
  const [chosen, setChosen] = useState<string | null>(null);
  const [nothingChosen, setNothingChosen] = useState(false);
  const [confirming, setConfirming] = useState<ReasonCode | null>(null);
  const visible = useMemo(() => filterReasonCodes(ordered, query), [ordered, query]);
  const topMatch = query.trim() === '' ? null : (visible.find((rc) => !isChildSafetyReason(rc)) ?? null);
  const highlighted = visible.find((rc) => rc.code === chosen) ?? topMatch;
  const optionId = (code: string) => `${baseId}-${code}`;

  const choose = (reason: ReasonCode | null) => {
    if (reason === null) setNothingChosen(true);
    else if (isChildSafetyReason(reason)) setConfirming(reason);
    else onConfirm(reason.code);
  };

  const move = (step: number) => {
    if (visible.length === 0) return;
    const at = highlighted === null ? (step > 0 ? -1 : visible.length) : visible.indexOf(highlighted);
    const next = visible[(at + step + visible.length) % visible.length];
    if (next) setChosen(next.code);
    setNothingChosen(false);
  };

  // Enter confirms only from the search field: on a focused button it must press that button.
  const onSearchKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown') move(1);
    else if (event.key === 'ArrowUp') move(-1);
    else if (event.key === 'Enter') choose(highlighted);
    else return;
    event.preventDefault();
  };

  if (confirming !== null) {
    return (
      // Keyed apart from the list's dialog, so the step takes focus as a dialog of its own.
      <Dialog
        key="child-safety"
        title={t('picker.childSafetyConfirm.title')}
        description={t('picker.childSafetyConfirm.body', { code: confirming.code, label: confirming.label })}
        size="small"
        testId="reason-picker"
        data={{ 'data-action': action, 'data-step': 'child-safety' }}
        onClose={() => setConfirming(null)}
        actions={
          <>
            <button type="button" data-autofocus onClick={() => setConfirming(null)} data-testid="child-safety-back">
              {t('picker.childSafetyConfirm.back')} <kbd>Esc</kbd>
            </button>
            <button type="button" className="button-danger" onClick={() => onConfirm(confirming.code)} data-testid="child-safety-confirm">
              {t('picker.childSafetyConfirm.confirm')}
            </button>
          </>
        }
      >
        <p className="notice notice-warn" data-testid="child-safety-explained">
          {t('picker.childSafetyConfirm.notRemoval')}
        </p>
      </Dialog>
    );
  }

  return (
    <Dialog
      key="choose"
      title={t(`picker.title.${action}`)}
      description={t('picker.hint')}
      testId="reason-picker"
      data={{ 'data-action': action, 'data-step': 'choose' }}
      onClose={onCancel}
      actions={
        <>
          <button type="button" onClick={onCancel}>
            {t('picker.cancel')} <kbd>Esc</kbd>
          </button>
          <button type="button" className="button-primary" onClick={() => choose(highlighted)} data-testid="reason-confirm">
            {t('picker.confirm')} <kbd>Enter</kbd>
          </button>
        </>
      }
    >
      <label htmlFor={`${baseId}-search`}>{t('picker.search')}</label>
      <input
        id={`${baseId}-search`}
        type="search"
        data-autofocus
        autoComplete="off"
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setChosen(null);
          setNothingChosen(false);
        }}
        onKeyDown={onSearchKeyDown}
        role="combobox"
        aria-expanded="true"
        aria-controls={`${baseId}-list`}
        aria-activedescendant={highlighted ? optionId(highlighted.code) : undefined}
        data-testid="reason-search"
      />
      <p className={nothingChosen ? 'notice notice-warn' : 'visually-hidden'} role="status" data-testid="nothing-chosen">
        {nothingChosen ? t('picker.nothingChosen') : null}
      </p>
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
            data-suggested={String(suggestedCodes.has(rc.code))}
            onClick={() => {
              setChosen(rc.code);
              setNothingChosen(false);
            }}
            onDoubleClick={() => choose(rc)}
          >
            <span className="reason-code">{rc.code}</span>
            <span className="reason-label">
              {rc.label}
              {suggestedCodes.has(rc.code) && <strong className="tag tag-suggestion">{t('picker.suggested')}</strong>}
            </span>
            <span className="reason-category">
              {rc.category}
              {isChildSafetyReason(rc) && <strong className="tag tag-alert">{t('picker.childSafety')}</strong>}
            </span>
            <span className="reason-description muted">{rc.description}</span>
          </li>
        ))}
      </ul>
      {visible.length === 0 && <p role="status">{t('picker.none', { query })}</p>}
      {!childSafetyOffered && <p className="hint">{t('picker.childSafetyNotForSelection')}</p>}
    </Dialog>
  );
}
