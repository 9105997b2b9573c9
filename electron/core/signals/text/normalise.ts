/**
 * Folds text into a matching alphabet that defeats common obfuscation, keeping for every output
 * symbol the range of the original text it came from, so matches can be highlighted in place.
 *
 * Output symbols: lower-case unaccented letters, digits, HARD_SEPARATOR, SOFT_SEPARATOR and
 * I_OR_L. Control characters never survive as themselves (they are separators), which is why
 * two of them can serve as the special symbols.
 */

/** Between two words. */
export const HARD_SEPARATOR = ' ';
/**
 * Between two single-letter tokens ("k i l l", "k.i.l.l"): the matcher may skip it or treat it
 * as a word boundary, because spaced-out letters are either one obfuscated word or several.
 */
export const SOFT_SEPARATOR = '\u001f';
/** Leetspeak "1" inside a word: could stand for i ("k1ll") or l ("ki11"). */
export const I_OR_L = '\u0001';

export interface NormalisedText {
  readonly symbols: string;
  /** Symbol k came from original UTF-16 range [starts[k], ends[k]). */
  readonly starts: Uint32Array;
  readonly ends: Uint32Array;
}

const enum Kind {
  Letter,
  Digit,
  LeetSymbol,
  Separator,
  Invisible,
  /** A combining mark: folded away, but part of the letter before it when highlighting. */
  Mark,
}

interface Folded {
  readonly kind: Kind;
  readonly symbols: string;
}

/** Look-alikes that Unicode decomposition leaves alone; keys in both cases because Η looks like H but η like n. */
const HOMOGLYPHS: Readonly<Record<string, string>> = {
  // Cyrillic
  А: 'a',
  а: 'a',
  В: 'b',
  в: 'b',
  Е: 'e',
  е: 'e',
  К: 'k',
  к: 'k',
  М: 'm',
  м: 'm',
  Н: 'h',
  н: 'h',
  О: 'o',
  о: 'o',
  Р: 'p',
  р: 'p',
  С: 'c',
  с: 'c',
  Т: 't',
  т: 't',
  Х: 'x',
  х: 'x',
  У: 'y',
  у: 'y',
  І: 'i',
  і: 'i',
  Ј: 'j',
  ј: 'j',
  Ѕ: 's',
  ѕ: 's',
  Ԁ: 'd',
  ԁ: 'd',
  Һ: 'h',
  һ: 'h',
  Ԛ: 'q',
  ԛ: 'q',
  Ԝ: 'w',
  ԝ: 'w',
  Ү: 'y',
  ү: 'y',
  Ӏ: 'l',
  ӏ: 'l',
  // Greek
  Α: 'a',
  α: 'a',
  Β: 'b',
  β: 'b',
  Ε: 'e',
  ε: 'e',
  Ζ: 'z',
  Η: 'h',
  η: 'n',
  Ι: 'i',
  ι: 'i',
  Κ: 'k',
  κ: 'k',
  Μ: 'm',
  Ν: 'n',
  ν: 'v',
  Ο: 'o',
  ο: 'o',
  Ρ: 'p',
  ρ: 'p',
  Τ: 't',
  τ: 't',
  Υ: 'y',
  υ: 'u',
  Χ: 'x',
  χ: 'x',
  // Latin letters with a stroke or without a dot do not decompose
  ı: 'i',
  ł: 'l',
  Ł: 'l',
  ø: 'o',
  Ø: 'o',
  đ: 'd',
  Đ: 'd',
};

/** Blank-looking letters used to glue or pad words; format characters (\p{Cf}) are caught separately. */
const INVISIBLE_LETTERS = new Set([0x115f, 0x1160, 0x3164, 0xffa0, 0x2800]);

const LEET_DIGITS: Readonly<Record<string, string>> = {
  '0': 'o',
  '1': I_OR_L,
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
};
const LEET_SYMBOLS: Readonly<Record<string, string>> = { '@': 'a', $: 's' };

const FORMAT_CHAR = /^\p{Cf}$/u;
const COMBINING_MARKS = /\p{M}/gu;
const NOT_LETTER_OR_NUMBER = /[^\p{L}\p{N}]/gu;
const HAS_LETTER = /\p{L}/u;

function foldCodePoint(codePoint: number): Folded {
  const char = String.fromCodePoint(codePoint);
  if (INVISIBLE_LETTERS.has(codePoint) || FORMAT_CHAR.test(char)) {
    return { kind: Kind.Invisible, symbols: '' };
  }
  let decomposed = '';
  for (const part of char.normalize('NFKD').replace(COMBINING_MARKS, '')) {
    decomposed += HOMOGLYPHS[part] ?? part;
  }
  if (decomposed === '') return { kind: Kind.Mark, symbols: '' };
  if (decomposed in LEET_SYMBOLS) return { kind: Kind.LeetSymbol, symbols: decomposed };
  // German ß has no decomposition; "ss" is how it is written without the letter.
  const letters = decomposed.toLowerCase().replaceAll('ß', 'ss').replace(NOT_LETTER_OR_NUMBER, '');
  if (letters === '') return { kind: Kind.Separator, symbols: '' };
  return { kind: HAS_LETTER.test(letters) ? Kind.Letter : Kind.Digit, symbols: letters };
}

const ASCII_FOLDS: readonly Folded[] = Array.from({ length: 128 }, (_, code) => foldCodePoint(code));

