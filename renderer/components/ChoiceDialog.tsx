import { useRef, useState, type KeyboardEvent } from 'react';
import { useLocale } from '../i18n/context';
import { Dialog } from './Dialog';

export interface Choice<T extends string> {
  id: T;
  label: string;
  /** A line under the label: where the choice leads, or why it is off. */
  detail?: string;
  disabled?: boolean;
}

/**
 * A short list of choices, one number key each (1, 2, …), or the arrow keys and Enter. Nothing
 * is focused when it opens, so Enter pressed straight after the key that opened it chooses
 * nothing and says so.
 */
export function ChoiceDialog<T extends string>({
  title,
  hint,
  choices,
  onChoose,
  onCancel,
  testId,
  choiceTestId,
}: {
  title: string;
  hint: string;
  choices: readonly Choice<T>[];
  onChoose: (id: T) => void;
  onCancel: () => void;
  testId: string;
  choiceTestId: string;
}) {
  const { t } = useLocale();
  const list = useRef<HTMLUListElement>(null);
  const [nothingChosen, setNothingChosen] = useState(false);

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    const buttons = [...(list.current?.querySelectorAll<HTMLButtonElement>('button:not(:disabled)') ?? [])];
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    const byNumber = /^[1-9]$/.test(event.key) ? choices[Number(event.key) - 1] : undefined;
    if (byNumber !== undefined) {
      if (!byNumber.disabled) onChoose(byNumber.id);
    } else if (event.key === 'ArrowDown') buttons[(at + 1) % buttons.length]?.focus();
    else if (event.key === 'ArrowUp') buttons[(at - 1 + buttons.length) % buttons.length]?.focus();
    else if (event.key === 'Enter' && at === -1) setNothingChosen(true);
    else return;
    event.preventDefault();
  };

  return (
    <Dialog
      title={title}
      description={hint}
      size="small"
      testId={testId}
      onClose={onCancel}
      onKeyDown={onKeyDown}
      actions={
        <button type="button" onClick={onCancel}>
          {t('picker.cancel')} <kbd>Esc</kbd>
        </button>
      }
    >
      <ul className="plain-list choice-list" ref={list}>
        {choices.map((choice, index) => (
          <li key={choice.id}>
            <button
              type="button"
              className="choice"
              disabled={choice.disabled}
              onClick={() => onChoose(choice.id)}
              data-testid={choiceTestId}
              data-choice={choice.id}
              aria-keyshortcuts={String(index + 1)}
            >
              <span className="choice-label">
                <kbd>{index + 1}</kbd> {choice.label}
              </span>
              {choice.detail !== undefined && <span className="choice-detail">{choice.detail}</span>}
            </button>
          </li>
        ))}
      </ul>
      {/* Always in the page, so screen readers announce the message when it fills in. */}
      <p className={nothingChosen ? 'notice notice-warn' : 'visually-hidden'} role="status" data-testid="nothing-chosen">
        {nothingChosen ? t('choice.nothingChosen', { last: choices.length }) : null}
      </p>
    </Dialog>
  );
}
