/**
 * What the item on screen allows, in one place for both the keys and the buttons, matching what
 * core accepts: nothing is decided while an image of it is still being checked against the hash
 * banks, and a child-safety match leaves only through its report or back to a specialist.
 */
import type { ItemView } from '../../electron/api';
import type { QueueCommand } from '../keys/queueKeys';
import { analysisPending, itemChildSafetyMatch } from '../signals/childSafety';

/** none: no item on screen; analysing: some image not checked yet; childSafety: a hash-bank match. */
export type DecisionMode = 'none' | 'analysing' | 'childSafety' | 'ordinary';

export interface DecisionScope {
  mode: DecisionMode;
  selectedCount: number;
  /** The selection holds the item on screen while that item may not be decided with the others. */
  selectionBlocked: boolean;
}

export function decisionScope(view: ItemView | null, selected: readonly string[]): DecisionScope {
  const mode: DecisionMode =
    view === null ? 'none' : analysisPending(view.signals) ? 'analysing' : itemChildSafetyMatch(view.signals) !== null ? 'childSafety' : 'ordinary';
  const selectionBlocked = view !== null && mode !== 'ordinary' && selected.includes(view.item.id);
  return { mode, selectedCount: selected.length, selectionBlocked };
}

export function allowed(command: QueueCommand, scope: DecisionScope, canUndo: boolean): boolean {
  switch (command) {
    case 'undo':
      return canUndo;
    case 'pull':
    case 'wellness':
      return true;
    case 'approveSelected':
    case 'removeSelected':
      return scope.selectedCount > 0 && !scope.selectionBlocked;
    case 'approve':
    case 'remove':
    case 'enforce':
    case 'toggleSelect':
      return scope.mode === 'ordinary';
    // On a match, E offers its report and S hands it back for a specialist.
    case 'escalate':
    case 'skip':
      return scope.mode === 'ordinary' || scope.mode === 'childSafety';
    default:
      return scope.mode !== 'none';
  }
}
