/**
 * The queue screen's single-key commands. Kept pure so the mapping and the "not while typing"
 * rule are tested without a DOM. Space (hold to see the item clear) is not here: it acts on key
 * up as well as key down, so the screen handles it with holdKey.
 */
export type QueueCommand =
  | 'approve'
  | 'remove'
  | 'escalate'
  | 'skip'
  | 'undo'
  | 'note'
  | 'pull'
  | 'enforce'
  | 'toggleSelect'
  | 'approveSelected'
  | 'removeSelected'
  | 'blurHeavy'
  | 'blurMedium'
  | 'blurLight'
  | 'grayscale'
  | 'showWarned'
  | 'wellness'
  | 'previousItem'
  | 'nextItem'
  | 'previousKeyframe'
  | 'nextKeyframe'
  | 'playVideo';

export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
  /** True when focus is in a text field, so letters belong to the text, not to commands. */
  typing: boolean;
  /** Held keys repeat; a decision must never be made by a key left down. */
  repeat: boolean;
}

/** Held for as long as the moderator wants the whole item clear. */
export const holdKey = ' ';

const commandByKey: Readonly<Record<string, QueueCommand>> = {
  a: 'approve',
  r: 'remove',
  e: 'escalate',
  s: 'skip',
  u: 'undo',
  n: 'note',
  p: 'pull',
  f: 'enforce',
  x: 'toggleSelect',
  g: 'grayscale',
  v: 'showWarned',
  w: 'wellness',
  '1': 'blurHeavy',
  '2': 'blurMedium',
  '3': 'blurLight',
  arrowup: 'previousItem',
  arrowdown: 'nextItem',
  // Comma and full stop: unshifted on English and German keyboards alike.
  ',': 'previousKeyframe',
  '.': 'nextKeyframe',
  k: 'playVideo',
};

/** Shift turns a decision on the item into the same decision on every selected item. */
const commandByShiftKey: Readonly<Record<string, QueueCommand>> = {
  a: 'approveSelected',
  r: 'removeSelected',
};

export interface LegendEntry {
  key: string;
  command: QueueCommand;
}

/** Legend order on screen; the same tables the handler uses, so the two cannot drift apart. */
export const decisionLegend: readonly LegendEntry[] = [
  { key: 'A', command: 'approve' },
  { key: 'R', command: 'remove' },
  { key: 'E', command: 'escalate' },
  { key: 'S', command: 'skip' },
  { key: 'U', command: 'undo' },
  { key: 'N', command: 'note' },
  { key: 'F', command: 'enforce' },
];

export const selectionLegend: readonly LegendEntry[] = [
  { key: 'X', command: 'toggleSelect' },
  { key: 'Shift+A', command: 'approveSelected' },
  { key: 'Shift+R', command: 'removeSelected' },
];

export const viewingLegend: readonly LegendEntry[] = [
  { key: '1', command: 'blurHeavy' },
  { key: '2', command: 'blurMedium' },
  { key: '3', command: 'blurLight' },
  { key: 'G', command: 'grayscale' },
  { key: 'V', command: 'showWarned' },
  { key: 'W', command: 'wellness' },
  { key: 'ArrowUp', command: 'previousItem' },
  { key: 'ArrowDown', command: 'nextItem' },
  { key: ',', command: 'previousKeyframe' },
  { key: '.', command: 'nextKeyframe' },
  { key: 'K', command: 'playVideo' },
];

export function commandForKey(press: KeyPress): QueueCommand | null {
  if (press.typing || press.repeat || press.ctrlKey || press.metaKey || press.altKey) return null;
  const key = press.key.toLowerCase();
  return (press.shiftKey ? commandByShiftKey[key] : commandByKey[key]) ?? null;
}

/** Space held down reveals; only outside controls, where Space already means "press this". */
export function isHoldKey(key: string, target: FocusTarget | null | undefined): boolean {
  if (key !== holdKey) return false;
  const tag = target?.tagName?.toUpperCase();
  return !(isTypingTarget(target) || tag === 'BUTTON' || tag === 'A' || tag === 'INPUT');
}

interface FocusTarget {
  tagName?: string;
  isContentEditable?: boolean;
  type?: string;
}

const nonTextInputTypes = new Set(['button', 'checkbox', 'radio', 'submit', 'reset', 'range', 'color', 'file']);

export function isTypingTarget(target: FocusTarget | null | undefined): boolean {
  if (!target) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName?.toUpperCase();
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') return !nonTextInputTypes.has((target.type ?? 'text').toLowerCase());
  return false;
}
