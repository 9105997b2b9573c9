/**
 * Reason-code picking: the search filter behind the picker, the order codes are offered in and
 * the suggestions read from the item's signals. Nothing here ever chooses a code: a child-safety
 * code in particular is never a default, never a suggestion and never the top of the list, since
 * it does not remove an item but files a report about a child.
 */
import type { ItemSignals, ReasonCode } from '../../electron/api';

export type PickerAction = 'remove' | 'escalate';

function fold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Lower case, accents off, separators as spaces: "self_harm" and "Self-harm" read alike. */
function words(text: string): string {
  return fold(text)
    .replace(/[_\-./]+/g, ' ')
    .trim();
}

const childSafetyPattern = /\b(child|children|minor|minors|csam|csea|cse|kid|kids|grooming)\b|kinderschutz/;

export function looksLikeChildSafety(category: string): boolean {
  return childSafetyPattern.test(words(category));
}

/** A code whose use is a child-safety report: core accepts it only with that report. */
export function isChildSafetyReason(reason: ReasonCode): boolean {
  return looksLikeChildSafety(reason.category) || reason.actions.includes('report_ncmec');
}

/**
 * Every whitespace-separated term must occur in the code, label, category or description
 * (case- and accent-insensitive). Codes whose code or label starts with the first term come first;
 * otherwise the given order is kept.
 */
export function filterReasonCodes(codes: readonly ReasonCode[], query: string): ReasonCode[] {
  const terms = fold(query)
    .split(/\s+/)
    .filter((term) => term.length > 0);
  if (terms.length === 0) return [...codes];
  const matches = codes.filter((rc) => {
    const haystack = fold(`${rc.code} ${rc.label} ${rc.category} ${rc.description}`);
    return terms.every((term) => haystack.includes(term));
  });
  const first = terms[0] ?? '';
  const startsWithFirst = (rc: ReasonCode) => fold(rc.code).startsWith(first) || fold(rc.label).startsWith(first);
  return [...matches.filter(startsWithFirst), ...matches.filter((rc) => !startsWithFirst(rc))];
}

/**
 * Whether a signal's category (a classifier label's or a red-flag phrase's) names this code:
 * the same category, the code's label ("sexual_solicitation" and "Sexual solicitation") or its
 * stem ("scam" and SCAM-1).
 */
function codeForCategory(reason: ReasonCode, category: string): boolean {
  const wanted = words(category);
  return words(reason.category) === wanted || words(reason.label) === wanted || words(reason.code.split('-')[0] ?? '') === wanted;
}

/** Codes the item's own signals point to: flagged classifier scores and red-flag phrases. */
export function suggestedCodes(codes: readonly ReasonCode[], signals: ItemSignals): ReasonCode[] {
  const categories = new Set([
    ...signals.media.flatMap((m) =>
      m.classifier && 'scores' in m.classifier ? m.classifier.scores.filter((s) => s.flagged).map((s) => s.category) : [],
    ),
    ...signals.redFlags.map((flag) => flag.category),
  ]);
  return codes.filter((rc) => !isChildSafetyReason(rc) && [...categories].some((category) => codeForCategory(rc, category)));
}

/** Suggestions first, then the policy's order, child-safety codes last. */
export function pickerOrder(codes: readonly ReasonCode[], suggested: readonly ReasonCode[]): ReasonCode[] {
  const first = new Set(suggested.map((rc) => rc.code));
  const rest = codes.filter((rc) => !first.has(rc.code));
  return [...suggested, ...rest.filter((rc) => !isChildSafetyReason(rc)), ...rest.filter(isChildSafetyReason)];
}
