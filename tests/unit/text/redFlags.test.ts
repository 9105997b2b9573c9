import type { Lexicon } from '@workstation/protocol';
import { describe, expect, test } from 'vitest';
import { PhraseCompileError, bundledLexicon, compileLexicon, findRedFlags } from '../../../electron/core/signals/text/index';

const en = compileLexicon(bundledLexicon('en'));
const es = compileLexicon(bundledLexicon('es'));
const de = compileLexicon(bundledLexicon('de'));

/** The span of `needle` in `text`, asserting it occurs exactly once so the expectation is unambiguous. */
function spanOf(text: string, needle: string): { start: number; end: number } {
  const start = text.indexOf(needle);
  expect(start, `'${needle}' in '${text}'`).toBeGreaterThanOrEqual(0);
  expect(text.indexOf(needle, start + 1)).toBe(-1);
  return { start, end: start + needle.length };
}

function hitsFor(text: string, entryId: string, compiled = en) {
  return findRedFlags(text, compiled)
    .filter((m) => m.entryId === entryId)
    .map(({ start, end, matchedText }) => ({ start, end, matchedText }));
}

describe('tokens made only of leet characters, apostrophes and umlauts written out', () => {
  const compile = (phrase: string) =>
    compileLexicon({
      locale: 'en',
      version: 1,
      updatedAt: '2025-01-01T00:00:00Z',
      entries: [{ id: 'x', phrase, category: 'grooming', severity: 2 }],
    });
  const found = (phrase: string, text: string) => findRedFlags(text, compile(phrase)).map((m) => m.matchedText);

  test('a word written wholly in leet symbols is read', () => {
    expect(found('asl', 'hey @$1 ?')).toEqual(['@$1']);
    expect(found('how old are you', 'h0w 0ld 4r3 y0u')).toEqual(['h0w 0ld 4r3 y0u']);
  });

  test('a number and an amount are not words', () => {
    expect(found('asl', 'room 451 costs $51')).toEqual([]);
    expect(found('ss', 'it was $55')).toEqual([]);
  });

  test('every apostrophe variant and none at all', () => {
    for (const apostrophe of ["'", '’', '‘', 'ʼ', '`', '´', '']) {
      expect(found("don't tell anyone", `pls don${apostrophe}t tell anyone`), JSON.stringify(apostrophe)).toEqual([`don${apostrophe}t tell anyone`]);
    }
  });

  test('ä, ö, ü and ß written as ae, oe, ue and ss, and without the dots', () => {
    expect(found('schöne mädchen grüßen', 'schoene maedchen gruessen')).toEqual(['schoene maedchen gruessen']);
    expect(found('schöne mädchen grüßen', 'schone madchen grusen')).toEqual(['schone madchen grusen']);
  });

  test('Spanish without accents or tildes', () => {
    expect(found('cuántos años tienes', 'cuantos anos tienes')).toEqual(['cuantos anos tienes']);
  });
});

