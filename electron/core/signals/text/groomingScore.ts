import type { GroomingPattern } from '@workstation/protocol';
import { HARD_SEPARATOR, normaliseForMatching, type NormalisedText } from './normalise';
import { findPhrasesIn } from './phraseMatcher';
import { matchEntries, type CompiledLexicon } from './redFlags';

/**
 * How much one occurrence of each pattern says about grooming on its own. Coercion (sextortion:
 * threats to share images, demands, countdowns) is abuse under way, not a warning sign, so it
 * alone reaches "high". Secrecy and image requests are the most specific of the rest: between an
 * adult and a child they are rarely innocent. Asking age, moving to another app and meeting up are
 * common in ordinary chats between peers, and compliments or gifts are weaker still; these matter
 * mostly in combination.
 */
export const GROOMING_PATTERN_WEIGHTS: Readonly<Record<GroomingPattern, number>> = {
  coercion: 0.9,
  secrecy: 0.5,
  image_request: 0.5,
  asks_age: 0.35,
  move_platform: 0.35,
  meet_in_person: 0.35,
  gifts_money: 0.3,
  appearance_compliment: 0.25,
};

export type GroomingRiskLevel = 'none' | 'low' | 'medium' | 'high';

/** Lower bounds of each level. One weak pattern is "low"; age + secrecy + moving apps is "high". */
const LEVEL_THRESHOLDS: ReadonlyArray<readonly [GroomingRiskLevel, number]> = [
  ['high', 0.7],
  ['medium', 0.45],
  ['low', 0.2],
];

export interface ThreadMessage {
  readonly id: string;
  readonly fromHandle: string;
  readonly text: string;
}

export interface GroomingPatternHit {
  readonly pattern: GroomingPattern;
  readonly weight: number;
  /** Messages that showed the pattern, in thread order. */
  readonly messageIds: string[];
  /** Their positions in the thread (0 = first message), in thread order. */
  readonly messageIndexes: number[];
  readonly spans: Array<{ messageId: string; start: number; end: number }>;
}

export interface GroomingAssessment {
  readonly score: number;
  readonly level: GroomingRiskLevel;
  readonly patterns: GroomingPatternHit[];
}

/** One occurrence of an entry, possibly over several consecutive messages of one sender. */
interface Occurrence {
  readonly entryIndex: number;
  readonly sender: string;
  readonly spans: Array<{ index: number; start: number; end: number }>;
}

/**
 * A run of consecutive messages from one sender read as one text, so a phrase split over them
 * ("send me" / "a pic" / "of you") is found. Messages join at a word boundary; symbol k of the
 * joined text came from message messageOf[k].
 */
function joinRun(normalised: readonly NormalisedText[], first: number): { joined: NormalisedText; messageOf: Int32Array } {
  const length = normalised.reduce((sum, n) => sum + n.symbols.length + 1, 0);
  const starts = new Uint32Array(length);
  const ends = new Uint32Array(length);
  const messageOf = new Int32Array(length);
  const parts: string[] = [];
  let at = 0;
  normalised.forEach((n, i) => {
    if (n.symbols.length === 0) return;
    if (parts.length > 0) {
      parts.push(HARD_SEPARATOR);
      messageOf[at] = first + i;
      at++;
    }
    parts.push(n.symbols);
    starts.set(n.starts, at);
    ends.set(n.ends, at);
    messageOf.fill(first + i, at, at + n.symbols.length);
    at += n.symbols.length;
  });
  return { joined: { symbols: parts.join(''), starts: starts.subarray(0, at), ends: ends.subarray(0, at) }, messageOf: messageOf.subarray(0, at) };
}

