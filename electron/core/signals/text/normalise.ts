import confusables from '../../../../resources/unicode/confusables-latin.json';

/**
 * Folds text into a matching alphabet that defeats common obfuscation, keeping for every output
 * symbol the range of the original text it came from, so matches can be highlighted in place.
 *
 * Output symbols: lower-case letters, digits, HARD_SEPARATOR, SOFT_SEPARATOR and the AMBIGUOUS
 * symbols (a leet character that reads as more than one letter, or as nothing). Control
 * characters never survive as themselves (they are separators), which is why they can serve as
 * the special symbols.
 *
 * What it undoes, in order: invisible characters (format characters such as zero-width joiners
 * and soft hyphens, blank Hangul fillers) are dropped; each code point is decomposed (NFKD, which
 * also unfolds full-width and mathematical letters), its combining marks removed, and mapped to
 * its UTS #39 skeleton (resources/unicode: Cyrillic, Greek and other look-alikes); leet digits and
 * symbols are read as letters inside words, and in words made only of leet characters; punctuation
 * between letters ("s.e.n.d", "don't") becomes a soft separator; whitespace between single letters
 * too ("s e n d"). Letter runs and "ae"/"oe"/"ue" for ä/ö/ü are left to the matcher, which must
 * see them to map spans back.
 */

/** Between two words. */
export const HARD_SEPARATOR = ' ';
/**
 * Inside a word broken by punctuation ("s.e.n.d", "don't") or between two single-letter tokens
 * ("s e n d"): the matcher may skip it or treat it as a word boundary.
 */
export const SOFT_SEPARATOR = '\u001f';
/** Leetspeak "1" or a capital-I look-alike: could stand for i ("k1ll") or l ("ki11"). */
export const I_OR_L = '\u0001';
/** "!" and "|" inside a word: i or l ("k!ll"), or nothing ("you!", "s|e|n|d"). */
export const I_L_OR_NOTHING = '\u0002';
/** "@" opening a word: a disguised a ("@ge") or a mention ("@sam"). */
export const A_OR_NOTHING = '\u0003';
/** Leetspeak "6": g or b. */
export const G_OR_B = '\u0004';

/** The letters each ambiguous symbol may stand for, and whether it may stand for nothing. */
export const AMBIGUOUS: ReadonlyMap<number, { readonly letters: readonly number[]; readonly orNothing: boolean }> = new Map([
  [I_OR_L.charCodeAt(0), { letters: codes('il'), orNothing: false }],
  [I_L_OR_NOTHING.charCodeAt(0), { letters: codes('il'), orNothing: true }],
  [A_OR_NOTHING.charCodeAt(0), { letters: codes('a'), orNothing: true }],
  [G_OR_B.charCodeAt(0), { letters: codes('gb'), orNothing: false }],
]);

function codes(letters: string): number[] {
  return [...letters].map((c) => c.charCodeAt(0));
}

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
  /** Punctuation and symbols: a soft break inside a token. */
  Punct,
  Space,
  Invisible,
  /** A combining mark: folded away, but part of the letter before it when highlighting. */
  Mark,
}

interface Folded {
  readonly kind: Kind;
  readonly symbols: string;
}

/** Blank-looking letters used to glue or pad words; format characters (\p{Cf}) are caught separately. */
const INVISIBLE_LETTERS = new Set([0x115f, 0x1160, 0x3164, 0xffa0, 0x2800]);

/** How leet digits read inside a word; a digit not listed ("2") stays a digit. */
const LEET_DIGITS: Readonly<Record<string, string>> = {
  '0': 'o',
  '1': I_OR_L,
  '3': 'e',
  '4': 'a',
  '5': 's',
  '6': G_OR_B,
  '7': 't',
  '8': 'b',
  '9': 'g',
};
/** How leet symbols read inside a word ("@" opening one is handled apart). */
const LEET_SYMBOLS: Readonly<Record<string, string>> = { '@': 'a', $: 's', '!': I_L_OR_NOTHING, '|': I_L_OR_NOTHING, '+': 't', '€': 'e' };

const SKELETONS: Readonly<Record<string, string>> = confusables.skeletons;
const FORMAT_CHAR = /^\p{Cf}$/u;
const SPACE_CHAR = /^[\s\p{Z}]$/u;
const COMBINING_MARKS = /\p{M}/gu;
const NOT_LETTER_OR_NUMBER = /[^\p{L}\p{N}]/gu;
const HAS_LETTER = /\p{L}/u;
const IS_UPPER = (char: string) => char !== char.toLowerCase();

