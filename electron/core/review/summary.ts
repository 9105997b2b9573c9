import type { ClassifierBand, DecisionSignals } from '@workstation/protocol';
import type { ItemSignals } from '../../api';
import { CHILD_SAFETY } from '../signals';

/** Bands of the top flagged classifier score: what supervisors filter the team log by. */
function classifierBandOf(probability: number | null): ClassifierBand {
  if (probability === null) return 'none';
  return probability >= 0.9 ? 'high' : probability >= 0.75 ? 'medium' : 'low';
}

/**
 * What a decision's upload says of the item's signals: the bank category it matched (a
 * child-safety match first), the band of the top flagged classifier score, the grooming level.
 */
export function decisionSignalsOf(signals: ItemSignals): DecisionSignals {
  const matches = signals.media.flatMap((m) => m.bankMatches);
  const bank = matches.find((m) => m.category === CHILD_SAFETY) ?? matches[0] ?? null;
  const flagged = signals.media.flatMap((m) =>
    m.classifier && 'scores' in m.classifier ? m.classifier.scores.filter((s) => s.flagged).map((s) => s.probability) : [],
  );
  return {
    bankCategory: bank?.category ?? null,
    classifierBand: classifierBandOf(flagged.length > 0 ? Math.max(...flagged) : null),
    groomingLevel: signals.grooming?.level ?? 'none',
  };
}
