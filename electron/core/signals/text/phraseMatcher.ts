import { AMBIGUOUS, HARD_SEPARATOR, SOFT_SEPARATOR, normaliseForMatching, type NormalisedText } from './normalise';

/**
 * Finds phrases in normalised text by running a trie as an automaton that holds a set of states
 * at once. A set, not a single state, because the text is ambiguous in ways the phrase is not: a
 * leet symbol may stand for several letters or for nothing, a soft separator may or may not split
 * a word, a space in a phrase may be written as no space at all ("killyourself"), and an "e" after
 * a, o or u may be the German spelling of ä, ö, ü without the letter ("maedchen"). Repeated
 * letters ("kiiill") are absorbed by letting a state stay put on its own incoming letter, which is
 * also why phrases are stored with runs collapsed ("kill" -> "kil") and ae/oe/ue folded.
 *
 * Cost: at most one entry per trie node in the set, so time is O(text x trie nodes) in the worst
 * case whatever the phrases are, and in practice a few states per symbol. Matches start only at
 * word starts and end only at word ends, so "skill" never matches "kill".
 */

const SPACE = HARD_SEPARATOR.charCodeAt(0);
const SOFT = SOFT_SEPARATOR.charCodeAt(0);
const E = 'e'.charCodeAt(0);
const ROOT = 0;
const NO_EDGE = -1;

/** Dense transitions for the symbols phrases are made of in Latin script; others go through a map. */
const DENSE_SYMBOLS = 'abcdefghijklmnopqrstuvwxyz ';
const DENSE_WIDTH = DENSE_SYMBOLS.length;
const DENSE_INDEX = new Int8Array(128).fill(-1);
for (let i = 0; i < DENSE_SYMBOLS.length; i++) DENSE_INDEX[DENSE_SYMBOLS.charCodeAt(i)] = i;
/** The letters after which an "e" may spell an umlaut: ae, oe, ue. */
const UMLAUT_BASES = new Set(['a', 'o', 'u'].map((c) => c.charCodeAt(0)));

export class PhraseCompileError extends Error {
  override readonly name: string = 'PhraseCompileError';
}

export interface PhraseMatcher {
  readonly phraseCount: number;
  readonly nodeCount: number;
  /** dense[node * DENSE_WIDTH + symbol index]: the child node, or NO_EDGE. */
  readonly dense: Int32Array;
  /** Children on letters outside DENSE_SYMBOLS (phrases in other scripts). */
  readonly sparse: ReadonlyArray<ReadonlyMap<number, number> | undefined>;
  /** The symbol code on the edge into each node; NO_EDGE for the root. */
  readonly incoming: Int32Array;
  /** Phrase indices that end at each node. */
  readonly accepts: ReadonlyArray<readonly number[] | undefined>;
}

export interface PhraseMatch {
  readonly phraseIndex: number;
  /** UTF-16 offsets into the original text. */
  readonly start: number;
  readonly end: number;
  /** The normalised symbols it covers, [firstSymbol, lastSymbol]. */
  readonly firstSymbol: number;
  readonly lastSymbol: number;
}

/** How many plain phrases one entry may stand for once its "(a|b)" groups are spelled out. */
export const MAX_EXPANSIONS = 2000;
const GROUP = /\(([^()]*)\)/;

/**
 * Spells out a phrase's alternative groups: "add me (up |)on (snap|kik)" is four phrases. Groups do
 * not nest; an empty alternative makes the group optional.
 */
export function expandPhrase(phrase: string): string[] {
  let expanded = [phrase];
  while (GROUP.test(expanded[0]!)) {
    expanded = expanded.flatMap((p) => {
      const group = GROUP.exec(p)!;
      return group[1]!.split('|').map((option) => p.slice(0, group.index) + option + p.slice(group.index + group[0].length));
    });
    if (expanded.length > MAX_EXPANSIONS) {
      throw new PhraseCompileError(`Phrase '${phrase}' spells out to more than ${MAX_EXPANSIONS} phrases; split it into several entries.`);
    }
  }
  if (/[()|]/.test(expanded[0]!))
    throw new PhraseCompileError(`Phrase '${phrase}' has an unbalanced or nested group; write groups as "(a|b|)", one level deep.`);
  return expanded.map((p) => p.replace(/\s+/g, ' ').trim()).filter((p) => p !== '');
}

const PLAIN_PHRASE_SYMBOL = /^[\p{L} ]$/u;

