/**
 * Exposure limits as the workstation shows them: a moderator's own status (today's exposure
 * against the caps, breaks, warnings), viewing preferences that may only be safer than the policy,
 * the check-in, and what each image of an item is served at. The policy and the team aggregates
 * themselves are the protocol's (protocol/wellness.ts).
 */
import { blurTierSchema, CAP_KINDS, severitySchema } from '@workstation/protocol';
import { z } from 'zod';

/** ok; warning: a limit is at its warning fraction; capped: a limit is reached; break_due; day_over: the daily review cap is reached. */
export const wellnessStateSchema = z.enum(['ok', 'warning', 'capped', 'break_due', 'day_over']);
export type WellnessState = z.infer<typeof wellnessStateSchema>;

export const BUDGET_KINDS = [...CAP_KINDS, 'break_minutes', 'break_items'] as const;
export const budgetKindSchema = z.enum(BUDGET_KINDS);
export type BudgetKind = z.infer<typeof budgetKindSchema>;

/** One limit and how much of it is used. Clear-view budgets are per harm category. */
export const budgetSchema = z.object({
  kind: budgetKindSchema,
  category: z.string().nullable(),
  categoryLabel: z.string().nullable(),
  /** Seconds for clear-view budgets, minutes for review time, a count for items. */
  used: z.number(),
  limit: z.number(),
  state: z.enum(['ok', 'warning', 'reached']),
  /** When the budget starts again from zero (the hour rolls on, a new shift, a new day); null for breaks. */
  resetsAt: z.string().nullable(),
});
export type Budget = z.infer<typeof budgetSchema>;

export const breakSchema = z.object({
  reason: z.enum(['minutes', 'high_severity_items']),
  dueAt: z.string(),
  requiredSeconds: z.number(),
  /** Seconds of the break spent away (idle); only those count. */
  countedSeconds: z.number(),
});
export type Break = z.infer<typeof breakSchema>;

export const categoryExposureSchema = z.object({
  category: z.string(),
  label: z.string(),
  severity: severitySchema,
  viewedSeconds: z.number(),
  clearSeconds: z.number(),
  weightedSeconds: z.number(),
  items: z.int(),
});
export type CategoryExposure = z.infer<typeof categoryExposureSchema>;

export const wellnessStatusSchema = z.object({
  /** The wellness policy enforced; 0 is the built-in default, before the first verified sync. */
  policyVersion: z.int(),
  state: wellnessStateSchema,
  at: z.string(),
  /** What the state means, in words a moderator can act on; null when all is well. */
  message: z.string().nullable(),
  budgets: z.array(budgetSchema),
  break: breakSchema.nullable(),
  /** Weighted exposure seconds in the last hour, this shift, today and the last seven days. */
  exposure: z.object({ hour: z.number(), shift: z.number(), day: z.number(), week: z.number() }),
  /** Today's exposure by harm category, most weighted first. */
  categories: z.array(categoryExposureSchema),
  shift: z.object({ startedAt: z.string().nullable(), reviewMinutes: z.number(), highSeverityItems: z.int() }),
  today: z.object({
    day: z.string(),
    reviewMinutes: z.number(),
    breaksTaken: z.int(),
    decisions: z.int(),
    /** Decisions on items of which nothing was served clear, not even a lens region. */
    decisionsWithoutClearView: z.int(),
  }),
  checkIn: z.object({ mood: z.int(), shared: z.boolean(), at: z.string() }).nullable(),
});
export type WellnessStatus = z.infer<typeof wellnessStatusSchema>;

/** A moderator's own viewing setting for one severity; only as safe as the policy's floor or safer. */
export const severityPreferenceSchema = z.strictObject({
  tier: blurTierSchema,
  grayscale: z.boolean(),
  previewSize: z.int().min(64).max(480),
  warningScreen: z.boolean(),
});
export type SeverityPreference = z.infer<typeof severityPreferenceSchema>;

export const viewingPreferencesSchema = z.strictObject({
  S0: severityPreferenceSchema,
  S1: severityPreferenceSchema,
  S2: severityPreferenceSchema,
  S3: severityPreferenceSchema,
});
export type ViewingPreferences = z.infer<typeof viewingPreferencesSchema>;

export const preferencesReplySchema = z.object({
  /** What is applied: the moderator's own settings, made at least as safe as the floor. */
  preferences: viewingPreferencesSchema,
  /** The policy's floor per severity, in the same terms: nothing weaker is accepted. */
  floor: viewingPreferencesSchema,
  /** Which harm categories fall under each severity, for the labels. */
  categories: z.array(z.object({ id: z.string(), label: z.string(), severity: severitySchema })),
  policyVersion: z.int(),
});
export type PreferencesReply = z.infer<typeof preferencesReplySchema>;

export const checkInInputSchema = z.strictObject({
  mood: z.int('must be a whole number from 1 to 5').min(1, 'must be 1 to 5').max(5, 'must be 1 to 5'),
  /** False keeps it on this workstation; true adds it, without a name, to the team's average. */
  share: z.boolean(),
});

/** How one image of an item is served and how far a moderator may go from that. */
export const mediaViewingSchema = z.object({
  sha256: z.string(),
  category: z.string(),
  categoryLabel: z.string(),
  severity: severitySchema,
  defaultTier: blurTierSchema,
  stepFloor: blurTierSchema,
  grayscale: z.boolean(),
  grayscaleLocked: z.boolean(),
  previewSize: z.int(),
  /** 0: no hover lens for this image. */
  lensMaxRadius: z.number(),
  /** The short label to show before the image, when the policy or the moderator wants one. */
  warning: z.string().nullable(),
  /** Why reveals and lighter tiers are refused for this image now (a clear-view cap), or null. */
  capped: z.string().nullable(),
});
export type MediaViewing = z.infer<typeof mediaViewingSchema>;

export const itemWellnessSchema = z.object({
  category: z.string(),
  categoryLabel: z.string(),
  severity: severitySchema,
  media: z.array(mediaViewingSchema),
});
export type ItemWellness = z.infer<typeof itemWellnessSchema>;

export const periodInputSchema = z
  .strictObject({ from: z.iso.date('must be a day as YYYY-MM-DD'), to: z.iso.date('must be a day as YYYY-MM-DD') })
  .refine((p) => p.from <= p.to, { path: ['to'], message: 'must not be before from' });

export const teamCsvSchema = z.object({ filename: z.string(), csv: z.string() });
