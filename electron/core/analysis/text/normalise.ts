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
  А: 'a', а: 'a', В: 'b', в: 'b', Е: 'e', е: 'e', К: 'k', к: 'k', М: 'm', м: 'm', Н: 'h', н: 'h',
  О: 'o', о: 'o', Р: 'p', р: 'p', С: 'c', с: 'c', Т: 't', т: 't', Х: 'x', х: 'x', У: 'y', у: 'y',
  І: 'i', і: 'i', Ј: 'j', ј: 'j', Ѕ: 's', ѕ: 's', Ԁ: 'd', ԁ: 'd', Һ: 'h', һ: 'h', Ԛ: 'q', ԛ: 'q',
  Ԝ: 'w', ԝ: 'w', Ү: 'y', ү: 'y', Ӏ: 'l', ӏ: 'l',
  // Greek
  Α: 'a', α: 'a', Β: 'b', β: 'b', Ε: 'e', ε: 'e', Ζ: 'z', Η: 'h', η: 'n', Ι: 'i', ι: 'i', Κ: 'k',
  κ: 'k', Μ: 'm', Ν: 'n', ν: 'v', Ο: 'o', ο: 'o', Ρ: 'p', ρ: 'p', Τ: 't', τ: 't', Υ: 'y', υ: 'u',
  Χ: 'x', χ: 'x',
  // Latin letters with a stroke or without a dot do not decompose
  ı: 'i', ł: 'l', Ł: 'l', ø: 'o', Ø: 'o', đ: 'd', Đ: 'd',
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

interface Piece {
  readonly kind: Kind;
  readonly symbols: string;
  readonly start: number;
  end: number;
}

/**
 * One visible code point per piece, plus any combining marks after it. Invisible code points
 * are dropped here so they neither join nor split words.
 */
function visiblePieces(text: string): Piece[] {
  const fold = makeFolder();
  const pieces: Piece[] = [];
  for (let offset = 0; offset < text.length; ) {
    const codePoint = text.codePointAt(offset) ?? 0;
    const width = codePoint > 0xffff ? 2 : 1;
    const { kind, symbols } = fold(codePoint);
    const previous = pieces.at(-1);
    if (kind === Kind.Mark) {
      if (previous?.end === offset) previous.end += width;
    } else if (kind !== Kind.Invisible) {
      pieces.push({ kind, symbols, start: offset, end: offset + width });
    }
    offset += width;
  }
  return pieces;
}

class SymbolWriter {
  private readonly codes: number[] = [];
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];

  write(symbols: string, start: number, end: number): void {
    for (let i = 0; i < symbols.length; i++) {
      this.codes.push(symbols.charCodeAt(i));
      this.starts.push(start);
      this.ends.push(end);
    }
  }

  finish(): NormalisedText {
    let symbols = '';
    const chunk = 8192;
    for (let i = 0; i < this.codes.length; i += chunk) {
      symbols += String.fromCharCode(...this.codes.slice(i, i + chunk));
    }
    return { symbols, starts: Uint32Array.from(this.starts), ends: Uint32Array.from(this.ends) };
  }
}

/**
 * A word is a maximal run of non-separator pieces. Leetspeak applies only inside words that
 * contain a real letter, so "I'm 14" keeps its digits while "k1ll" becomes "kill". An "@" that
 * opens a word is a mention ("@sam"), not a disguised "a", so it is dropped there.
 */
function wordHasLetter(pieces: readonly Piece[], from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (pieces[i]!.kind === Kind.Letter) return true;
  return false;
}

function wordSymbols(piece: Piece, hasLetter: boolean, opensWord: boolean): string {
  if (piece.kind === Kind.Letter) return piece.symbols;
  if (piece.kind === Kind.Digit) return hasLetter ? (LEET_DIGITS[piece.symbols] ?? piece.symbols) : piece.symbols;
  if (!hasLetter || (opensWord && piece.symbols === '@')) return '';
  return LEET_SYMBOLS[piece.symbols] ?? '';
}

/** Linear in the length of text: two passes over its code points. */
export function normaliseForMatching(text: string): NormalisedText {
  const pieces = visiblePieces(text);
  const out = new SymbolWriter();
  let previousWasSingleLetter = false;
  let previousEnd = -1;
  let i = 0;
  while (i < pieces.length) {
    if (pieces[i]!.kind === Kind.Separator) {
      i++;
      continue;
    }
    let wordEnd = i;
    while (wordEnd < pieces.length && pieces[wordEnd]!.kind !== Kind.Separator) wordEnd++;
    const hasLetter = wordHasLetter(pieces, i, wordEnd);
    const isSingleLetter = wordEnd - i === 1 && pieces[i]!.kind === Kind.Letter;
    let wroteWord = false;
    for (let k = i; k < wordEnd; k++) {
      const piece = pieces[k]!;
      const symbols = wordSymbols(piece, hasLetter, k === i);
      if (symbols === '') continue;
      if (!wroteWord && previousEnd >= 0) {
        const separator = previousWasSingleLetter && isSingleLetter ? SOFT_SEPARATOR : HARD_SEPARATOR;
        out.write(separator, previousEnd, piece.start);
      }
      wroteWord = true;
      out.write(symbols, piece.start, piece.end);
    }
    if (wroteWord) {
      previousWasSingleLetter = isSingleLetter;
      previousEnd = pieces[wordEnd - 1]!.end;
    }
    i = wordEnd;
  }
  return out.finish();
}
