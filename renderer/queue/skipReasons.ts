/**
 * Why an item is skipped. The reason travels in the decision's note, in English and with a stable
 * code, because the upstream and the supervisors reading it do not share the moderator's UI language.
 */
export const skipReasons = ['not_my_language', 'needs_specialist', 'technical_problem'] as const;
export type SkipReason = (typeof skipReasons)[number];

export function skipNote(reason: SkipReason, note: string): string {
  const typed = note.trim();
  return typed === '' ? `Skipped: ${reason}` : `Skipped: ${reason} — ${typed}`;
}
