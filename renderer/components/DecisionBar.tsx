import { useId, type KeyboardEvent, type ReactNode, type RefObject } from 'react';
import type { Decision } from '../../electron/api';
import type { MessageKey } from '../i18n';
import { useLocale } from '../i18n/context';
import { decisionLegend, selectionLegend, viewingLegend, type LegendEntry, type QueueCommand } from '../keys/queueKeys';
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
  enforce: 'decision.enforce',
  toggleSelect: 'selection.toggleSelect',
  approveSelected: 'selection.approveSelected',
  removeSelected: 'selection.removeSelected',
  blurHeavy: 'viewing.blurHeavy',
  blurMedium: 'viewing.blurMedium',
  blurLight: 'viewing.blurLight',
  grayscale: 'viewing.grayscale',
  previousItem: 'viewing.previousItem',
  nextItem: 'viewing.nextItem',
};

/** What the item on screen allows: a child-safety match takes every decision but escalation away. */
export interface DecisionScope {
  canDecide: boolean;
  childSafety: boolean;
  selectedCount: number;
}

function allowed(command: QueueCommand, scope: DecisionScope, canUndo: boolean): boolean {
  switch (command) {
    case 'undo':
      return canUndo;
    case 'approveSelected':
    case 'removeSelected':
      return scope.selectedCount > 0;
    case 'approve':
    case 'remove':
    case 'skip':
      return scope.canDecide && !scope.childSafety;
    default:
      return scope.canDecide;
  }
}

/** The on-screen key legend doubles as the mouse path: each key is also a button. */
export function DecisionBar({
  onCommand,
  scope,
  lastDecision,
  noteRef,
}: {
  onCommand: (command: QueueCommand) => void;
  scope: DecisionScope;
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
          {scope.childSafety && command === 'escalate' ? t('childSafety.escalate') : t(labelByCommand[command])}
        </button>
      ))}
      {extra}
    </div>
  );

  return (
    <section
      className={scope.childSafety ? 'decision-bar decision-bar-child-safety' : 'decision-bar'}
      aria-label={t('decision.legend')}
      data-testid="decision-bar"
      data-mode={scope.childSafety ? 'child-safety' : 'ordinary'}
    >
      {scope.childSafety && (
        <p className="child-safety-banner" role="alert" data-testid="child-safety-banner">
          {t('childSafety.banner')}
        </p>
      )}
      {group('decision.legend', decisionLegend)}
      {group('selection.toggleSelect', selectionLegend)}
      {group(
        'viewing.legend',
        viewingLegend,
        <span className="legend-note">
          <kbd>Space</kbd> {t('viewing.hold')}
        </span>,
      )}
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
          disabled={!scope.canDecide && scope.selectedCount === 0}
          onChange={(e) => queue.getState().setNote(e.target.value)}
          onKeyDown={onNoteKeyDown}
          data-testid="decision-note"
        />
      </div>
    </section>
  );
}
