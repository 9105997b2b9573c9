import { describe, expect, test } from 'vitest';
import {
  HARD_SEPARATOR as H,
  I_OR_L,
  A_OR_NOTHING,
  I_L_OR_NOTHING,
  SOFT_SEPARATOR as S,
  normaliseForMatching,
} from '../../../electron/core/signals/text/normalise';

/** Each symbol with the original text it came from. */
function traced(text: string): Array<[string, string]> {
  const { symbols, starts, ends } = normaliseForMatching(text);
  return [...symbols].map((symbol, k) => [symbol, text.slice(starts[k], ends[k])]);
}

describe('normaliseForMatching', () => {
  test('folds case, accents, ß, fullwidth and look-alikes (UTS #39 skeletons) to plain lower-case letters; a capital I look-alike may be i or l', () => {
    expect(normaliseForMatching('ÁrBOL Straße ＫＩＬＬ kіll ΚΙΛ').symbols).toBe(`arbol${H}strasse${H}kill${H}kill${H}k${I_OR_L}λ`);
  });

  test('ß becomes two symbols that both point at the one original letter', () => {
    expect(traced('weiß')).toEqual([
      ['w', 'w'],
      ['e', 'e'],
      ['i', 'i'],
      ['s', 'ß'],
      ['s', 'ß'],
    ]);
  });

  test('a combining mark is highlighted with its letter; a zero-width character is dropped', () => {
    expect(traced('k\u0301i\u200Bl')).toEqual([
      ['k', 'k\u0301'],
      ['i', 'i'],
      ['l', 'l'],
    ]);
  });

  test('a surrogate-pair letter maps back to both code units', () => {
    expect(traced('𝐤o')).toEqual([
      ['k', '𝐤'],
      ['o', 'o'],
    ]);
  });

  test('leetspeak applies inside words with letters only; "1" stays ambiguous between i and l', () => {
    expect(normaliseForMatching('k1ll 3v3ry0n3 at 14 or 7').symbols).toBe(`k${I_OR_L}ll${H}everyone${H}at${H}14${H}or${H}7`);
  });

  test('$ is a letter inside a word but not in an amount; @ opening a word may be a letter or a mention', () => {
    expect(normaliseForMatching('@sam h@te a$$ $5 20€').symbols).toBe(`${A_OR_NOTHING}sam${H}hate${H}ass${H}5${H}20`);
  });

  test('separators between single letters are soft, others hard', () => {
    expect(normaliseForMatching('k i.l-l you I a').symbols).toBe(`k${S}i${S}l${S}l${H}you${H}i${S}a`);
  });

  test('runs of punctuation and whitespace collapse to one separator, none at the ends; a trailing ! may be a letter or nothing', () => {
    expect(normaliseForMatching('  ...hey!!  \n\t you?? ').symbols).toBe(`hey${I_L_OR_NOTHING}${I_L_OR_NOTHING}${H}you`);
  });
});
