import { useId, type KeyboardEvent, type ReactNode, type RefObject } from 'react';
import type { Decision } from '../../electron/api';
import type { MessageKey } from '../i18n';
import { useLocale } from '../i18n/context';
import { decisionLegend, selectionLegend, viewingLegend, type LegendEntry, type QueueCommand } from '../keys/queueKeys';
import { allowed, type DecisionScope } from '../queue/decisionScope';
import { useQueue, useStores } from '../state/stores';
import { UndoToast } from './UndoToast';
import { useNow } from './useNow';

const labelByCommand: Record<QueueCommand, MessageKey> = {
  approve: 'decision.approve',
  remove: 'decision.remove',
  escalate: 'decision.escalate',
  skip: 'decision.skip',
  undo: 'decision.undo',
  note: 'decision.note',
  pull: 'queue.pull',
  enforce: 'decision.enforce',
  toggleSelect: 'selection.toggleSelect',
  approveSelected: 'selection.approveSelected',
  removeSelected: 'selection.removeSelected',
  blurHeavy: 'viewing.blurHeavy',
  blurMedium: 'viewing.blurMedium',
  blurLight: 'viewing.blurLight',
  grayscale: 'viewing.grayscale',
  showWarned: 'viewing.showWarned',
  wellness: 'wellness.open',
  previousItem: 'viewing.previousItem',
  nextItem: 'viewing.nextItem',
  previousKeyframe: 'viewing.previousKeyframe',
  nextKeyframe: 'viewing.nextKeyframe',
  playVideo: 'viewing.playVideo',
};

/** On a child-safety match the two keys left say where they lead. */
const childSafetyLabels: Partial<Record<QueueCommand, MessageKey>> = {
  escalate: 'childSafety.escalate',
  skip: 'handBack.title',
};

/**
 * The on-screen key legend doubles as the mouse path: each key is also a button. Its first line
 * says why keys are off (analysis running, a child-safety match) and carries the short-lived
 * messages (undo window, applied actions), in a line of its own so they never cover the item.
 */
export function DecisionBar({
  onCommand,
  scope,
  lastDecision,
  message,
  noteRef,
}: {
  onCommand: (command: QueueCommand) => void;
  scope: DecisionScope;
  lastDecision: Decision | null;
  message: string | null;
  noteRef: RefObject<HTMLTextAreaElement | null>;
}) {
  const { t } = useLocale();
  const { queue } = useStores();
  const note = useQueue((s) => s.note);
  const busy = useQueue((s) => s.busy);
  const noteId = useId();
  const now = useNow(250);
  const canUndo = lastDecision !== null && Date.parse(lastDecision.undoUntil) > now;
  const childSafety = scope.mode === 'childSafety';

  // Esc hands the keyboard back to the decision keys without losing the note.
  const onNoteKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Escape') event.currentTarget.blur();
  };

  const group = (label: MessageKey, entries: readonly LegendEntry[], extra?: ReactNode) => (
    <div className="decision-buttons" role="group" aria-label={t(label)}>
      {entries.map(({ key, command }) => (
        <button
          key={command}
          type="button"
          className={`decision decision-${command}`}
          disabled={busy || !allowed(command, scope, canUndo)}
          onClick={() => onCommand(command)}
          data-testid={`decide-${command}`}
          aria-keyshortcuts={key}
        >
          <kbd>{key === 'ArrowUp' ? '↑' : key === 'ArrowDown' ? '↓' : key}</kbd>{' '}
          {t((childSafety && childSafetyLabels[command]) || labelByCommand[command])}
        </button>
      ))}
      {extra}
    </div>
  );

  return (
    <section
      className={`decision-bar decision-bar-${scope.mode}`}
      aria-label={t('decision.legend')}
      data-testid="decision-bar"
      data-mode={scope.mode}
    >
      <div className="decision-status">
        {scope.mode === 'analysing' && (
          <p className="mode-banner analysing-banner" role="status" data-testid="analysing-banner">
            {t('decision.analysing')}
          </p>
        )}
        {childSafety && (
          <p className="mode-banner child-safety-banner" role="alert" data-testid="child-safety-banner">
            {t('childSafety.banner')}
          </p>
        )}
        <UndoToast decision={lastDecision} />
        {message !== null && (
          <p className="status-note" role="status" data-testid="status-toast">
            {message}
          </p>
        )}
      </div>
      <div className="decision-controls">
        {group('decision.legend', decisionLegend)}
        <div className="note-field">
          <label htmlFor={noteId}>
            {t('decision.note')} <kbd>N</kbd>
          </label>
          <textarea
            id={noteId}
            ref={noteRef}
            rows={1}
            maxLength={2000}
            value={note}
            placeholder={t('decision.notePlaceholder')}
            disabled={scope.mode === 'none' && scope.selectedCount === 0}
            onChange={(e) => queue.getState().setNote(e.target.value)}
            onKeyDown={onNoteKeyDown}
            data-testid="decision-note"
          />
        </div>
        {group('selection.toggleSelect', selectionLegend)}
        {group(
          'viewing.legend',
          viewingLegend,
          <span className="legend-note">
            <kbd>Space</kbd> {t('viewing.hold')}
          </span>,
        )}
      </div>
    </section>
  );
}
