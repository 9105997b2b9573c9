/**
 * Which media of an item must never be drawn. Core refuses to serve them; the UI must not even ask,
 * and shows what the match is instead, so the moderator can escalate without viewing.
 */
import type { BankMatch, ItemSignals, MediaSignals } from '../../electron/api';
import { looksLikeChildSafety } from '../queue/reasonCodes';

export function childSafetyMatchOf(media: MediaSignals): BankMatch | null {
  return media.bankMatches.find((match) => looksLikeChildSafety(match.category)) ?? null;
}

/** The closest child-safety match across the item's media, or null. */
export function itemChildSafetyMatch(signals: ItemSignals): BankMatch | null {
  const matches = signals.media.flatMap((m) => m.bankMatches.filter((match) => looksLikeChildSafety(match.category)));
  return matches.sort((a, b) => a.distance - b.distance)[0] ?? null;
}

/** Analysis still running for some image: its signals (and a possible match) are not known yet. */
export function analysisPending(signals: ItemSignals): boolean {
  return signals.media.some((m) => m.status === 'pending');
}
