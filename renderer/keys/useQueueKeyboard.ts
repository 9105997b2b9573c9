/**
 * The queue screen's keyboard: single-key commands on key down, and Space held for the whole item
 * clear until it comes up again. Off while a dialog owns the keyboard.
 */
import { useEffect } from 'react';
import type { ViewingStore } from '../state/viewing';
import { commandForKey, holdKey, isHoldKey, isTypingTarget, type QueueCommand } from './queueKeys';

export function useQueueKeyboard({ enabled, run, viewing }: { enabled: boolean; run: (command: QueueCommand) => void; viewing: ViewingStore }): void {
  useEffect(() => {
    if (!enabled) return;
    const onKeyDown = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (isHoldKey(event.key, target)) {
        // Space would scroll the page; held, it must only keep the item clear.
        event.preventDefault();
        if (!event.repeat) viewing.getState().hold(true);
        return;
      }
      const command = commandForKey({
        key: event.key,
        ctrlKey: event.ctrlKey,
        metaKey: event.metaKey,
        altKey: event.altKey,
        shiftKey: event.shiftKey,
        repeat: event.repeat,
        typing: isTypingTarget(target),
      });
      if (command === null) return;
      // Keeps the N key from typing an "n" into the note it just focused.
      event.preventDefault();
      run(command);
    };
    const onKeyUp = (event: KeyboardEvent) => {
      if (event.key === holdKey) viewing.getState().hold(false);
    };
    // A window that loses focus never sees the key come up: let go of the reveal then too.
    const release = () => viewing.getState().hold(false);
    window.addEventListener('keydown', onKeyDown);
    window.addEventListener('keyup', onKeyUp);
    window.addEventListener('blur', release);
    return () => {
      window.removeEventListener('keydown', onKeyDown);
      window.removeEventListener('keyup', onKeyUp);
      window.removeEventListener('blur', release);
      release();
    };
  }, [enabled, run, viewing]);
}
