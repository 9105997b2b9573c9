import type { AuditPageInput, Store, TeamDecisionInput } from '../../electron/core/store';
import { severityOf } from '../../electron/core/audit';
import { xorshift32 } from './xorshift32';

export const GENERATED_TEAM = {
  id: 'team-bench',
  name: 'Generated team',
  members: Array.from({ length: 12 }, (_, i) => ({
    id: `m${i + 1}`,
    username: `m${i + 1}`,
    displayName: `Moderator ${String(i + 1).padStart(2, '0')}`,
    role: 'moderator',
  })),
};

const CATEGORIES = [
  ['spam', 'SPAM-1'],
  ['hate', 'HATE-1'],
  ['harassment', 'HARASS-1'],
  ['adult_sexual', 'NUD-1'],
  ['fraud', 'SCAM-1'],
  ['violence', 'VIOL-1'],
  ['self_harm', 'SELF-1'],
  ['privacy', 'PRIV-1'],
  ['impersonation', 'IMP-1'],
  ['none', null],
] as const;
const NOTES = [
  'phishing link to fake bank login',
  'slur in caption',
  'satire account, allowed',
  'repeat spammer',
  'posted home address',
  'borderline nudity, artistic',
];
export const GENERATED_START = Date.UTC(2025, 0, 1);

/**
 * Decisions with skewed, correlated values (a realistic log, not a uniform one): most approvals
 * carry no reason, removals a reason of the item's category; rare bank matches, high classifier
 * bands mostly on adult and violent items, notes on about one decision in six.
 */
export function generatedDecisions(count: number, seed: number, offset = 0): TeamDecisionInput[] {
  const next = xorshift32(seed);
  const unit = () => next() / 2 ** 32;
  const pick = <T>(list: readonly T[]): T => list[Math.floor(unit() * list.length)]!;
  return Array.from({ length: count }, (_, i) => {
    const n = offset + i;
    const [category, code] = CATEGORIES[Math.floor(unit() ** 1.6 * CATEGORIES.length)]!;
    const r = unit();
    const action = code === null || r < 0.5 ? 'approve' : r < 0.93 ? 'remove' : r < 0.97 ? 'escalate' : 'skip';
    const reasonCode = action === 'approve' || action === 'skip' ? null : code;
    const bankCategory = unit() < 0.004 ? pick(['child_safety', 'terrorism', 'previously_actioned']) : null;
    const strong = category === 'adult_sexual' || category === 'violence';
    const band = unit() < (strong ? 0.6 : 0.08) ? pick(['low', 'medium', 'high']) : 'none';
    return {
      id: `gen-${String(n).padStart(8, '0')}`,
      itemId: `item-${n}`,
      assignmentId: `asg-${Math.floor(n / 50)}`,
      moderatorId: GENERATED_TEAM.members[Math.floor(unit() * GENERATED_TEAM.members.length)]!.id,
      action,
      reasonCode,
      category: action === 'approve' && unit() < 0.3 ? 'none' : category,
      queue: bankCategory ? 'priority' : unit() < 0.65 ? 'user_report' : 'proactive',
      severity: severityOf(category, action, bankCategory),
      note: unit() < 0.16 ? pick(NOTES) : null,
      decidedAt: new Date(GENERATED_START + n * 2_400 + Math.floor(unit() * 1000)).toISOString(),
      receivedAt: new Date(GENERATED_START + n * 2_400 + 5000).toISOString(),
      supersedes: null,
      bankCategory,
      classifierBand: band,
      groomingLevel: category === 'harassment' && unit() < 0.2 ? pick(['low', 'medium', 'high']) : 'none',
      handlingMs: unit() < 0.02 ? null : Math.round(3000 + unit() ** 2 * 90_000),
      clearReveals: 0,
      clearMs: 0,
      chain: null,
      item: { kind: 'post', locale: 'en', text: `generated item ${n}` },
    };
  });
}

/** Fills a store with `count` generated decisions (and QA results on one in twelve), pageSize per stored page. */
export function fillTeamLog(store: Store, count: number, seed = 1, pageSize = 10_000): void {
  for (let offset = 0; offset < count; offset += pageSize) {
    const decisions = generatedDecisions(Math.min(pageSize, count - offset), seed + offset, offset);
    const qa = decisions
      .filter((_, i) => i % 12 === 5)
      .map((d, i) => ({
        id: `qa-${d.id}`,
        decisionId: d.id,
        reviewerId: 'sup',
        action: i % 5 === 0 ? 'approve' : d.action,
        reasonCode: i % 5 === 0 ? null : d.reasonCode,
        verdict: i % 5 === 0 && d.action !== 'approve' ? ('overturn' as const) : ('agree' as const),
        reason: i % 5 === 0 && d.action !== 'approve' ? 'allowed on a closer look' : null,
        reviewedAt: d.receivedAt,
      }));
    const page: AuditPageInput = {
      team: GENERATED_TEAM,
      fromMs: GENERATED_START,
      toMs: GENERATED_START + 10 * 365 * 86_400_000,
      decisions,
      qa,
      appeals: [],
      corrections: [],
      actions: [],
      escalations: [],
      cursor: offset + pageSize >= count ? null : `page-${offset}`,
      at: new Date(GENERATED_START).toISOString(),
    };
    store.storeAuditPage(page);
  }
}
