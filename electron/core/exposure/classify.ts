import { SEVERITIES, type BankCategory, type Severity, type WellnessPolicyContent } from '@workstation/protocol';
import type { ItemSignals, MediaSignals } from '../../api';

/** A harm category with its severity, as the policy defines it. */
export interface Classified {
  category: string;
  label: string;
  severity: Severity;
}

const GROOMING_LEVELS = ['none', 'low', 'medium', 'high'] as const;

export const severityRank = (severity: Severity): number => SEVERITIES.indexOf(severity);

/** The most severe of the named categories; ties go to the one listed first in the policy. */
function mostSevere(policy: WellnessPolicyContent, ids: readonly string[], fallback: string): Classified {
  const candidates = policy.categories.filter((c) => ids.includes(c.id));
  const chosen =
    candidates.reduce<(typeof candidates)[number] | undefined>(
      (best, c) => (best === undefined || severityRank(c.severity) > severityRank(best.severity) ? c : best),
      undefined,
    ) ?? policy.categories.find((c) => c.id === fallback);
  // The policy's schema makes every category it names exist; a fallback missing here is a bug.
  if (!chosen) throw new Error(`The wellness policy has no category ${fallback}`);
  return { category: chosen.id, label: chosen.label, severity: chosen.severity };
}

/** The categories one image's own signals put it in: its bank matches and the classifier labels over their thresholds. */
function imageCategoryIds(policy: WellnessPolicyContent, media: MediaSignals): string[] {
  const fromBanks = media.bankMatches
    .map((m) => policy.signals.bankCategories[m.category as BankCategory])
    .filter((id): id is string => id !== undefined);
  const scores = media.classifier && 'scores' in media.classifier ? media.classifier.scores : [];
  const fromClassifier = policy.signals.classifierLabels
    .filter((mapping) => scores.some((s) => s.label === mapping.label && s.probability >= mapping.threshold))
    .map((mapping) => mapping.category);
  return [...fromBanks, ...fromClassifier];
}

/** One image: what its own signals say it shows; an image nothing flagged is the policy's unflagged image. */
export function classifyImage(policy: WellnessPolicyContent, media: MediaSignals): Classified {
  return mostSevere(policy, imageCategoryIds(policy, media), policy.signals.unflaggedImage);
}

/**
 * A whole item: the most severe of its images' categories, its red flags' and its thread's
 * grooming assessment. An item with neither media nor a text signal is the policy's text only.
 */
export function classifyItem(policy: WellnessPolicyContent, signals: ItemSignals): Classified {
  const { signals: mapping } = policy;
  const images = signals.media.map((m) => classifyImage(policy, m).category);
  const redFlags = signals.redFlags.map((f) => mapping.redFlagCategories[f.category] ?? mapping.otherRedFlag);
  const grooming =
    signals.grooming !== null && GROOMING_LEVELS.indexOf(signals.grooming.level) >= GROOMING_LEVELS.indexOf(mapping.grooming.minLevel)
      ? [mapping.grooming.category]
      : [];
  return mostSevere(policy, [...images, ...redFlags, ...grooming], mapping.textOnly);
}
