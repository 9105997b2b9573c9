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
  /** The one UTF-16 code of symbols, or MULTI when it has several (ß, ligatures) or NONE. */
  readonly code: number;
}

const NONE = 0;
const MULTI = -1;

function folded(kind: Kind, symbols: string): Folded {
  return { kind, symbols, code: symbols.length === 1 ? symbols.charCodeAt(0) : symbols === '' ? NONE : MULTI };
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

const codeMap = (table: Readonly<Record<string, string>>) =>
  new Map(Object.entries(table).map(([from, to]) => [from.charCodeAt(0), to.charCodeAt(0)]));
const LEET_DIGIT_CODES = codeMap(LEET_DIGITS);
const LEET_SYMBOL_CODES = codeMap(LEET_SYMBOLS);
const AT = '@'.charCodeAt(0);
const A_OR_NOTHING_CODE = A_OR_NOTHING.charCodeAt(0);
const SOFT_CODE = SOFT_SEPARATOR.charCodeAt(0);
const HARD_CODE = HARD_SEPARATOR.charCodeAt(0);
/** "!" and "|": a letter in a word ("k!ll"), maybe nothing ending one ("you!") or alone ("hey !"). */
const WEAK_LEET = new Set(['!', '|'].map((c) => c.charCodeAt(0)));
/** "$5", "20€": an amount of money, not a word. */
const CURRENCY = new Set(['$', '€'].map((c) => c.charCodeAt(0)));

const SKELETONS: Readonly<Record<string, string>> = confusables.skeletons;
const FORMAT_CHAR = /^\p{Cf}$/u;
const SPACE_CHAR = /^[\s\p{Z}]$/u;
const COMBINING_MARKS = /\p{M}/gu;
const NOT_LETTER_OR_NUMBER = /[^\p{L}\p{N}]/gu;
const HAS_LETTER = /\p{L}/u;
const IS_UPPER = (char: string) => char !== char.toLowerCase();

function foldCodePoint(codePoint: number): Folded {
  const char = String.fromCodePoint(codePoint);
  if (INVISIBLE_LETTERS.has(codePoint) || FORMAT_CHAR.test(char)) return folded(Kind.Invisible, '');
  if (SPACE_CHAR.test(char)) return folded(Kind.Space, '');
  if (char in LEET_SYMBOLS) return folded(Kind.LeetSymbol, char);
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
  if (skeleton === '') return folded(Kind.Mark, '');
  if (skeleton in LEET_SYMBOLS) return folded(Kind.LeetSymbol, skeleton);
  // German ß has no decomposition; "ss" is how it is written without the letter.
  const letters = skeleton
    .toLowerCase()
    .replaceAll('ß', 'ss')
    .replace(NOT_LETTER_OR_NUMBER, (c) => (c === I_OR_L ? c : ''));
  if (letters === '') return folded(Kind.Punct, '');
  return folded(HAS_LETTER.test(letters) || letters.includes(I_OR_L) ? Kind.Letter : Kind.Digit, letters);
}

const ASCII_FOLDS: readonly Folded[] = Array.from({ length: 128 }, (_, code) => foldCodePoint(code));

/**
 * One visible code point per piece, plus any combining marks after it, as parallel typed arrays
 * so a 100 kB text costs a few arrays rather than 100k objects. Invisible code points are dropped
 * here so they neither join nor split words. A piece's symbol is one code; the few that fold to
 * several (ß, ligatures) keep theirs in `multi`.
 */
class Pieces {
  count = 0;
  readonly kinds: Uint8Array;
  readonly codes: Uint16Array;
  readonly multi = new Map<number, string>();
  readonly starts: Uint32Array;
  readonly ends: Uint32Array;

  constructor(text: string) {
    this.kinds = new Uint8Array(text.length);
    this.codes = new Uint16Array(text.length);
    this.starts = new Uint32Array(text.length);
    this.ends = new Uint32Array(text.length);
    // A text reuses few distinct non-ASCII code points, and folding each is costly.
    const cache = new Map<number, Folded>();
    const { kinds, codes, starts, ends } = this;
    let count = 0;
    for (let offset = 0; offset < text.length;) {
      const codePoint = text.codePointAt(offset)!;
      const width = codePoint > 0xffff ? 2 : 1;
      let fold = ASCII_FOLDS[codePoint];
      if (fold === undefined) {
        fold = cache.get(codePoint);
        if (fold === undefined) {
          fold = foldCodePoint(codePoint);
          cache.set(codePoint, fold);
        }
      }
      const kind = fold.kind;
      if (kind === Kind.Mark) {
        if (count > 0 && ends[count - 1] === offset) ends[count - 1] = offset + width;
      } else if (kind !== Kind.Invisible) {
        kinds[count] = kind;
        // Code 0 (NONE) on a letter or digit marks a multi-symbol piece: no real symbol is NUL.
        if (fold.code === MULTI) this.multi.set(count, fold.symbols);
        else codes[count] = fold.code;
        starts[count] = offset;
        ends[count] = offset + width;
        count++;
      }
      offset += width;
    }
    this.count = count;
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

  write(code: number, start: number, end: number): void {
    if (this.length === this.codes.length) this.grow(this.length + 1);
    this.codes[this.length] = code;
    this.starts[this.length] = start;
    this.ends[this.length] = end;
    this.length++;
  }

  writeAll(symbols: string, start: number, end: number): void {
    for (let i = 0; i < symbols.length; i++) this.write(symbols.charCodeAt(i), start, end);
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
    return { symbols, starts: this.starts.subarray(0, this.length), ends: this.ends.subarray(0, this.length) };
  }
}

/** How a token (a run between whitespace) reads its digits and leet symbols. */
const enum Reading {
  /** Digits stay digits ("14", "3:30"): a number is not a disguised word. */
  Plain,
  Leet,
}

interface Token {
  readonly from: number;
  /** Past the last piece that is not punctuation. */
  readonly to: number;
  /** Past the token, where the next whitespace is. */
  readonly end: number;
  readonly reading: Reading;
  /** Only letters, each one symbol: most words of most text, written without a second look. */
  readonly plainWord: boolean;
  /** For a plain word: one letter, or one letter repeated ("s", "ee"), a letter of a spaced-out word. */
  readonly oneLetter: boolean;
}

function tokenAt(pieces: Pieces, from: number): Token {
  const { kinds, codes } = pieces;
  let end = from;
  let to = from;
  let letters = false;
  let digits = false;
  let weak = false;
  let currency = false;
  let strong = false;
  let plainWord = true;
  let oneLetter = true;
  for (; end < pieces.count && kinds[end] !== Kind.Space; end++) {
    const kind = kinds[end];
    if (kind !== Kind.Letter || codes[end] === NONE) plainWord = false;
    else if (codes[end] !== codes[from]) oneLetter = false;
    if (kind === Kind.Letter) letters = true;
    else if (kind === Kind.Digit) digits = true;
    else if (kind === Kind.LeetSymbol) {
      const code = codes[end]!;
      if (WEAK_LEET.has(code)) {
        // Kept in the token: ending a word it may be a letter ("w!||") or nothing ("you!").
        weak = true;
        to = end + 1;
        continue;
      }
      if (CURRENCY.has(code)) currency = true;
      else strong = true;
    } else continue;
    to = end + 1;
  }
  if (to === from) to = end;
  // A lone "!" may be a disguised "i" ("! will"); read as nothing too, it costs nothing where it is punctuation.
  const reading = letters || strong || (weak && !currency) || (currency && !digits) ? Reading.Leet : Reading.Plain;
  return { from, to, end, reading, plainWord, oneLetter };
}

/** The code piece k writes in this reading: NONE for nothing, MULTI for its string in pieces.multi. */
function symbolOf(pieces: Pieces, k: number, reading: Reading, opensToken: boolean): number {
  const kind = pieces.kinds[k];
  const code = pieces.codes[k]!;
  if (kind === Kind.Letter) return code === NONE ? MULTI : code;
  if (kind === Kind.Digit) {
    if (code === NONE) return MULTI;
    return reading === Reading.Leet ? (LEET_DIGIT_CODES.get(code) ?? code) : code;
  }
  if (kind === Kind.LeetSymbol && reading === Reading.Leet) {
    return opensToken && code === AT ? A_OR_NOTHING_CODE : LEET_SYMBOL_CODES.get(code)!;
  }
  return NONE;
}

/**
 * Whether the token's first and last parts (between punctuation) are one letter each, or one letter
 * repeated: a letter of a spaced-out word ("s e n d", "s.e n.d", "s ee n d"), so the whitespace next
 * to it is soft. Pieces, not symbols: "ß" is one letter that writes two.
 */
const FIRST_SINGLE = 1;
const LAST_SINGLE = 2;

function singleEnds(pieces: Pieces, token: Token): number {
  if (token.plainWord) return token.oneLetter ? FIRST_SINGLE | LAST_SINGLE : 0;
  const { kinds, codes } = pieces;
  // "p!" ending "a p p!" is still a spaced-out letter: a trailing "!" or "|" may be nothing.
  let to = token.to;
  while (to - 1 > token.from && kinds[to - 1] === Kind.LeetSymbol && WEAK_LEET.has(codes[to - 1]!)) to--;
  let first = token.from;
  while (first < to && symbolOf(pieces, first, token.reading, true) === NONE) first++;
  if (first >= to) return 0;
  let last = to - 1;
  while (last > first && symbolOf(pieces, last, token.reading, false) === NONE) last--;
  let firstEnd = first + 1;
  while (firstEnd < to && kinds[firstEnd] === kinds[first] && codes[firstEnd] === codes[first]) firstEnd++;
  let lastStart = last;
  while (lastStart - 1 >= token.from && kinds[lastStart - 1] === kinds[last] && codes[lastStart - 1] === codes[last]) lastStart--;
  return (
    (firstEnd >= to || kinds[firstEnd] === Kind.Punct ? FIRST_SINGLE : 0) |
    (lastStart <= token.from || kinds[lastStart - 1] === Kind.Punct ? LAST_SINGLE : 0)
  );
}

/** Whether the next token, from piece `from` on, opens with a spaced-out letter. */
function nextOpensSpacedLetter(pieces: Pieces, from: number): boolean {
  let i = from;
  while (i < pieces.count && pieces.kinds[i] === Kind.Space) i++;
  if (i >= pieces.count) return false;
  const next = tokenAt(pieces, i);
  return next.reading === Reading.Leet && (singleEnds(pieces, next) & FIRST_SINGLE) !== 0;
}

/** The leet reading. Linear in the length of text: a pass over its code points, then three over each token. */
export function normaliseForMatching(text: string): NormalisedText {
  return emit(new Pieces(text), false).leet;
}

/**
 * Both readings in one pass: the leet one for phrases, and the plain one (digits stay digits, leet
 * symbols are dropped) that regular expressions about numbers ("24 hours") need. A token reads
 * the same both ways unless it has digits or leet symbols and was read as leet, so only such tokens
 * are written twice.
 */
export function normaliseBothWays(text: string): { leet: NormalisedText; plain: NormalisedText } {
  const { leet, plain } = emit(new Pieces(text), true);
  return { leet, plain: plain! };
}

/** One reading being written, and where its last word ended. */
interface Target {
  readonly out: SymbolWriter;
  previousEndsSingle: boolean;
  previousEnd: number;
}

/** Room for every piece plus the extra symbols of the few that write several ("ß"), so it rarely grows. */
const target = (pieces: Pieces): Target => ({
  out: new SymbolWriter(pieces.count + 2 * pieces.multi.size),
  previousEndsSingle: false,
  previousEnd: -1,
});

/** Writes one token to every target: its separator as each target's last word asks, then its symbols. */
function emitToken(pieces: Pieces, token: Token, targets: readonly Target[]): void {
  const { kinds, codes, starts, ends } = pieces;
  const single = singleEnds(pieces, token);
  const firstSingle = (single & FIRST_SINGLE) !== 0;
  if (token.plainWord) {
    for (const t of targets) {
      if (t.previousEnd >= 0) t.out.write(t.previousEndsSingle && firstSingle ? SOFT_CODE : HARD_CODE, t.previousEnd, starts[token.from]!);
      for (let k = token.from; k < token.end; k++) t.out.write(codes[k]!, starts[k]!, ends[k]!);
      t.previousEnd = ends[token.end - 1]!;
      t.previousEndsSingle = token.oneLetter;
    }
    return;
  }
  let wroteInToken = false;
  let punctuationSince = false;
  for (let k = token.from; k < token.to; k++) {
    if (kinds[k] === Kind.Punct) {
      punctuationSince = wroteInToken;
      continue;
    }
    const code = symbolOf(pieces, k, token.reading, !wroteInToken);
    if (code === NONE) continue;
    for (const t of targets) {
      if (!wroteInToken && t.previousEnd >= 0) t.out.write(t.previousEndsSingle && firstSingle ? SOFT_CODE : HARD_CODE, t.previousEnd, starts[k]!);
      else if (punctuationSince) t.out.write(SOFT_CODE, t.previousEnd, starts[k]!);
      if (code === MULTI) t.out.writeAll(pieces.multi.get(k)!, starts[k]!, ends[k]!);
      else t.out.write(code, starts[k]!, ends[k]!);
      t.previousEnd = ends[k]!;
    }
    punctuationSince = false;
    wroteInToken = true;
  }
  if (wroteInToken) for (const t of targets) t.previousEndsSingle = (single & LAST_SINGLE) !== 0;
}

function hasDigitOrLeet(pieces: Pieces, token: Token): boolean {
  for (let k = token.from; k < token.to; k++) if (pieces.kinds[k] === Kind.Digit || pieces.kinds[k] === Kind.LeetSymbol) return true;
  return false;
}

function emit(pieces: Pieces, withPlain: boolean): { leet: NormalisedText; plain: NormalisedText | null } {
  const leet = target(pieces);
  const plain = withPlain ? target(pieces) : null;
  const both = plain ? [leet, plain] : [leet];
  let i = 0;
  while (i < pieces.count) {
    if (pieces.kinds[i] === Kind.Space) {
      i++;
      continue;
    }
    let token = tokenAt(pieces, i);
    // A lone digit next to a spaced-out letter is one of them ("s 3 n d", "8 r i n g"), not a number.
    if (token.reading === Reading.Plain && token.to - token.from === 1 && (leet.previousEndsSingle || nextOpensSpacedLetter(pieces, token.end))) {
      token = { ...token, reading: Reading.Leet };
    }
    if (plain && token.reading === Reading.Leet && hasDigitOrLeet(pieces, token)) {
      emitToken(pieces, token, [leet]);
      emitToken(pieces, { ...token, reading: Reading.Plain }, [plain]);
    } else {
      emitToken(pieces, token, both);
    }
    i = token.end;
  }
  return { leet: leet.out.finish(), plain: plain?.out.finish() ?? null };
}
