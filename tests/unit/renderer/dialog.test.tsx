// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Dialog } from '../../../renderer/components/Dialog';

afterEach(cleanup);

function Harness({ onWindowKey, autofocus = false }: { onWindowKey?: () => void; autofocus?: boolean }) {
  const [open, setOpen] = useState(false);
  if (onWindowKey) window.onkeydown = onWindowKey;
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Open
      </button>
      {open && (
        <Dialog
          title="Pick one"
          description="Esc closes."
          testId="dialog"
          onClose={() => setOpen(false)}
          actions={
            <>
              <button type="button" onClick={() => setOpen(false)}>
                Cancel
              </button>
              <button type="button" data-autofocus={autofocus || undefined}>
                Confirm
              </button>
            </>
          }
        >
          <input aria-label="Search" />
        </Dialog>
      )}
    </>
  );
}

describe('Dialog', () => {
  it('is a labelled, described modal that starts focused on itself, not on a control Enter would press', () => {
    render(<Harness />);
    fireEvent.click(screen.getByText('Open'));
    const dialog = screen.getByRole('dialog', { name: 'Pick one' });
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(dialog.getAttribute('aria-describedby')).toBe(screen.getByText('Esc closes.').id);
    expect(document.activeElement).toBe(dialog);
  });

  it('starts on the element marked data-autofocus', () => {
    render(<Harness autofocus />);
    fireEvent.click(screen.getByText('Open'));
    expect(document.activeElement).toBe(screen.getByText('Confirm'));
  });

  it('keeps Tab inside, in both directions', () => {
    render(<Harness />);
    fireEvent.click(screen.getByText('Open'));
    const dialog = screen.getByRole('dialog');
    const search = screen.getByLabelText('Search');
    const confirm = screen.getByText('Confirm');
    fireEvent.keyDown(dialog, { key: 'Tab', shiftKey: true });
    expect(document.activeElement).toBe(confirm);
    fireEvent.keyDown(confirm, { key: 'Tab' });
    expect(document.activeElement).toBe(search);
    fireEvent.keyDown(search, { key: 'Tab', shiftKey: true });
    expect(document.activeElement).toBe(confirm);
  });

  it('closes on Esc, gives focus back to what opened it, and lets no key through to the screen behind', () => {
    const onWindowKey = vi.fn();
    render(<Harness onWindowKey={onWindowKey} />);
    const opener = screen.getByText('Open');
    opener.focus();
    fireEvent.click(opener);
    const search = screen.getByLabelText('Search');
    fireEvent.keyDown(search, { key: 'a' });
    expect(onWindowKey).not.toHaveBeenCalled();
    fireEvent.keyDown(search, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(opener);
    window.onkeydown = null;
  });
});
