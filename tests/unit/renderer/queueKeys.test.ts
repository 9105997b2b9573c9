import { describe, expect, it } from 'vitest';
import { commandForKey, decisionLegend, isTypingTarget, type KeyPress } from '../../../renderer/keys/queueKeys';

const press = (key: string, extra: Partial<KeyPress> = {}): KeyPress => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  typing: false,
  repeat: false,
  ...extra,
});

describe('commandForKey', () => {
  it('maps the decision keys, either case', () => {
    expect(commandForKey(press('a'))).toBe('approve');
    expect(commandForKey(press('R'))).toBe('remove');
    expect(commandForKey(press('e'))).toBe('escalate');
    expect(commandForKey(press('s'))).toBe('skip');
    expect(commandForKey(press('u'))).toBe('undo');
    expect(commandForKey(press('n'))).toBe('note');
    expect(commandForKey(press('P'))).toBe('pull');
    expect(commandForKey(press(','))).toBe('previousKeyframe');
    expect(commandForKey(press('.'))).toBe('nextKeyframe');
    expect(commandForKey(press('k'))).toBe('playVideo');
  });

  it('ignores other keys', () => {
    for (const key of ['y', 'Enter', 'Escape', ' ', 'Tab', '4']) expect(commandForKey(press(key))).toBeNull();
  });

  it('never fires while typing', () => {
    expect(commandForKey(press('a', { typing: true }))).toBeNull();
    expect(commandForKey(press('r', { typing: true }))).toBeNull();
  });

  it('leaves shortcuts with modifiers to the browser (Ctrl+R reload, Cmd+A select all)', () => {
    expect(commandForKey(press('r', { ctrlKey: true }))).toBeNull();
    expect(commandForKey(press('a', { metaKey: true }))).toBeNull();
    expect(commandForKey(press('e', { altKey: true }))).toBeNull();
  });

  it('does not decide on a held-down key', () => {
    expect(commandForKey(press('a', { repeat: true }))).toBeNull();
  });

  it('shows a legend whose keys map to the commands they are listed with', () => {
    for (const { key, command } of decisionLegend) expect(commandForKey(press(key))).toBe(command);
  });
});

describe('isTypingTarget', () => {
  it('treats text fields and editable content as typing', () => {
    expect(isTypingTarget({ tagName: 'TEXTAREA' })).toBe(true);
    expect(isTypingTarget({ tagName: 'input', type: 'text' })).toBe(true);
    expect(isTypingTarget({ tagName: 'INPUT', type: 'search' })).toBe(true);
    expect(isTypingTarget({ tagName: 'INPUT', type: 'password' })).toBe(true);
    expect(isTypingTarget({ tagName: 'INPUT' })).toBe(true);
    expect(isTypingTarget({ tagName: 'SELECT' })).toBe(true);
    expect(isTypingTarget({ tagName: 'DIV', isContentEditable: true })).toBe(true);
  });

  it('lets keys through from buttons, checkboxes and the page', () => {
    expect(isTypingTarget({ tagName: 'BUTTON' })).toBe(false);
    expect(isTypingTarget({ tagName: 'INPUT', type: 'checkbox' })).toBe(false);
    expect(isTypingTarget({ tagName: 'BODY' })).toBe(false);
    expect(isTypingTarget(null)).toBe(false);
  });
});