function foldCodePoint(codePoint: number): Folded {
  const char = String.fromCodePoint(codePoint);
  if (INVISIBLE_LETTERS.has(codePoint) || FORMAT_CHAR.test(char)) return { kind: Kind.Invisible, symbols: '' };
  if (SPACE_CHAR.test(char)) return { kind: Kind.Space, symbols: '' };
  if (char in LEET_SYMBOLS) return { kind: Kind.LeetSymbol, symbols: char };
  let skeleton = '';
  for (const part of char.normalize('NFKD').replace(COMBINING_MARKS, '')) {
    if (part.charCodeAt(0) < 0x80 || part === 'ß') {
      skeleton += part;
      continue;
    }
    const mapped = SKELETONS[part];
    // UTS #39 maps capital I and its look-alikes to l, a lower-case reading that loses "i".
    skeleton += mapped === 'l' && IS_UPPER(part) ? I_OR_L : (mapped ?? part);
  }
  if (skeleton === '') return { kind: Kind.Mark, symbols: '' };
  if (skeleton in LEET_SYMBOLS) return { kind: Kind.LeetSymbol, symbols: skeleton };
  // German ß has no decomposition; "ss" is how it is written without the letter.
  const letters = skeleton.toLowerCase().replaceAll('ß', 'ss').replace(NOT_LETTER_OR_NUMBER, (c) => (c === I_OR_L ? c : ''));
  if (letters === '') return { kind: Kind.Punct, symbols: '' };
  return { kind: HAS_LETTER.test(letters) || letters.includes(I_OR_L) ? Kind.Letter : Kind.Digit, symbols: letters };
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
    for (let offset = 0; offset < text.length; ) {
      const codePoint = text.codePointAt(offset)!;
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
  length = 0;
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

/** How a token (a run between whitespace) reads its digits and leet symbols. */
const enum Reading {
  /** Digits stay digits ("14", "3:30"): a number is not a disguised word. */
  Plain,
  Leet,
}

/** "!" and "|" alone ("hey !!!") or ending a word ("you!") are punctuation; in a word they are letters. */
const WEAK_LEET = new Set(['!', '|']);
/** "$5", "20€": an amount of money, not a word. */
const CURRENCY = new Set(['$', '€']);

interface Token {
  readonly from: number;
  /** Past the last piece that counts: trailing weak leet symbols are punctuation. */
  readonly to: number;
  /** Past the token, where the next whitespace is. */
  readonly end: number;
  readonly reading: Reading;
}

function tokenAt(pieces: Pieces, from: number): Token {
  const { kinds, symbols } = pieces;
  let end = from;
  let to = from;
  let letters = false;
  let digits = false;
  let weak = false;
  let currency = false;
  let strong = false;
  for (; end < pieces.count && kinds[end] !== Kind.Space; end++) {
    const kind = kinds[end];
    if (kind === Kind.Letter) letters = true;
    else if (kind === Kind.Digit) digits = true;
    else if (kind === Kind.LeetSymbol) {
      if (WEAK_LEET.has(symbols[end]!)) {
        weak = true;
        continue;
      }
      if (CURRENCY.has(symbols[end]!)) currency = true;
      else strong = true;
    } else continue;
    to = end + 1;
  }
  if (to === from) to = end;
  const reading = letters || strong || (digits && weak && !currency) || (currency && !digits) ? Reading.Leet : Reading.Plain;
  return { from, to, end, reading };
}

function symbolsOf(pieces: Pieces, k: number, reading: Reading, opensToken: boolean): string {
  const kind = pieces.kinds[k];
  const symbols = pieces.symbols[k]!;
  if (kind === Kind.Letter) return symbols;
  if (kind === Kind.Digit) return reading === Reading.Leet ? (LEET_DIGITS[symbols] ?? symbols) : symbols;
  if (kind === Kind.LeetSymbol && reading === Reading.Leet) return opensToken && symbols === '@' ? A_OR_NOTHING : LEET_SYMBOLS[symbols]!;
  return '';
}

/**
 * Whether the token's first and last parts (between punctuation) are one letter each: a letter
 * of a spaced-out word ("s e n d", "s.e n.d"), so the whitespace next to it is soft.
 */
function singleEnds(pieces: Pieces, token: Token): { first: boolean; last: boolean } {
  const parts: number[] = [];
  let count = 0;
  for (let k = token.from; k < token.to; k++) {
    if (pieces.kinds[k] === Kind.Punct) {
      if (count > 0) parts.push(count);
      count = 0;
      continue;
    }
    // Pieces, not symbols: "ß" is one letter that writes two.
    if (symbolsOf(pieces, k, token.reading, parts.length === 0 && count === 0) !== '') count++;
  }
  if (count > 0) parts.push(count);
  return { first: parts[0] === 1, last: parts.at(-1) === 1 };
}

export interface NormaliseOptions {
  /**
   * Read leet (the default). Off, digits stay digits and leet symbols are dropped: the reading
   * regular expressions about numbers ("24 hours") need.
   */
  readonly leet?: boolean;
}

/** Linear in the length of text: a pass over its code points, then three over each token. */
export function normaliseForMatching(text: string, options: NormaliseOptions = {}): NormalisedText {
  const leet = options.leet ?? true;
  const pieces = new Pieces(text);
  const { kinds, starts, ends } = pieces;
  const out = new SymbolWriter(text.length);
  let previousEndsSingle = false;
  let previousEnd = -1;
  let i = 0;
  while (i < pieces.count) {
    if (kinds[i] === Kind.Space) {
      i++;
      continue;
    }
    let token = tokenAt(pieces, i);
    // A lone digit after a spaced-out letter is one of them ("s 3 n d"), not a number.
    if (!leet) token = { ...token, reading: Reading.Plain };
    else if (token.reading === Reading.Plain && previousEndsSingle && token.to - token.from === 1) token = { ...token, reading: Reading.Leet };
    const single = singleEnds(pieces, token);
    let wroteInToken = false;
    let punctuationSince = false;
    for (let k = token.from; k < token.to; k++) {
      if (kinds[k] === Kind.Punct) {
        punctuationSince = wroteInToken;
        continue;
      }
      const symbols = symbolsOf(pieces, k, token.reading, !wroteInToken);
      if (symbols === '') continue;
      if (!wroteInToken && previousEnd >= 0) {
        out.write(previousEndsSingle && single.first ? SOFT_SEPARATOR : HARD_SEPARATOR, previousEnd, starts[k]!);
      } else if (punctuationSince) {
        out.write(SOFT_SEPARATOR, previousEnd, starts[k]!);
      }
      punctuationSince = false;
      wroteInToken = true;
      out.write(symbols, starts[k]!, ends[k]!);
      previousEnd = ends[k]!;
    }
    if (wroteInToken) previousEndsSingle = single.last;
    i = token.end;
  }
  return out.finish();
}
