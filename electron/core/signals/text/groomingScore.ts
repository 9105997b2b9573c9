import type { Locale } from '@workstation/protocol';
import { bundledGroomingPatterns } from './bundledLexicons';
import { GROOMING_PATTERNS, type GroomingPattern } from './groomingPatternsSchema';
import { compilePhrases, findPhrases, type PhraseMatcher } from './phraseMatcher';

/**
 * How much one occurrence of each pattern says about grooming on its own. Secrecy and image
 * requests are the most specific: between an adult and a child they are rarely innocent. Asking
 * age, moving to another app and meeting up are common in ordinary chats between peers, and
 * compliments or gifts are weaker still; these matter mostly in combination.
 */
export const GROOMING_PATTERN_WEIGHTS: Readonly<Record<GroomingPattern, number>> = {
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
  readonly spans: Array<{ messageId: string; start: number; end: number }>;
}

export interface GroomingAssessment {
  readonly score: number;
  readonly level: GroomingRiskLevel;
  readonly patterns: GroomingPatternHit[];
}

interface CompiledGroomingPatterns {
  readonly matcher: PhraseMatcher;
  /** The pattern each phrase of the matcher belongs to. */
  readonly patternOfPhrase: readonly GroomingPattern[];
}

const compiledByLocale = new Map<Locale, CompiledGroomingPatterns>();

function compiledPatterns(locale: Locale): CompiledGroomingPatterns {
  let compiled = compiledByLocale.get(locale);
  if (!compiled) {
    const { patterns } = bundledGroomingPatterns(locale);
    const phrases: string[] = [];
    const patternOfPhrase: GroomingPattern[] = [];
    for (const pattern of GROOMING_PATTERNS) {
      for (const phrase of patterns[pattern]) {
        phrases.push(phrase);
        patternOfPhrase.push(pattern);
      }
    }
    compiled = { matcher: compilePhrases(phrases), patternOfPhrase };
    compiledByLocale.set(locale, compiled);
  }
  return compiled;
}

/**
 * Scoring. Grooming is a progression through stages (building trust, assessing risk, isolating,
 * desensitising), so the signal is one person touching several different stages, not one topic
 * coming up many times: a chat about a birthday present may mention gifts ten times.
 *
 * - Per sender, each distinct pattern counts once, however often it repeats.
 * - A sender's distinct patterns combine as a noisy-OR, 1 - product(1 - weight): each new stage
 *   raises the score, the score stays below 1, and order does not matter.
 * - The thread score is the highest sender score. Patterns from two people do not add up,
 *   because a child asking "how old are you?" back does not make the adult's messages worse.
 */
export function scoreGroomingThread(messages: readonly ThreadMessage[], locale: Locale): GroomingAssessment {
  const { matcher, patternOfPhrase } = compiledPatterns(locale);
  const hits = new Map<GroomingPattern, GroomingPatternHit>();
  const patternsBySender = new Map<string, Set<GroomingPattern>>();

  for (const message of messages) {
    for (const { phraseIndex, start, end } of findPhrases(message.text, matcher)) {
      const pattern = patternOfPhrase[phraseIndex]!;
      let hit = hits.get(pattern);
      if (!hit) {
        hit = { pattern, weight: GROOMING_PATTERN_WEIGHTS[pattern], messageIds: [], spans: [] };
        hits.set(pattern, hit);
      }
      if (hit.messageIds.at(-1) !== message.id) hit.messageIds.push(message.id);
      hit.spans.push({ messageId: message.id, start, end });

      let senderPatterns = patternsBySender.get(message.fromHandle);
      if (!senderPatterns) {
        senderPatterns = new Set();
        patternsBySender.set(message.fromHandle, senderPatterns);
      }
      senderPatterns.add(pattern);
    }
  }

  let score = 0;
  for (const senderPatterns of patternsBySender.values()) {
    let clear = 1;
    for (const pattern of senderPatterns) clear *= 1 - GROOMING_PATTERN_WEIGHTS[pattern];
    score = Math.max(score, 1 - clear);
  }
  const level = LEVEL_THRESHOLDS.find(([, threshold]) => score >= threshold)?.[0] ?? 'none';
  const patterns = [...hits.values()].sort((a, b) => b.weight - a.weight || a.pattern.localeCompare(b.pattern));
  return { score, level, patterns };
}