/** Occurrences that only exist across messages: each run of two or more messages from one sender, joined. */
function crossMessageOccurrences(messages: readonly ThreadMessage[], lexicon: CompiledLexicon): Occurrence[] {
  const found: Occurrence[] = [];
  for (let first = 0; first < messages.length;) {
    let end = first + 1;
    while (end < messages.length && messages[end]!.fromHandle === messages[first]!.fromHandle) end++;
    if (end - first > 1) {
      const run = messages.slice(first, end);
      const normalised = run.map((m) => normaliseForMatching(m.text));
      const { joined, messageOf } = joinRun(normalised, first);
      for (const match of findPhrasesIn(joined, lexicon.matcher)) {
        const from = messageOf[match.firstSymbol]!;
        const to = messageOf[match.lastSymbol]!;
        if (from === to) continue;
        const spans: Occurrence['spans'] = [];
        for (let index = from; index <= to; index++) {
          const text = messages[index]!.text;
          spans.push({ index, start: index === from ? match.start : 0, end: index === to ? match.end : text.length });
        }
        found.push({ entryIndex: lexicon.phraseEntries[match.phraseIndex]!, sender: messages[first]!.fromHandle, spans });
      }
    }
    first = end;
  }
  return found;
}

/**
 * Scoring. Grooming is a progression through stages (building trust, assessing risk, isolating,
 * desensitising), so the signal is one person touching several different stages, not one topic
 * coming up many times: a chat about a birthday present may mention gifts ten times.
 *
 * - Per sender, each distinct pattern counts once, however often it repeats, and however far
 *   apart: a thread that moves slowly over weeks scores as one that moves in an evening.
 * - A sender's distinct patterns combine as a noisy-OR, 1 - product(1 - weight): each new stage
 *   raises the score, the score stays below 1, and order does not matter.
 * - The thread score is the highest sender score. Patterns from two people do not add up,
 *   because a child asking "how old are you?" back does not make the adult's messages worse.
 *
 * The patterns are the lexicon's entries that name one, so they sync with it.
 */
export function scoreGroomingThread(messages: readonly ThreadMessage[], lexicon: CompiledLexicon): GroomingAssessment {
  const occurrences: Occurrence[] = messages.flatMap((message, index) =>
    matchEntries(message.text, lexicon).map(({ entryIndex, start, end }) => ({
      entryIndex,
      sender: message.fromHandle,
      spans: [{ index, start, end }],
    })),
  );
  occurrences.push(...crossMessageOccurrences(messages, lexicon));

  const spansByPattern = new Map<GroomingPattern, Occurrence['spans']>();
  const patternsBySender = new Map<string, Set<GroomingPattern>>();
  for (const { entryIndex, sender, spans } of occurrences) {
    const pattern = lexicon.entries[entryIndex]!.pattern;
    if (pattern === undefined) continue;
    const patternSpans = spansByPattern.get(pattern) ?? [];
    patternSpans.push(...spans);
    spansByPattern.set(pattern, patternSpans);
    let senderPatterns = patternsBySender.get(sender);
    if (!senderPatterns) {
      senderPatterns = new Set();
      patternsBySender.set(sender, senderPatterns);
    }
    senderPatterns.add(pattern);
  }
  const hits = [...spansByPattern].map(([pattern, spans]): GroomingPatternHit => {
    spans.sort((a, b) => a.index - b.index || a.start - b.start || a.end - b.end);
    // Two entries of one pattern may mark the same words ("our little secret").
    const distinct = spans.filter(
      (s, i) => i === 0 || s.index !== spans[i - 1]!.index || s.start !== spans[i - 1]!.start || s.end !== spans[i - 1]!.end,
    );
    const messageIndexes = [...new Set(distinct.map((s) => s.index))];
    return {
      pattern,
      weight: GROOMING_PATTERN_WEIGHTS[pattern],
      messageIds: messageIndexes.map((i) => messages[i]!.id),
      messageIndexes,
      spans: distinct.map(({ index, start, end }) => ({ messageId: messages[index]!.id, start, end })),
    };
  });

  let score = 0;
  for (const senderPatterns of patternsBySender.values()) {
    let clear = 1;
    for (const pattern of senderPatterns) clear *= 1 - GROOMING_PATTERN_WEIGHTS[pattern];
    score = Math.max(score, 1 - clear);
  }
  const level = LEVEL_THRESHOLDS.find(([, threshold]) => score >= threshold)?.[0] ?? 'none';
  const patterns = hits.sort((a, b) => b.weight - a.weight || a.pattern.localeCompare(b.pattern));
  return { score, level, patterns };
}
