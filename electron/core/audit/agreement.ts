import type { Agreement, AgreementCell } from '../../api';
import type { Store } from '../store';

const NONE = '(none)';

/**
 * Cohen's kappa of two raters over the same items: (po - pe) / (1 - pe), with po the observed
 * agreement and pe the agreement expected from each rater's marginals. Null without pairs or when
 * both raters used one and the same label throughout (pe = 1: kappa is undefined).
 */
export function cohensKappa(pairs: ReadonlyArray<readonly [string, string]>): number | null {
  const n = pairs.length;
  if (n === 0) return null;
  const first = new Map<string, number>();
  const second = new Map<string, number>();
  let agreed = 0;
  for (const [a, b] of pairs) {
    if (a === b) agreed += 1;
    first.set(a, (first.get(a) ?? 0) + 1);
    second.set(b, (second.get(b) ?? 0) + 1);
  }
  const po = agreed / n;
  let pe = 0;
  for (const [label, count] of first) pe += (count / n) * ((second.get(label) ?? 0) / n);
  return pe === 1 ? null : (po - pe) / (1 - pe);
}

/** The q-quantile by linear interpolation between closest ranks; null for no values. */
export function quantile(sorted: readonly number[], q: number): number | null {
  if (sorted.length === 0) return null;
  const at = (sorted.length - 1) * q;
  const low = Math.floor(at);
  const high = Math.ceil(at);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (at - low);
}

export interface AgreementPair {
  moderatorId: string;
  category: string;
  action: string;
  reasonCode: string | null;
  qaAction: string;
  qaReasonCode: string | null;
}

interface Group {
  pairs: AgreementPair[];
  handling: number[];
  decisions: number;
}

const emptyGroup = (): Group => ({ pairs: [], handling: [], decisions: 0 });

function cell(g: Group): AgreementCell {
  const sorted = [...g.handling].sort((a, b) => a - b);
  const agreed = g.pairs.filter((p) => p.action === p.qaAction && p.reasonCode === p.qaReasonCode).length;
  return {
    reviewed: g.pairs.length,
    accuracy: g.pairs.length === 0 ? null : agreed / g.pairs.length,
    kappaAction: cohensKappa(g.pairs.map((p) => [p.action, p.qaAction] as const)),
    kappaReason: cohensKappa(g.pairs.map((p) => [p.reasonCode ?? NONE, p.qaReasonCode ?? NONE] as const)),
    decisions: g.decisions,
    medianHandlingMs: quantile(sorted, 0.5),
    p90HandlingMs: quantile(sorted, 0.9),
  };
}

/** Agreement of the stored decisions with QA, per moderator and per category, for decisions made in [fromMs, toMs). */
export function agreement(store: Store, fromMs: number, toMs: number): Agreement {
  const all = emptyGroup();
  const byModerator = new Map<string, Group>();
  const byCategory = new Map<string, Group>();
  const groupsOf = (moderatorId: string, category: string): Group[] => {
    if (!byModerator.has(moderatorId)) byModerator.set(moderatorId, emptyGroup());
    if (!byCategory.has(category)) byCategory.set(category, emptyGroup());
    return [all, byModerator.get(moderatorId)!, byCategory.get(category)!];
  };
  const pairs = store.teamAgreementRows(fromMs, toMs);
  for (const p of pairs) for (const g of groupsOf(p.moderatorId, p.category)) g.pairs.push(p);
  for (const h of store.teamHandlingRows(fromMs, toMs)) for (const g of groupsOf(h.moderatorId, h.category)) g.handling.push(h.handlingMs);
  for (const c of store.teamDecisionCounts(fromMs, toMs)) for (const g of groupsOf(c.moderatorId, c.category)) g.decisions += c.n;

  const names = new Map((store.auditTeam()?.members ?? []).map((m) => [m.id, m.displayName]));
  const labels = [...new Set(pairs.flatMap((p) => [p.reasonCode ?? NONE, p.qaReasonCode ?? NONE]))].sort();
  const index = new Map(labels.map((l, i) => [l, i]));
  const counts = labels.map(() => labels.map(() => 0));
  for (const p of pairs) counts[index.get(p.reasonCode ?? NONE)!]![index.get(p.qaReasonCode ?? NONE)!]! += 1;

  return {
    overall: cell(all),
    byModerator: [...byModerator]
      .map(([moderatorId, g]) => ({ moderatorId, moderatorName: names.get(moderatorId) ?? moderatorId, ...cell(g) }))
      .sort((a, b) => a.moderatorName.localeCompare(b.moderatorName)),
    byCategory: [...byCategory].map(([category, g]) => ({ category, ...cell(g) })).sort((a, b) => a.category.localeCompare(b.category)),
    confusion: { labels, counts },
  };
}
