import { describe, expect, test } from 'vitest';
import {
  GROOMING_PATTERN_WEIGHTS,
  bundledLexicon,
  compileLexicon,
  scoreGroomingThread,
  type ThreadMessage,
} from '../../../electron/core/signals/text/index';

const lex = { en: compileLexicon(bundledLexicon('en')), es: compileLexicon(bundledLexicon('es')), de: compileLexicon(bundledLexicon('de')) };

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
    expect(scoreGroomingThread(benign, lex.en)).toEqual({ score: 0, level: 'none', patterns: [] });
  });

  test('age + secrecy + moving apps from one sender is high, with the messages that triggered it', () => {
    const messages = thread(
      ['stranger42', 'hi :) how old are you?'],
      ['kid', 'im 13'],
      ['stranger42', "cool. this is our little secret ok, don't tell anyone"],
      ['kid', 'ok'],
      ['stranger42', 'add me on snap, this app is boring'],
    );
    const result = scoreGroomingThread(messages, lex.en);
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
    expect(highlighted('move_platform')).toEqual(['add me on snap']);
  });

  test('patterns survive obfuscation', () => {
    const result = scoreGroomingThread(thread(['x', 'h0w 0ld r u'], ['x', 'd0nt t3ll any0ne'], ['x', 's e n d  a  p h o t o']), lex.en);
    expect(result.patterns.map((p) => p.pattern).sort()).toEqual(['asks_age', 'image_request', 'secrecy']);
    expect(result.level).toBe('high');
  });

  test('one pattern repeated weighs no more than once; distinct patterns weigh more', () => {
    const repeated = scoreGroomingThread(thread(['x', 'i can buy you robux'], ['x', 'here is a gift card'], ['x', 'i will send you money']), lex.en);
    const once = scoreGroomingThread(thread(['x', 'here is a gift card']), lex.en);
    const distinct = scoreGroomingThread(thread(['x', 'here is a gift card'], ['x', 'you are so pretty']), lex.en);
    expect(repeated.score).toBe(once.score);
    expect(repeated.patterns[0]!.messageIds).toEqual(['m1', 'm2', 'm3']);
    expect(repeated.level).toBe('low');
    expect(distinct.score).toBeGreaterThan(repeated.score);
  });

  test('patterns from different senders do not add up', () => {
    const split = scoreGroomingThread(thread(['a', 'how old are you'], ['b', "don't tell anyone"]), lex.en);
    const together = scoreGroomingThread(thread(['a', 'how old are you'], ['a', "don't tell anyone"]), lex.en);
    expect(split.score).toBe(GROOMING_PATTERN_WEIGHTS.secrecy);
    expect(together.score).toBeGreaterThan(split.score);
    expect(split.patterns.map((p) => p.pattern).sort()).toEqual(['asks_age', 'secrecy']);
  });

  test('Spanish thread', () => {
    const result = scoreGroomingThread(
      thread(['x', '¿Cuántos años tienes?'], ['y', '12'], ['x', 'no se lo digas a nadie'], ['x', 'pásame tu número']),
      lex.es,
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
    const result = scoreGroomingThread(thread(['x', 'Wie alt bist du?'], ['x', 'Sag es niemandem!'], ['x', 'Schick mir ein Foto von dir']), lex.de);
    expect(result.level).toBe('high');
    expect(result.patterns.map((p) => p.pattern).sort()).toEqual(['asks_age', 'image_request', 'secrecy']);
  });

  test('locale matters: a German thread scored as English finds nothing', () => {
    expect(scoreGroomingThread(thread(['x', 'Wie alt bist du?']), lex.en).level).toBe('none');
  });
});

