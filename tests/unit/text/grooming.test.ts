import { describe, expect, test } from 'vitest';
import { GROOMING_PATTERN_WEIGHTS, scoreGroomingThread, type ThreadMessage } from '../../../electron/core/signals/text/index';

const thread = (...texts: Array<[fromHandle: string, text: string]>): ThreadMessage[] =>
  texts.map(([fromHandle, text], i) => ({ id: `m${i + 1}`, fromHandle, text }));

describe('scoreGroomingThread', () => {
  test('an ordinary conversation scores none', () => {
    const benign = thread(
      ['sam', 'hey are you coming to practice tomorrow?'],
      ['alex', 'yes! my mom is driving, we can give you a ride'],
      ['sam', 'cool, tell coach I will be late, I have a dentist appointment'],
      ['alex', 'sure. did you finish the maths homework? the old textbook is so confusing'],
      ['sam', 'almost, I will send the answers to the group chat later'],
    );
    expect(scoreGroomingThread(benign, 'en')).toEqual({ score: 0, level: 'none', patterns: [] });
  });

  test('age + secrecy + moving apps from one sender is high, with the messages that triggered it', () => {
    const messages = thread(
      ['stranger42', 'hi :) how old are you?'],
      ['kid', 'im 13'],
      ['stranger42', "cool. this is our little secret ok, don't tell anyone"],
      ['kid', 'ok'],
      ['stranger42', 'add me on snap, this app is boring'],
    );
    const result = scoreGroomingThread(messages, 'en');
    expect(result.level).toBe('high');
    expect(result.score).toBeCloseTo(1 - (1 - 0.35) * (1 - 0.5) * (1 - 0.35), 10);

    const byPattern = Object.fromEntries(result.patterns.map((p) => [p.pattern, p]));
    expect(Object.keys(byPattern).sort()).toEqual(['asks_age', 'move_platform', 'secrecy']);
    expect(byPattern.asks_age!.messageIds).toEqual(['m1']);
    expect(byPattern.secrecy!.messageIds).toEqual(['m3']);
    expect(byPattern.move_platform!.messageIds).toEqual(['m5']);
    expect(byPattern.secrecy!.weight).toBe(GROOMING_PATTERN_WEIGHTS.secrecy);

    const textOf = (id: string) => messages.find((m) => m.id === id)!.text;
    const highlighted = (pattern: string) => byPattern[pattern]!.spans.map((s) => textOf(s.messageId).slice(s.start, s.end));
    expect(highlighted('asks_age')).toEqual(['how old are you']);
    expect(highlighted('secrecy')).toEqual(['our little secret', "don't tell anyone"]);
    expect(highlighted('move_platform')).toEqual(['add me on']);
  });

  test('patterns survive obfuscation', () => {
    const result = scoreGroomingThread(thread(['x', 'h0w 0ld r u'], ['x', 'd0nt t3ll any0ne'], ['x', 's e n d  a  p h o t o']), 'en');
    expect(result.patterns.map((p) => p.pattern).sort()).toEqual(['asks_age', 'image_request', 'secrecy']);
    expect(result.level).toBe('high');
  });

  test('one pattern repeated weighs no more than once; distinct patterns weigh more', () => {
    const repeated = scoreGroomingThread(thread(['x', 'i can buy you robux'], ['x', 'here is a gift card'], ['x', 'i will send you money']), 'en');
    const once = scoreGroomingThread(thread(['x', 'here is a gift card']), 'en');
    const distinct = scoreGroomingThread(thread(['x', 'here is a gift card'], ['x', 'you are so pretty']), 'en');
    expect(repeated.score).toBe(once.score);
    expect(repeated.patterns[0]!.messageIds).toEqual(['m1', 'm2', 'm3']);
    expect(repeated.level).toBe('low');
    expect(distinct.score).toBeGreaterThan(repeated.score);
  });

  test('patterns from different senders do not add up', () => {
    const split = scoreGroomingThread(thread(['a', 'how old are you'], ['b', "don't tell anyone"]), 'en');
    const together = scoreGroomingThread(thread(['a', 'how old are you'], ['a', "don't tell anyone"]), 'en');
    expect(split.score).toBe(GROOMING_PATTERN_WEIGHTS.secrecy);
    expect(together.score).toBeGreaterThan(split.score);
    expect(split.patterns.map((p) => p.pattern).sort()).toEqual(['asks_age', 'secrecy']);
  });

  test('Spanish thread', () => {
    const result = scoreGroomingThread(
      thread(['x', '¿Cuántos años tienes?'], ['y', '12'], ['x', 'no se lo digas a nadie'], ['x', 'pásame tu número']),
      'es',
    );
    expect(result.level).toBe('high');
    expect(result.patterns.map((p) => [p.pattern, p.messageIds])).toEqual(
      expect.arrayContaining([
        ['asks_age', ['m1']],
        ['secrecy', ['m3']],
        ['move_platform', ['m4']],
      ]),
    );
  });

  test('German thread', () => {
    const result = scoreGroomingThread(thread(['x', 'Wie alt bist du?'], ['x', 'Sag es niemandem!'], ['x', 'Schick mir ein Foto von dir']), 'de');
    expect(result.level).toBe('high');
    expect(result.patterns.map((p) => p.pattern).sort()).toEqual(['asks_age', 'image_request', 'secrecy']);
  });

  test('locale matters: a German thread scored as English finds nothing', () => {
    expect(scoreGroomingThread(thread(['x', 'Wie alt bist du?']), 'en').level).toBe('none');
  });
});
