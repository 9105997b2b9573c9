import type { BlurTier, Severity, WellnessPolicyContent } from '@workstation/protocol';

/** What was on screen: a blurred tier, that tier with a circle clear (a lens), or the image clear. */
export type View =
  | { kind: 'tier'; tier: BlurTier; grayscale: boolean }
  | { kind: 'lens'; tier: BlurTier; grayscale: boolean; areaFraction: number }
  | { kind: 'clear'; grayscale: boolean };

/** The share of the image shown clear: what clear-view budgets count. */
export function clearFraction(view: View): number {
  return view.kind === 'clear' ? 1 : view.kind === 'lens' ? view.areaFraction : 0;
}

/**
 * What one second of a view counts in the exposure model: the severity's weight, times how clear
 * it was (a lens counts its circle as clear and the rest at its tier), times the colour factor
 * when it was not grayscale. docs/research/wellness.md §4.5 calls the sum weighted unfiltered
 * exposure; here every tier counts, the heavy ones very little.
 */
export function viewWeight(policy: WellnessPolicyContent, severity: Severity, view: View): number {
  const clarity = policy.clarityWeights;
  const clearness =
    view.kind === 'clear'
      ? clarity.clear
      : view.kind === 'lens'
        ? view.areaFraction * clarity.clear + (1 - view.areaFraction) * clarity[view.tier]
        : clarity[view.tier];
  return policy.severityWeights[severity] * clearness * (view.grayscale ? 1 : policy.colourFactor);
}
