/**
 * Reason-code picking: the search filter behind the picker and the order codes are offered in.
 * Escalations put child-safety codes first and preselect one, because escalation is how those
 * items reach child-safety reporting and the moderator should not have to hunt for the code.
 */
import type { ReasonCode } from '../../electron/api';

export type PickerAction = 'remove' | 'escalate';

function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase();
}

const childSafetyPattern = /\b(child|children|minor|minors|csam|csea|cse|kid|kids|grooming)\b|kinderschutz/;

export function looksLikeChildSafety(category: string): boolean {
  return childSafetyPattern.test(fold(category).replace(/[_\-./]+/g, ' '));
}

/**
 * Every whitespace-separated term must occur in the code, label, category or description
 * (case- and accent-insensitive). Codes whose code or label starts with the first term come first;
 * otherwise the given order is kept.
 */
export function filterReasonCodes(codes: readonly ReasonCode[], query: string): ReasonCode[] {
  const terms = fold(query).split(/\s+/).filter((term) => term.length > 0);
  if (terms.length === 0) return [...codes];
  const matches = codes.filter((rc) => {
    const haystack = fold(`${rc.code} ${rc.label} ${rc.category} ${rc.description}`);
    return terms.every((term) => haystack.includes(term));
  });
  const first = terms[0] ?? '';
  const startsWithFirst = (rc: ReasonCode) =>
    fold(rc.code).startsWith(first) || fold(rc.label).startsWith(first);
  return [...matches.filter(startsWithFirst), ...matches.filter((rc) => !startsWithFirst(rc))];
}

export function orderForAction(codes: readonly ReasonCode[], action: PickerAction): ReasonCode[] {
  if (action === 'remove') return [...codes];
  const child = codes.filter((rc) => looksLikeChildSafety(rc.category));
  return [...child, ...codes.filter((rc) => !looksLikeChildSafety(rc.category))];
}

/** The code highlighted when the picker opens, or null to start with nothing chosen. */
export function preselectedCode(codes: readonly ReasonCode[], action: PickerAction): string | null {
  if (action !== 'escalate') return null;
  return codes.find((rc) => looksLikeChildSafety(rc.category))?.code ?? null;
}
