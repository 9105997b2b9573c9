import { HARD_SEPARATOR, I_OR_L, SOFT_SEPARATOR, normaliseForMatching } from './normalise';

/**
 * Finds phrases in normalised text by running a trie as an automaton that holds a set of states
 * at once. A set, not a single state, because the text is ambiguous in three ways the phrase is
 * not: a leet "1" may be i or l, a soft separator may or may not split a word, and a space in a
 * phrase may be written as no space at all ("killyourself"). Repeated letters ("kiiill") are
 * absorbed by letting a state stay put on its own incoming letter, which is also why phrases
 * are stored with runs collapsed ("kill" -> "kil").
 *
 * Cost: at most one entry per trie node in the set, so time is O(text x trie nodes) in the worst
 * case and in practice a few states per symbol. Matches start only at word starts and end only
 * at word ends, so "skill" never matches "kill".
 */

const SPACE = HARD_SEPARATOR.charCodeAt(0);
const SOFT = SOFT_SEPARATOR.charCodeAt(0);
const AMBIGUOUS_I_OR_L = I_OR_L.charCodeAt(0);
const I_AND_L = ['i'.charCodeAt(0), 'l'.charCodeAt(0)] as const;
const ROOT = 0;
const NO_EDGE = -1;

export class PhraseCompileError extends Error {
  override readonly name = 'PhraseCompileError';
}

export interface PhraseMatcher {
  readonly phraseCount: number;
  /** children[node] maps a symbol code to the child node. */
  readonly children: ReadonlyArray<ReadonlyMap<number, number>>;
  /** The symbol code on the edge into each node; NO_EDGE for the root. */
  readonly incoming: Int32Array;
  /** Phrase indices that end at each node. */
  readonly accepts: ReadonlyArray<readonly number[]>;
}

export interface PhraseMatch {
  readonly phraseIndex: number;
  /** UTF-16 offsets into the original text. */
  readonly start: number;
  readonly end: number;
}

const PLAIN_PHRASE_SYMBOL = /^[\p{L} ]$/u;

/** The path a phrase takes through the trie: separators unified and letter runs collapsed. */
export function phraseKey(phrase: string): string {
  const symbols = normaliseForMatching(phrase).symbols.replaceAll(SOFT_SEPARATOR, HARD_SEPARATOR);
  for (const symbol of symbols) {
    if (!PLAIN_PHRASE_SYMBOL.test(symbol)) {
      throw new PhraseCompileError(
        `Phrase '${phrase}' contains '${symbol}', which is not a plain letter; write phrases in plain words (digits and leetspeak are undone by normalisation).`,
      );
    }
  }
  if (symbols === '') {
    throw new PhraseCompileError(`Phrase '${phrase}' has no letters left after normalisation; remove it or write it in words.`);
  }
  return symbols.replace(/(.)\1+/gs, '$1');
}

export function compilePhrases(phrases: readonly string[]): PhraseMatcher {
  const children: Map<number, number>[] = [new Map<number, number>()];
  const incoming: number[] = [NO_EDGE];
  const accepts: number[][] = [[]];
  phrases.forEach((phrase, phraseIndex) => {
    let node = ROOT;
    const key = phraseKey(phrase);
    for (let i = 0; i < key.length; i++) {
      const code = key.charCodeAt(i);
      let child = children[node]!.get(code);
      if (child === undefined) {
        child = children.length;
        children.push(new Map());
        incoming.push(code);
        accepts.push([]);
        children[node]!.set(code, child);
      }
      node = child;
    }
    accepts[node]!.push(phraseIndex);
  });
  return { phraseCount: phrases.length, children, incoming: Int32Array.from(incoming), accepts };
}

/** The live states after one symbol: trie nodes, each with the earliest word start that reaches it. */
class StateSet {
  size = 0;
  /** A node appears at most once, so node count bounds the size. */
  readonly nodes: Int32Array;
  readonly starts: Int32Array;
  private readonly slotOf: Int32Array;
  private readonly stampOf: Int32Array;
  /** Starts at 1 so the zero-filled stamps of a fresh set mean "absent". */
  private stamp = 1;

  constructor(nodeCount: number) {
    this.nodes = new Int32Array(nodeCount);
    this.starts = new Int32Array(nodeCount);
    this.slotOf = new Int32Array(nodeCount);
    this.stampOf = new Int32Array(nodeCount);
  }

  clear(): void {
    this.size = 0;
    this.stamp++;
  }

  add(node: number, start: number): void {
    if (this.stampOf[node] === this.stamp) {
      const slot = this.slotOf[node]!;
      if (start < this.starts[slot]!) this.starts[slot] = start;
      return;
    }
    this.stampOf[node] = this.stamp;
    this.slotOf[node] = this.size;
    this.nodes[this.size] = node;
    this.starts[this.size] = start;
    this.size++;
  }
}

function isSeparator(code: number): boolean {
  return code === SPACE || code === SOFT;
}

export function findPhrases(text: string, matcher: PhraseMatcher): PhraseMatch[] {
  const { symbols, starts, ends } = normaliseForMatching(text);
  const { children, incoming, accepts } = matcher;
  let current = new StateSet(children.length);
  let next = new StateSet(children.length);
  const matches: PhraseMatch[] = [];
  // "k i l l" reaches the end of "kil" at every soft separator; only the longest reach counts.
  const matchSlotByPhraseAndStart = new Map<string, number>();

  const stepLetter = (node: number, start: number, code: number): void => {
    if (incoming[node] === code) next.add(node, start);
    const child = children[node]!.get(code);
    if (child !== undefined) next.add(child, start);
    const spaceChild = children[node]!.get(SPACE);
    const afterSpace = spaceChild === undefined ? undefined : children[spaceChild]!.get(code);
    if (afterSpace !== undefined) next.add(afterSpace, start);
  };

  for (let k = 0; k < symbols.length; k++) {
    const code = symbols.charCodeAt(k);
    next.clear();
    if (isSeparator(code)) {
      for (let s = 0; s < current.size; s++) {
        const node = current.nodes[s]!;
        const start = current.starts[s]!;
        if (incoming[node] === SPACE || code === SOFT) next.add(node, start);
        const spaceChild = children[node]!.get(SPACE);
        if (spaceChild !== undefined) next.add(spaceChild, start);
      }
    } else {
      if (k === 0 || isSeparator(symbols.charCodeAt(k - 1))) current.add(ROOT, k);
      for (let s = 0; s < current.size; s++) {
        const node = current.nodes[s]!;
        const start = current.starts[s]!;
        if (code === AMBIGUOUS_I_OR_L) {
          for (const letter of I_AND_L) stepLetter(node, start, letter);
        } else {
          stepLetter(node, start, code);
        }
      }
      const atWordEnd = k + 1 === symbols.length || isSeparator(symbols.charCodeAt(k + 1));
      if (atWordEnd) {
        for (let s = 0; s < next.size; s++) {
          for (const phraseIndex of accepts[next.nodes[s]!]!) {
            const match = { phraseIndex, start: starts[next.starts[s]!]!, end: ends[k]! };
            const key = `${phraseIndex}:${match.start}`;
            const slot = matchSlotByPhraseAndStart.get(key);
            if (slot === undefined) {
              matchSlotByPhraseAndStart.set(key, matches.length);
              matches.push(match);
            } else {
              matches[slot] = match;
            }
          }
        }
      }
    }
    [current, next] = [next, current];
  }
  return matches;
}