describe('grooming across messages', () => {
  test('an image request split over consecutive messages of one sender is found, naming every message', () => {
    const messages = thread(['x', 'hey'], ['x', 'send me'], ['x', 'a pic'], ['x', 'of you ;)'], ['kid', 'why']);
    const result = scoreGroomingThread(messages, lex.en);
    const request = result.patterns.find((p) => p.pattern === 'image_request')!;
    expect(request.messageIndexes).toEqual([1, 2, 3]);
    expect(request.messageIds).toEqual(['m2', 'm3', 'm4']);
    expect(request.spans.map((s) => messages.find((m) => m.id === s.messageId)!.text.slice(s.start, s.end))).toEqual(
      expect.arrayContaining(['send me', 'a pic', 'of you']),
    );
  });

  test('a phrase split between two senders is not one phrase', () => {
    const result = scoreGroomingThread(thread(['x', 'send me'], ['kid', 'a pic of what']), lex.en);
    expect(result.patterns).toEqual([]);
  });

  test('sextortion coercion is its own pattern and alone reaches high', () => {
    const result = scoreGroomingThread(thread(['x', 'i have your pics. pay me or i post them'], ['x', "i'll send them to your family"]), lex.en);
    expect(result.patterns[0]).toMatchObject({ pattern: 'coercion', weight: GROOMING_PATTERN_WEIGHTS.coercion, messageIndexes: [0, 1] });
    expect(result.level).toBe('high');
    expect(Math.max(...Object.values(GROOMING_PATTERN_WEIGHTS))).toBe(GROOMING_PATTERN_WEIGHTS.coercion);
  });

  test('a countdown with a number is coercion (a regular expression over the plain reading)', () => {
    const result = scoreGroomingThread(thread(['x', 'you have 24 hours to pay']), lex.en);
    expect(result.patterns.map((p) => p.pattern)).toEqual(['coercion']);
    expect(scoreGroomingThread(thread(['x', 'you have 3 minutes left on your break']), lex.en).patterns).toEqual([]);
  });

  test('a slow thread over six weeks, one stage a week, scores like a fast one', () => {
    const stages = ['how old are you', 'you are so pretty', 'here is a gift card', 'add me on telegram', "don't tell anyone", 'send a pic'];
    const slow: ThreadMessage[] = stages.flatMap((text, week) => [
      { id: `w${week}a`, fromHandle: 'x', text },
      ...Array.from({ length: 20 }, (_, i) => ({ id: `w${week}r${i}`, fromHandle: i % 2 ? 'kid' : 'x', text: 'lol ok see you at practice' })),
    ]);
    const fast = scoreGroomingThread(thread(...stages.map((text): [string, string] => ['x', text])), lex.en);
    const result = scoreGroomingThread(slow, lex.en);
    expect(result.level).toBe('high');
    expect(result.score).toBeCloseTo(fast.score, 12);
    expect(result.patterns.find((p) => p.pattern === 'move_platform')!.messageIndexes).toEqual([63]);
  });

  test('moving platform is found by platform name, disguised', () => {
    for (const text of [
      'add me on wh4tsapp',
      'hmu... text me on T E L E G R A M',
      "what's your d1sc0rd",
      'lets talk on another app',
      'dm me on 1nsta',
    ]) {
      expect(
        scoreGroomingThread(thread(['x', text]), lex.en).patterns.map((p) => p.pattern),
        text,
      ).toEqual(['move_platform']);
    }
  });
});

describe("the demo's grooming threads (the upstream's seed 1), one per language", () => {
  test('show every stage they were written with, moving to another app included, and score high', async () => {
    const { generateDemoData } = await import('../../../upstream/demo/generate');
    const threads = (await generateDemoData({ seed: 1, size: 30 })).items.filter((i) => i.demoTags.includes('red_flag'));
    expect(threads.map((i) => i.locale).sort()).toEqual(['de', 'en', 'es']);
    for (const item of threads) {
      const result = scoreGroomingThread(item.thread, lex[item.locale as keyof typeof lex]);
      expect(result.patterns.map((p) => p.pattern).sort(), item.locale).toEqual([
        'asks_age',
        'gifts_money',
        'image_request',
        'move_platform',
        'secrecy',
      ]);
      expect(result.level, item.locale).toBe('high');
    }
  });
});
