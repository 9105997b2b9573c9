/**
 * The queue screen's single-key commands. Kept pure so the mapping and the "not while typing"
 * rule are tested without a DOM.
 */
export type QueueCommand = 'approve' | 'remove' | 'escalate' | 'skip' | 'undo' | 'note' | 'pull';

export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  /** True when focus is in a text field, so letters belong to the text, not to commands. */
  typing: boolean;
  /** Held keys repeat; a decision must never be made by a key left down. */
  repeat: boolean;
}

const commandByKey: Readonly<Record<string, QueueCommand>> = {
  a: 'approve',
  r: 'remove',
  e: 'escalate',
  s: 'skip',
  u: 'undo',
  n: 'note',
  p: 'pull',
};

/** Legend order on screen; the same table the handler uses, so the two cannot drift apart. */
export const decisionLegend: readonly { key: string; command: QueueCommand }[] = [
  { key: 'A', command: 'approve' },
  { key: 'R', command: 'remove' },
  { key: 'E', command: 'escalate' },
  { key: 'S', command: 'skip' },
  { key: 'U', command: 'undo' },
  { key: 'N', command: 'note' },
];

export function commandForKey(press: KeyPress): QueueCommand | null {
  if (press.typing || press.repeat || press.ctrlKey || press.metaKey || press.altKey) return null;
  return commandByKey[press.key.toLowerCase()] ?? null;
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