/** Per-call cache: a text reuses few distinct non-ASCII code points, and folding each is costly. */
function makeFolder(): (codePoint: number) => Folded {
  const cache = new Map<number, Folded>();
  return (codePoint) => {
    const ascii = ASCII_FOLDS[codePoint];
    if (ascii) return ascii;
    let folded = cache.get(codePoint);
    if (!folded) {
      folded = foldCodePoint(codePoint);
      cache.set(codePoint, folded);
    }
    return folded;
  };
}

/**
 * One visible code point per piece, plus any combining marks after it, as parallel arrays so a
 * 100 kB text costs a few typed arrays rather than 100k objects. Invisible code points are
 * dropped here so they neither join nor split words.
 */
class Pieces {
  count = 0;
  readonly kinds: Uint8Array;
  readonly symbols: string[] = [];
  readonly starts: Uint32Array;
  readonly ends: Uint32Array;

  constructor(text: string) {
    this.kinds = new Uint8Array(text.length);
    this.starts = new Uint32Array(text.length);
    this.ends = new Uint32Array(text.length);
    const fold = makeFolder();
    for (let offset = 0; offset < text.length;) {
      const codePoint = text.codePointAt(offset) ?? 0;
      const width = codePoint > 0xffff ? 2 : 1;
      const { kind, symbols } = fold(codePoint);
      if (kind === Kind.Mark) {
        if (this.count > 0 && this.ends[this.count - 1] === offset) this.ends[this.count - 1] = offset + width;
      } else if (kind !== Kind.Invisible) {
        this.kinds[this.count] = kind;
        this.symbols[this.count] = symbols;
        this.starts[this.count] = offset;
        this.ends[this.count] = offset + width;
        this.count++;
      }
      offset += width;
    }
  }
}

const UTF16 = new TextDecoder('utf-16le');

class SymbolWriter {
  private length = 0;
  private codes: Uint16Array;
  private starts: Uint32Array;
  private ends: Uint32Array;

  constructor(expectedLength: number) {
    this.codes = new Uint16Array(expectedLength + 16);
    this.starts = new Uint32Array(expectedLength + 16);
    this.ends = new Uint32Array(expectedLength + 16);
  }

  write(symbols: string, start: number, end: number): void {
    if (this.length + symbols.length > this.codes.length) this.grow(this.length + symbols.length);
    for (let i = 0; i < symbols.length; i++) {
      this.codes[this.length] = symbols.charCodeAt(i);
      this.starts[this.length] = start;
      this.ends[this.length] = end;
      this.length++;
    }
  }

  /** NFKD can expand one code point into many (ligatures, ß), so the first guess may fall short. */
  private grow(needed: number): void {
    const capacity = Math.max(needed, this.codes.length * 2);
    const resize = <T extends Uint16Array | Uint32Array>(from: T, to: T): T => {
      to.set(from);
      return to;
    };
    this.codes = resize(this.codes, new Uint16Array(capacity));
    this.starts = resize(this.starts, new Uint32Array(capacity));
    this.ends = resize(this.ends, new Uint32Array(capacity));
  }

  finish(): NormalisedText {
    // Typed arrays are little-endian on every platform Electron ships for, and symbols are letters,
    // digits and separators, never a lone surrogate, so decoding is exact (and far faster than fromCharCode).
    const symbols = UTF16.decode(this.codes.subarray(0, this.length));
    return { symbols, starts: this.starts.slice(0, this.length), ends: this.ends.slice(0, this.length) };
  }
}

/**
 * A word is a maximal run of non-separator pieces. Leetspeak applies only inside words that
 * contain a real letter, so "I'm 14" keeps its digits while "k1ll" becomes "kill". An "@" that
 * opens a word is a mention ("@sam"), not a disguised "a", so it is dropped there.
 */
function wordHasLetter(pieces: Pieces, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (pieces.kinds[i] === Kind.Letter) return true;
  return false;
}

function wordSymbols(kind: Kind, symbols: string, hasLetter: boolean, opensWord: boolean): string {
  if (kind === Kind.Letter) return symbols;
  if (kind === Kind.Digit) return hasLetter ? (LEET_DIGITS[symbols] ?? symbols) : symbols;
  if (!hasLetter || (opensWord && symbols === '@')) return '';
  return LEET_SYMBOLS[symbols] ?? '';
}

/** Linear in the length of text: two passes over its code points. */
export function normaliseForMatching(text: string): NormalisedText {
  const pieces = new Pieces(text);
  const { kinds, starts, ends } = pieces;
  const out = new SymbolWriter(text.length);
  let previousWasSingleLetter = false;
  let previousEnd = -1;
  let i = 0;
  while (i < pieces.count) {
    if (kinds[i] === Kind.Separator) {
      i++;
      continue;
    }
    let wordEnd = i;
    while (wordEnd < pieces.count && kinds[wordEnd] !== Kind.Separator) wordEnd++;
    const hasLetter = wordHasLetter(pieces, i, wordEnd);
    const isSingleLetter = wordEnd - i === 1 && kinds[i] === Kind.Letter;
    let wroteWord = false;
    for (let k = i; k < wordEnd; k++) {
      const symbols = wordSymbols(kinds[k]!, pieces.symbols[k]!, hasLetter, k === i);
      if (symbols === '') continue;
      if (!wroteWord && previousEnd >= 0) {
        const separator = previousWasSingleLetter && isSingleLetter ? SOFT_SEPARATOR : HARD_SEPARATOR;
        out.write(separator, previousEnd, starts[k]!);
      }
      wroteWord = true;
      out.write(symbols, starts[k]!, ends[k]!);
    }
    if (wroteWord) {
      previousWasSingleLetter = isSingleLetter;
      previousEnd = ends[wordEnd - 1]!;
    }
    i = wordEnd;
  }
  return out.finish();
}