describe('obfuscation is undone and the span points into the original text', () => {
  const cases: Array<[kind: string, text: string, obfuscated: string, entryId?: string]> = [
    ['case folding', 'well then KILL YOURSELF ok', 'KILL YOURSELF'],
    ['leetspeak digits', 'just k1ll y0ur53lf lol', 'k1ll y0ur53lf'],
    ['leet 1 standing for l', 'ki11 yourse1f', 'ki11 yourse1f'],
    ['leet symbols', 'pls $end nude$ now', '$end nude$', 'en.sexual_solicitation.send-nudes'],
    ['at sign inside a word', 'ugh, ugly l0$3r', 'ugly l0$3r', 'en.harassment.ugly-loser'],
    ['at sign standing for a', 'so you h@ve w0n a pr1ze', 'you h@ve w0n a pr1ze', 'en.scam.you-have-won-a-prize'],
    ['zero-width characters', 'just k\u200Bi\u200Cl\u200Dl\u2060 your\uFEFFself', 'k\u200Bi\u200Cl\u200Dl\u2060 your\uFEFFself'],
    ['soft hyphen', 'you should kill your\u00ADself', 'kill your\u00ADself'],
    ['Cyrillic homoglyphs', 'kіll уоurѕеlf now', 'kіll уоurѕеlf'],
    ['Greek homoglyphs', 'ΚΙLL YΟURSΕLF', 'ΚΙLL YΟURSΕLF'],
    ['fullwidth forms', 'ｋｉｌｌ ｙｏｕｒｓｅｌｆ', 'ｋｉｌｌ ｙｏｕｒｓｅｌｆ'],
    ['mathematical letters (surrogate pairs)', 'go 𝐤𝐢𝐥𝐥 𝐲𝐨𝐮𝐫𝐬𝐞𝐥𝐟', '𝐤𝐢𝐥𝐥 𝐲𝐨𝐮𝐫𝐬𝐞𝐥𝐟'],
    ['diacritics and combining marks', 'kíll yóursèlf', 'kíll yóursèlf'],
    ['strike-through combining marks', 'k\u0336i\u0336l\u0336l\u0336 yourself', 'k\u0336i\u0336l\u0336l\u0336 yourself'],
    ['spaced letters', 'u should k i l l yourself', 'k i l l yourself'],
    ['dotted letters', 'k.i.l.l y.o.u.r.s.e.l.f', 'k.i.l.l y.o.u.r.s.e.l.f'],
    ['hyphenated letters', 'just k-i-l-l yourself', 'k-i-l-l yourself'],
    ['repeated letters', 'kiiiilll yourselffff', 'kiiiilll yourselffff'],
    ['run-together words', 'omg killyourself', 'killyourself'],
    ['extra punctuation between words', 'kill... yourself!!!', 'kill... yourself'],
    ['leet ! and | for i and l', 'k!ll yourse|f!', 'k!ll yourse|f'],
    ['leet 9', 'ok so pay with a 9ift card', 'pay with a 9ift card', 'en.scam.pay-with-a-gift-card'],
    ['leet 8', 'they are su8human', 'su8human', 'en.hate.subhuman'],
    ['punctuation inside a word', 'ki.ll your-self', 'ki.ll your-self'],
    ['spaced letters with word gaps', 'k i l l   y o u r s e l f', 'k i l l   y o u r s e l f'],
    ['spaced letters without word gaps', 'k i l l y o u r s e l f', 'k i l l y o u r s e l f'],
    ['spaced letters with punctuation and leet', 'k.1 l_l y 0 u r s 3 l f', 'k.1 l_l y 0 u r s 3 l f'],
    ['look-alikes from the UTS #39 table beyond the common few', 'кіⅼⅼ ʏоսгѕеⅼf', 'кіⅼⅼ ʏоսгѕеⅼf'],
    ['capital I look-alike read as i', 'KӀLL YOURSELF', 'KӀLL YOURSELF'],
  ];
  test.each(cases)('%s', (_kind, text, obfuscated, entryId = 'en.self_harm.kill-yourself') => {
    const { start, end } = spanOf(text, obfuscated);
    expect(hitsFor(text, entryId)).toEqual([{ start, end, matchedText: obfuscated }]);
  });

  test('an @ opening a word is a mention, not a disguised letter', () => {
    const text = '@kys lol';
    expect(hitsFor(text, 'en.self_harm.kys')).toEqual([{ start: 1, end: 4, matchedText: 'kys' }]);
  });

  test('apostrophes may be dropped', () => {
    for (const text of ["don't tell your parents", 'dont tell your parents', 'don’t tell your parents']) {
      expect(hitsFor(text, 'en.grooming.don-t-tell-your-parents')).toEqual([{ start: 0, end: text.length, matchedText: text }]);
    }
  });

  test('every occurrence is reported', () => {
    const text = 'kys. KYS. k y s';
    expect(hitsFor(text, 'en.self_harm.kys').map((h) => h.matchedText)).toEqual(['kys', 'KYS', 'k y s']);
  });
});

