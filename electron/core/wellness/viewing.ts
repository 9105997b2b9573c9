import {
  DEFAULT_WELLNESS_POLICY,
  SEVERITIES,
  tierDetail,
  type BlurTier,
  type Severity,
  type WellnessLimits,
  type WellnessPolicy,
} from '@workstation/protocol';
import { ApiError, type SeverityPreference, type ViewingPreferences } from '../../api';
import type { Store } from '../store';

/** The built-in default, enforced until a policy has been synced and verified: version 0. */
export const BUILT_IN_POLICY: WellnessPolicy = { version: 0, ...DEFAULT_WELLNESS_POLICY };

export function policyInForce(store: Store): WellnessPolicy {
  return store.wellnessPolicy()?.policy ?? BUILT_IN_POLICY;
}

export function limitsFor(policy: WellnessPolicy, teamId: string | null): WellnessLimits {
  return (teamId !== null ? policy.limits.teams[teamId] : undefined) ?? policy.limits.default;
}

export const heavier = (a: BlurTier, b: BlurTier): BlurTier => (tierDetail(a) <= tierDetail(b) ? a : b);

/** The policy's viewing rules as preferences: the floor a moderator's own settings may not go below. */
export function floorOf(policy: WellnessPolicy): ViewingPreferences {
  const floor = (severity: Severity): SeverityPreference => {
    const rule = policy.viewing[severity];
    return { tier: rule.defaultTier, grayscale: rule.grayscale !== 'default_off', previewSize: rule.previewSize, warningScreen: rule.warningScreen };
  };
  return { S0: floor('S0'), S1: floor('S1'), S2: floor('S2'), S3: floor('S3') };
}

/** The safer of two settings, field by field. */
function safer(a: SeverityPreference, b: SeverityPreference): SeverityPreference {
  return {
    tier: heavier(a.tier, b.tier),
    grayscale: a.grayscale || b.grayscale,
    previewSize: Math.min(a.previewSize, b.previewSize),
    warningScreen: a.warningScreen || b.warningScreen,
  };
}

/** What is applied: the stored preferences, made at least as safe as the floor (a later policy may have raised it). */
export function effectivePreferences(policy: WellnessPolicy, stored: ViewingPreferences | null): ViewingPreferences {
  const floor = floorOf(policy);
  if (stored === null) return floor;
  return { S0: safer(stored.S0, floor.S0), S1: safer(stored.S1, floor.S1), S2: safer(stored.S2, floor.S2), S3: safer(stored.S3, floor.S3) };
}

/** Refuses (403, naming the floor) any setting weaker than the policy's; nothing is stored then. */
export function checkPreferences(policy: WellnessPolicy, wanted: ViewingPreferences): void {
  const floor = floorOf(policy);
  for (const severity of SEVERITIES) {
    const w = wanted[severity];
    const f = floor[severity];
    const refuse = (detail: string, field: string): never => {
      throw new ApiError(
        'forbidden',
        `${severity}: ${detail}. That is weaker than the wellness policy's floor; choose the floor or something safer.`,
        `preferences.${severity}.${field}`,
      );
    };
    if (tierDetail(w.tier) > tierDetail(f.tier)) refuse(`blur '${w.tier}' shows more than the floor, '${f.tier}'`, 'tier');
    if (f.grayscale && !w.grayscale) refuse('colour by default, where the floor is grayscale', 'grayscale');
    if (w.previewSize > f.previewSize) refuse(`${w.previewSize} px previews, where the floor is at most ${f.previewSize} px`, 'previewSize');
    if (f.warningScreen && !w.warningScreen) refuse('no warning screen, where the floor shows one', 'warningScreen');
  }
}
