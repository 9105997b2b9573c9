import { useId, type KeyboardEvent, type RefObject } from 'react';
import type { Decision } from '../../electron/api';
import type { MessageKey } from '../i18n';
import { useLocale } from '../i18n/context';
import { decisionLegend, type QueueCommand } from '../keys/queueKeys';
import { useQueue, useStores } from '../state/stores';
import { useNow } from './useNow';

const labelByCommand: Record<QueueCommand, MessageKey> = {
  approve: 'decision.approve',
  remove: 'decision.remove',
  escalate: 'decision.escalate',
  skip: 'decision.skip',
  undo: 'decision.undo',
  note: 'decision.note',
  pull: 'queue.pull',
};

/** The on-screen key legend doubles as the mouse path: each key is also a button. */
export function DecisionBar({
  onCommand,
  canDecide,
  lastDecision,
  noteRef,
}: {
  onCommand: (command: QueueCommand) => void;
  canDecide: boolean;
  lastDecision: Decision | null;
  noteRef: RefObject<HTMLTextAreaElement | null>;
}) {
  const { t } = useLocale();
  const { queue } = useStores();
  const note = useQueue((s) => s.note);
  const busy = useQueue((s) => s.busy);
  const noteId = useId();
  const now = useNow(250);
  const canUndo = lastDecision !== null && Date.parse(lastDecision.undoUntil) > now;

  const enabled = (command: QueueCommand) => !busy && (command === 'undo' ? canUndo : canDecide);

  // Esc hands the keyboard back to the decision keys without losing the note.
  const onNoteKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Escape') event.currentTarget.blur();
  };

  return (
    <section className="decision-bar" aria-label={t('decision.legend')} data-testid="decision-bar">
      <div className="decision-buttons">
        {decisionLegend.map(({ key, command }) => (
          <button
            key={command}
            type="button"
            className={`decision decision-${command}`}
            disabled={!enabled(command)}
            onClick={() => onCommand(command)}
            data-testid={`decide-${command}`}
            aria-keyshortcuts={key}
          >
            <kbd>{key}</kbd> {t(labelByCommand[command])}
          </button>
        ))}
      </div>
      <div className="note-field">
        <label htmlFor={noteId}>
          {t('decision.note')} <kbd>N</kbd>
        </label>
        <textarea
          id={noteId}
          ref={noteRef}
          rows={2}
          maxLength={2000}
          value={note}
          placeholder={t('decision.notePlaceholder')}
          disabled={!canDecide}
          onChange={(e) => queue.getState().setNote(e.target.value)}
          onKeyDown={onNoteKeyDown}
          data-testid="decision-note"
        />
      </div>
    </section>
  );
}