describe('word boundaries', () => {
  test.each([
    ['skill', 'she has real skill yourself included'],
    ['kill inside a longer word', 'the killer yourselves'],
    ['phrase continues into a word', 'send nudeslides'],
    ['leet inside a longer word', 'sk1ll y0urself'],
    ['zero-width joins, not splits, a word', 's\u200Bkill yourself'],
    ['digits glued on', 'kill2 yourself'],
  ])('no match for %s', (_why, text) => {
    expect(findRedFlags(text, en)).toEqual([]);
  });

  test('ordinary English prose flags nothing', () => {
    const prose =
      'Skilled volunteers will help you yourselves unpack the boxes. Sending updates about the ' +
      'gift cardigan sale; the country club is back to normal and everyone likes your kindness.';
    expect(findRedFlags(prose, en)).toEqual([]);
  });

  test('a digits-only word keeps its digits, so an age stated in numbers is not leetspeak', () => {
    const lexicon: Lexicon = {
      locale: 'en',
      version: 1,
      updatedAt: '2025-01-01T00:00:00Z',
      entries: [{ id: 'x.ia', phrase: 'ia', category: 'grooming', severity: 1 }],
    };
    const compiled = compileLexicon(lexicon);
    expect(findRedFlags('I am 14', compiled)).toEqual([]);
    expect(findRedFlags('I am 1a', compiled).map((m) => m.matchedText)).toEqual(['1a']);
  });
});

describe('Spanish', () => {
  test('accents and ñ fold, so text typed without them still matches', () => {
    for (const text of ['dame tu contraseña', 'dame tu contrasena', 'DAME TU CONTRASEÑA', 'dame tu c0ntr4seña']) {
      expect(hitsFor(text, 'es.scam.dame-tu-contrasena', es)).toEqual([{ start: 0, end: text.length, matchedText: text }]);
    }
  });

  test('accented phrase, unaccented obfuscated text, span in original', () => {
    const text = 'oye... sé dónde vives jaja';
    expect(hitsFor('oye... se donde v1v3s jaja', 'es.violent_threat.se-donde-vives', es)).toEqual([
      { start: 7, end: 21, matchedText: 'se donde v1v3s' },
    ]);
    expect(hitsFor(text, 'es.violent_threat.se-donde-vives', es)).toEqual([{ ...spanOf(text, 'sé dónde vives'), matchedText: 'sé dónde vives' }]);
  });

  test('single-word phrase with accent: mátate but not matateros', () => {
    expect(hitsFor('¡MÁTATE!', 'es.self_harm.matate', es)).toEqual([{ start: 1, end: 7, matchedText: 'MÁTATE' }]);
    expect(findRedFlags('los matateros del pueblo', es)).toEqual([]);
  });
});

describe('German', () => {
  test('ß and ss are the same letter pair', () => {
    for (const text of ['ich weiß wo du wohnst', 'ich weiss wo du wohnst', 'ICH WEISS, WO DU WOHNST', 'ICH WEIẞ WO DU WOHNST']) {
      expect(hitsFor(text, 'de.violent_threat.ich-weiss-wo-du-wohnst', de)).toEqual([{ start: 0, end: text.length, matchedText: text }]);
    }
  });

  test('umlauts fold and the span covers the original umlauts', () => {
    const text = 'Du: "zeig mir deinen Körper"';
    expect(hitsFor(text, 'de.sexual_solicitation.zeig-mir-deinen-korper', de)).toEqual([
      { ...spanOf(text, 'zeig mir deinen Körper'), matchedText: 'zeig mir deinen Körper' },
    ]);
  });

  test('a German phrase inside a compound word is not flagged', () => {
    expect(findRedFlags('Die Untermenschenrechtsdebatte ist erfunden; alle hassen dichte Wolken.', de)).toEqual([]);
  });
});

describe('compileLexicon', () => {
  const lexiconWith = (phrase: string): Lexicon => ({
    locale: 'en',
    version: 1,
    updatedAt: '2025-01-01T00:00:00Z',
    entries: [{ id: 'x.1', phrase, category: 'scam', severity: 1 }],
  });

  test('refuses phrases written in leetspeak or digits, naming the phrase', () => {
    expect(() => compileLexicon(lexiconWith('k1ll'))).toThrow(PhraseCompileError);
    expect(() => compileLexicon(lexiconWith('24 hours'))).toThrow(/'24 hours'/);
  });

  test('refuses phrases with no letters', () => {
    expect(() => compileLexicon(lexiconWith('!!!'))).toThrow(/no letters/);
  });

  test('carries locale and version so callers can tell which lexicon produced a match', () => {
    const compiled = compileLexicon(bundledLexicon('de'));
    expect(compiled.locale).toBe('de');
    expect(compiled.version).toBe(bundledLexicon('de').version);
  });
});