/** The path a phrase takes through the trie: separators unified, umlaut spellings folded, letter runs collapsed. */
export function phraseKey(phrase: string): string {
  const symbols = normaliseForMatching(phrase).symbols.replaceAll(SOFT_SEPARATOR, HARD_SEPARATOR);
  if (!/\p{L}/u.test(symbols)) {
    throw new PhraseCompileError(`Phrase '${phrase}' has no letters left after normalisation; remove it or write it in words.`);
  }
  for (const symbol of symbols) {
    if (!PLAIN_PHRASE_SYMBOL.test(symbol)) {
      throw new PhraseCompileError(
        `Phrase '${phrase}' contains '${symbol === HARD_SEPARATOR ? symbol : escape(symbol)}', which is not a plain letter; write phrases in plain words (digits and leetspeak are undone by normalisation).`,
      );
    }
  }
  return symbols.replace(/([aou])e/g, '$1').replace(/(.)\1+/gs, '$1');
}

function escape(symbol: string): string {
  return /\p{L}|\p{N}/u.test(symbol) ? symbol : `U+${symbol.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

function childOf(matcher: PhraseMatcher, node: number, code: number): number {
  if (code < 128) {
    const index = DENSE_INDEX[code]!;
    return index < 0 ? NO_EDGE : matcher.dense[node * DENSE_WIDTH + index]!;
  }
  return matcher.sparse[node]?.get(code) ?? NO_EDGE;
}

/** Compiles phrases (each spelled out by expandPhrase) into one trie; a match names the phrase's index. */
export function compilePhrases(phrases: readonly string[]): PhraseMatcher {
  const keyed = phrases.flatMap((phrase, phraseIndex) => [...new Set(expandPhrase(phrase).map(phraseKey))].map((key) => ({ key, phraseIndex })));
  const capacity = 1 + keyed.reduce((sum, { key }) => sum + key.length, 0);
  const dense = new Int32Array(capacity * DENSE_WIDTH).fill(NO_EDGE);
  const sparse: Array<Map<number, number> | undefined> = [];
  const incoming = new Int32Array(capacity).fill(NO_EDGE);
  const accepts: Array<number[] | undefined> = [];
  let nodeCount = 1;
  for (const { key, phraseIndex } of keyed) {
    let node = ROOT;
    for (let i = 0; i < key.length; i++) {
      const code = key.charCodeAt(i);
      const index = code < 128 ? DENSE_INDEX[code]! : -1;
      let child = index >= 0 ? dense[node * DENSE_WIDTH + index]! : (sparse[node]?.get(code) ?? NO_EDGE);
      if (child === NO_EDGE) {
        child = nodeCount++;
        incoming[child] = code;
        if (index >= 0) dense[node * DENSE_WIDTH + index] = child;
        else (sparse[node] ??= new Map()).set(code, child);
      }
      node = child;
    }
    const accepted = (accepts[node] ??= []);
    if (!accepted.includes(phraseIndex)) accepted.push(phraseIndex);
  }
  return {
    phraseCount: phrases.length,
    nodeCount,
    dense: dense.slice(0, nodeCount * DENSE_WIDTH),
    sparse,
    incoming: incoming.slice(0, nodeCount),
    accepts,
  };
}

/**
 * The live states after one symbol: trie nodes, each with the earliest word start that reaches it
 * and the last symbol it consumed (a symbol read as nothing, "you!", is not part of the match).
 */
class StateSet {
  size = 0;
  /** A node appears at most once, so node count bounds the size. */
  readonly nodes: Int32Array;
  readonly starts: Int32Array;
  readonly lasts: Int32Array;
  private readonly slotOf: Int32Array;
  private readonly stampOf: Int32Array;
  /** Starts at 1 so the zero-filled stamps of a fresh set mean "absent". */
  private stamp = 1;

  constructor(nodeCount: number) {
    this.nodes = new Int32Array(nodeCount);
    this.starts = new Int32Array(nodeCount);
    this.lasts = new Int32Array(nodeCount);
    this.slotOf = new Int32Array(nodeCount);
    this.stampOf = new Int32Array(nodeCount);
  }

  clear(): void {
    this.size = 0;
    this.stamp++;
    // Stamps live in an Int32Array; start over long before they would wrap.
    if (this.stamp === 0x3fffffff) {
      this.stampOf.fill(0);
      this.stamp = 1;
    }
  }

  add(node: number, start: number, last: number): void {
    if (this.stampOf[node] === this.stamp) {
      const slot = this.slotOf[node]!;
      if (start < this.starts[slot]!) this.starts[slot] = start;
      if (last > this.lasts[slot]!) this.lasts[slot] = last;
      return;
    }
    this.stampOf[node] = this.stamp;
    this.slotOf[node] = this.size;
    this.nodes[this.size] = node;
    this.starts[this.size] = start;
    this.lasts[this.size] = last;
    this.size++;
  }
}

/**
 * Two state sets per matcher, made once: a set is sized to the trie (tens of thousands of nodes),
 * and a thread of short messages would otherwise allocate two per message. Matching runs to
 * completion on one thread, so they are never in use twice at once; clear() is O(1) by stamps.
 */
const stateSets = new WeakMap<PhraseMatcher, [StateSet, StateSet]>();

function stateSetsFor(matcher: PhraseMatcher): [StateSet, StateSet] {
  let sets = stateSets.get(matcher);
  if (!sets) {
    sets = [new StateSet(matcher.nodeCount), new StateSet(matcher.nodeCount)];
    stateSets.set(matcher, sets);
  }
  return sets;
}

function isSeparator(code: number): boolean {
  return code === SPACE || code === SOFT;
}

/** Counts the matcher's work: one step per live state per symbol. */
export interface MatchWork {
  steps: number;
}

/** Every phrase occurrence in normalised text (normaliseForMatching), with spans in the original. */
export function findPhrasesIn(normalised: NormalisedText, matcher: PhraseMatcher, work?: MatchWork): PhraseMatch[] {
  const { symbols, starts, ends } = normalised;
  const { incoming, accepts } = matcher;
  const spaceIndex = DENSE_INDEX[SPACE]!;
  let [current, next] = stateSetsFor(matcher);
  current.clear();
  const matches: PhraseMatch[] = [];
  // "k i l l" reaches the end of "kil" at every soft separator; only the longest reach counts.
  const matchSlotByPhraseAndStart = new Map<string, number>();

  /** lastIfStays: what a repeated letter consumes; a symbol that may be nothing consumes nothing by staying. */
  const stepLetter = (node: number, start: number, code: number, k: number, lastIfStays: number): void => {
    const into = incoming[node]!;
    if (into === code || (code === E && UMLAUT_BASES.has(into))) next.add(node, start, lastIfStays);
    const child = childOf(matcher, node, code);
    if (child !== NO_EDGE) next.add(child, start, k);
    const spaceChild = matcher.dense[node * DENSE_WIDTH + spaceIndex]!;
    if (spaceChild !== NO_EDGE) {
      const afterSpace = childOf(matcher, spaceChild, code);
      if (afterSpace !== NO_EDGE) next.add(afterSpace, start, k);
    }
  };

  let previousOpenedWordAsNothing = false;
  for (let k = 0; k < symbols.length; k++) {
    const code = symbols.charCodeAt(k);
    next.clear();
    if (isSeparator(code)) {
      for (let s = 0; s < current.size; s++) {
        const node = current.nodes[s]!;
        const start = current.starts[s]!;
        const last = current.lasts[s]!;
        if (node === ROOT) continue;
        if (incoming[node] === SPACE || code === SOFT) next.add(node, start, last);
        const spaceChild = matcher.dense[node * DENSE_WIDTH + spaceIndex]!;
        if (spaceChild !== NO_EDGE) next.add(spaceChild, start, last);
      }
    } else {
      const ambiguous = AMBIGUOUS.get(code);
      // After a symbol read as nothing at a word start ("@sam"), the word starts again.
      const wordStart: boolean = k === 0 || isSeparator(symbols.charCodeAt(k - 1)) || previousOpenedWordAsNothing;
      previousOpenedWordAsNothing = wordStart && ambiguous?.orNothing === true;
      if (wordStart) current.add(ROOT, k, k);
      for (let s = 0; s < current.size; s++) {
        const node = current.nodes[s]!;
        const start = current.starts[s]!;
        if (ambiguous === undefined) {
          stepLetter(node, start, code, k, k);
          continue;
        }
        const last = ambiguous.orNothing ? current.lasts[s]! : k;
        if (ambiguous.orNothing && node !== ROOT) next.add(node, start, last);
        for (const letter of ambiguous.letters) stepLetter(node, start, letter, k, last);
      }
      const atWordEnd = k + 1 === symbols.length || isSeparator(symbols.charCodeAt(k + 1));
      if (atWordEnd) {
        for (let s = 0; s < next.size; s++) {
          const accepted = accepts[next.nodes[s]!];
          if (accepted === undefined) continue;
          for (const phraseIndex of accepted) {
            const firstSymbol = next.starts[s]!;
            const lastSymbol = next.lasts[s]!;
            const match = { phraseIndex, start: starts[firstSymbol]!, end: ends[lastSymbol]!, firstSymbol, lastSymbol };
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
    if (work) work.steps += current.size;
    [current, next] = [next, current];
  }
  return matches;
}
