import { useId, useLayoutEffect, useRef, type FormEvent, type KeyboardEvent, type ReactNode } from 'react';

const FOCUSABLE =
  'a[href], button:not(:disabled), input:not(:disabled), select:not(:disabled), textarea:not(:disabled), [tabindex]:not([tabindex="-1"])';

export interface DialogProps {
  title: ReactNode;
  /** Read out with the title when the dialog opens: what the keys do here. */
  description?: ReactNode;
  /** Always visible below the body, however long the body is. */
  actions: ReactNode;
  /** Esc; focus then goes back to where it was before the dialog opened. */
  onClose: () => void;
  /** Keys for the whole dialog (digits, Ctrl+Enter), seen before Esc and Tab are handled. */
  onKeyDown?: (event: KeyboardEvent<HTMLElement>) => void;
  /** Makes the dialog a form, so Enter in a field submits it. */
  onSubmit?: (event: FormEvent<HTMLFormElement>) => void;
  size?: 'small' | 'normal' | 'wide';
  testId: string;
  /** data-* attributes for the dialog element (what tests and styles read). */
  data?: Readonly<Record<`data-${string}`, string>>;
  children: ReactNode;
}

/**
 * The one modal of the app: labelled by its title, keeps focus inside while open and gives it
 * back when it closes, closes on Esc, and scrolls its body between a fixed title and fixed
 * actions, so the buttons stay on screen at any window height. Keys pressed inside never reach
 * the screen's single-key commands behind it.
 *
 * Focus starts on the element marked data-autofocus, or on the dialog itself: a dialog whose
 * first control would be confirmed by Enter must not start on it.
 */
export function Dialog({ title, description, actions, onClose, onKeyDown, onSubmit, size = 'normal', testId, data, children }: DialogProps) {
  const baseId = useId();
  const ref = useRef<HTMLElement | null>(null);

  // Layout effects: a dialog replaced by another in one render gives focus back before the next
  // one takes it, so the chain of dialogs still ends where the first one started.
  useLayoutEffect(() => {
    const returnTo = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const dialog = ref.current;
    (dialog?.querySelector<HTMLElement>('[data-autofocus]') ?? dialog)?.focus({ preventScroll: true });
    return () => {
      if (returnTo?.isConnected) returnTo.focus({ preventScroll: true });
    };
  }, []);

  const trapTab = (event: KeyboardEvent<HTMLElement>) => {
    const dialog = ref.current;
    if (dialog === null) return;
    const focusable = [...dialog.querySelectorAll<HTMLElement>(FOCUSABLE)];
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    if (first === undefined || last === undefined) {
      event.preventDefault();
      return;
    }
    const active = document.activeElement;
    const outside = active === dialog || !dialog.contains(active);
    if (event.shiftKey && (outside || active === first)) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && (outside || active === last)) {
      event.preventDefault();
      first.focus();
    }
  };

  const handleKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    event.stopPropagation();
    onKeyDown?.(event);
    if (event.defaultPrevented) return;
    if (event.key === 'Escape') {
      event.preventDefault();
      onClose();
    } else if (event.key === 'Tab') trapTab(event);
  };

  const common = {
    className: `dialog dialog-${size}`,
    role: 'dialog',
    'aria-modal': true,
    'aria-labelledby': `${baseId}-title`,
    'aria-describedby': description === undefined ? undefined : `${baseId}-description`,
    tabIndex: -1,
    'data-testid': testId,
    ...data,
    onKeyDown: handleKeyDown,
  } as const;
  const content = (
    <>
      <div className="dialog-header">
        <h2 id={`${baseId}-title`}>{title}</h2>
        {description !== undefined && (
          <p className="hint" id={`${baseId}-description`}>
            {description}
          </p>
        )}
      </div>
      <div className="dialog-body">{children}</div>
      <div className="dialog-actions">{actions}</div>
    </>
  );

  return (
    // A press on the backdrop must not take focus out of the dialog, or Esc and Tab would stop working.
    <div className="dialog-backdrop" onMouseDown={(event) => event.target === event.currentTarget && event.preventDefault()}>
      {onSubmit === undefined ? (
        <div {...common} ref={(el) => void (ref.current = el)}>
          {content}
        </div>
      ) : (
        <form {...common} ref={(el) => void (ref.current = el)} onSubmit={onSubmit}>
          {content}
        </form>
      )}
    </div>
  );
}
