/**
 * Exposure limits: the wellness policy (GET and POST /wellness/policy, and the wellness_policy
 * subject of the sync log), the daily exposure aggregates a workstation uploads (POST
 * /wellness/aggregates) and what a team's wellness lead or supervisor reads back (GET
 * /wellness/team, POST /wellness/policy/preview). Aggregates are per moderator, day and harm
 * category: never per item, and a check-in mood only when its author chose to share it.
 */
import { z } from 'zod';
import { BANK_CATEGORIES } from './banks';
import { dateTimeSchema, idempotencyKeySchema, idSchema } from './wire';

/** Severity tiers (docs/research/wellness.md §4.3): S0 benign or text only, S3 the worst. */
export const SEVERITIES = ['S0', 'S1', 'S2', 'S3'] as const;
export const severitySchema = z.enum(SEVERITIES);
export type Severity = z.infer<typeof severitySchema>;

/** S2 and S3: what the high-severity item limits count. */
export const isHighSeverity = (severity: Severity): boolean => severity === 'S2' || severity === 'S3';

/** Blur tiers from the one that shows least to the one that shows most; 'clear' lies beyond light. */
export const BLUR_TIERS = ['heavy', 'pixelate', 'medium', 'light'] as const;
export const blurTierSchema = z.enum(BLUR_TIERS);
export type BlurTier = z.infer<typeof blurTierSchema>;

/** How much of an image a tier shows: 0 for heavy, up to 4 for clear. */
export function tierDetail(tier: BlurTier | 'clear'): number {
  return tier === 'clear' ? BLUR_TIERS.length : BLUR_TIERS.indexOf(tier);
}

export const grayscaleRuleSchema = z.enum(['locked', 'default_on', 'default_off']);
export type GrayscaleRule = z.infer<typeof grayscaleRuleSchema>;

export const categoryIdSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,39}$/, 'must be lowercase letters, digits and _ (at most 40), starting with a letter');

const harmCategorySchema = z.strictObject({
  id: categoryIdSchema,
  label: z.string().trim().min(1, 'must not be empty').max(80),
  severity: severitySchema,
});
export type HarmCategory = z.infer<typeof harmCategorySchema>;

/** How an item gets its harm categories from its signals; the highest severity among them wins. */
const signalMappingSchema = z.strictObject({
  /** A hash-bank match: the bank's category. */
  bankCategories: z.record(z.enum(BANK_CATEGORIES), categoryIdSchema),
  /** Classifier labels (models/*.manifest.json names them) scoring at or over threshold. */
  classifierLabels: z
    .array(
      z.strictObject({
        label: z.string().min(1).max(64),
        threshold: z.number().min(0, 'must be 0 or more').max(1, 'must be at most 1'),
        category: categoryIdSchema,
      }),
    )
    .max(50),
  /** Red-flag phrases: the lexicon's category ('hate', 'self_harm', ...). */
  redFlagCategories: z.record(z.string().min(1).max(40), categoryIdSchema),
  /** A red flag whose lexicon category is not listed above. */
  otherRedFlag: categoryIdSchema,
  /** A direct-message thread whose grooming assessment reaches this level. */
  grooming: z.strictObject({ minLevel: z.enum(['low', 'medium', 'high']), category: categoryIdSchema }),
  /** An analysed image no signal flagged: a reported image of unknown content. */
  unflaggedImage: categoryIdSchema,
  /** An item with neither media nor a text signal. */
  textOnly: categoryIdSchema,
});

/** What is served by default for one severity, and how far a moderator may go from it. */
export const viewingRuleSchema = z
  .strictObject({
    defaultTier: blurTierSchema,
    /** The lightest tier a blur step (1/2/3) may reach; anything clearer needs a logged reveal. */
    stepFloor: blurTierSchema,
    grayscale: grayscaleRuleSchema,
    /** Longest side of a preview in pixels. */
    previewSize: z.int('must be a whole number of pixels').min(64, 'must be at least 64 px').max(480, 'must be at most 480 px'),
    /** Radius of the hover lens as a fraction of the image's shorter side; 0 turns the lens off. */
    lensMaxRadius: z.number().min(0, 'must be 0 or more').max(0.25, 'must be at most 0.25'),
    /** A short label screen before the image is drawn. */
    warningScreen: z.boolean(),
    videoMuted: z.boolean(),
    videoPaused: z.boolean(),
  })
  .refine((rule) => tierDetail(rule.stepFloor) >= tierDetail(rule.defaultTier), {
    path: ['stepFloor'],
    message: 'must be the default tier or lighter: a step shows more than the default, never less',
  });
export type ViewingRule = z.infer<typeof viewingRuleSchema>;

const clearViewLimitSchema = z
  .strictObject({
    perHour: z.number().min(0, 'must be 0 or more').max(3600, 'must be at most 3600 seconds (an hour)'),
    perShift: z.number().min(0, 'must be 0 or more').max(43_200, 'must be at most 43200 seconds (12 hours)'),
  })
  .refine((limit) => limit.perShift >= limit.perHour, { path: ['perShift'], message: 'must be at least the hourly limit' });

/** One team's limits (or the default's). Clear-view seconds count full reveals and lens regions by area. */
export const wellnessLimitsSchema = z.strictObject({
  clearViewSeconds: z.record(categoryIdSchema, clearViewLimitSchema),
  maxHighSeverityItemsPerShift: z.int('must be a whole number').min(0, 'must be 0 or more').max(2000, 'must be at most 2000'),
  breakAfterMinutes: z
    .int('must be a whole number of minutes')
    .min(5, 'must be at least 5 minutes')
    .max(480, 'must be at most 480 minutes (8 hours)'),
  breakAfterHighSeverityItems: z.int('must be a whole number').min(1, 'must be at least 1').max(500, 'must be at most 500'),
  breakMinutes: z.int('must be a whole number of minutes').min(1, 'must be at least 1 minute').max(120, 'must be at most 120 minutes'),
  dailyReviewMinutes: z
    .int('must be a whole number of minutes')
    .min(30, 'must be at least 30 minutes')
    .max(720, 'must be at most 720 minutes (12 hours)'),
  /** A soft warning comes when this share of a limit is used. */
  warningFraction: z.number().min(0.5, 'must be at least 0.5').max(0.95, 'must be at most 0.95'),
});
export type WellnessLimits = z.infer<typeof wellnessLimitsSchema>;

const weight = z.number().min(0, 'must be 0 or more').max(100, 'must be at most 100');
const fraction = z.number().min(0, 'must be 0 or more').max(1, 'must be at most 1');

const policyContentShape = {
  /** Harm categories in display order. */
  categories: z.array(harmCategorySchema).min(1, 'must name at least one category').max(60),
  signals: signalMappingSchema,
  /** Exposure weight per severity (docs/research/wellness.md §4.3: 0, 1, 3, 6). */
  severityWeights: z.strictObject({ S0: weight, S1: weight, S2: weight, S3: weight }),
  /** How much a second of each view counts; a lens region counts its area fraction of 'clear'. */
  clarityWeights: z.strictObject({
    clear: z.literal(1, 'must be 1: every other weight is relative to a clear view'),
    light: fraction,
    medium: fraction,
    pixelate: fraction,
    heavy: fraction,
  }),
  /** Exposure of a view in colour, relative to the same view in grayscale. */
  colourFactor: z.number().min(1, 'must be at least 1').max(3, 'must be at most 3'),
  viewing: z.strictObject({ S0: viewingRuleSchema, S1: viewingRuleSchema, S2: viewingRuleSchema, S3: viewingRuleSchema }),
  limits: z.strictObject({ default: wellnessLimitsSchema, teams: z.record(idSchema, wellnessLimitsSchema) }),
};

type PolicyContent = z.infer<z.ZodObject<typeof policyContentShape>>;

/** Checks what the field schemas cannot: every category named exists, has limits, and weights grow with severity and clarity. */
function checkCrossReferences(policy: PolicyContent, ctx: z.RefinementCtx): void {
  const ids = new Set<string>();
  policy.categories.forEach((c, i) => {
    if (ids.has(c.id)) ctx.addIssue({ code: 'custom', path: ['categories', i, 'id'], message: `category ${c.id} is listed twice` });
    ids.add(c.id);
  });
  const known = (path: PropertyKey[], id: string) => {
    if (!ids.has(id)) ctx.addIssue({ code: 'custom', path, message: `names category ${id}, which is not in categories` });
  };
  const { signals } = policy;
  for (const [bank, id] of Object.entries(signals.bankCategories)) known(['signals', 'bankCategories', bank], id);
  signals.classifierLabels.forEach((l, i) => known(['signals', 'classifierLabels', i, 'category'], l.category));
  for (const [lexicon, id] of Object.entries(signals.redFlagCategories)) known(['signals', 'redFlagCategories', lexicon], id);
  known(['signals', 'otherRedFlag'], signals.otherRedFlag);
  known(['signals', 'grooming', 'category'], signals.grooming.category);
  known(['signals', 'unflaggedImage'], signals.unflaggedImage);
  known(['signals', 'textOnly'], signals.textOnly);
  const w = policy.severityWeights;
  if (!(w.S0 <= w.S1 && w.S1 <= w.S2 && w.S2 <= w.S3)) {
    ctx.addIssue({ code: 'custom', path: ['severityWeights'], message: 'must not fall with severity: S0 <= S1 <= S2 <= S3' });
  }
  const c = policy.clarityWeights;
  if (!(c.heavy <= c.pixelate && c.pixelate <= c.medium && c.medium <= c.light)) {
    ctx.addIssue({
      code: 'custom',
      path: ['clarityWeights'],
      message: 'must not fall as a view gets clearer: heavy <= pixelate <= medium <= light <= clear',
    });
  }
  const limitSets: Array<[PropertyKey[], WellnessLimits]> = [
    [['limits', 'default'], policy.limits.default],
    ...Object.entries(policy.limits.teams).map(([team, limits]): [PropertyKey[], WellnessLimits] => [['limits', 'teams', team], limits]),
  ];
  for (const [path, limits] of limitSets) {
    for (const id of ids) {
      if (!(id in limits.clearViewSeconds)) {
        ctx.addIssue({ code: 'custom', path: [...path, 'clearViewSeconds', id], message: 'is missing: every category needs its clear-view limits' });
      }
    }
    for (const id of Object.keys(limits.clearViewSeconds)) if (!ids.has(id)) known([...path, 'clearViewSeconds', id], id);
  }
}

/** A policy as a wellness lead writes it: everything but its version, which the upstream assigns. */
export const wellnessPolicyContentSchema = z.strictObject(policyContentShape).superRefine(checkCrossReferences);
export type WellnessPolicyContent = z.infer<typeof wellnessPolicyContentSchema>;

export const wellnessPolicySchema = z.strictObject({ version: z.int().positive(), ...policyContentShape }).superRefine(checkCrossReferences);
export type WellnessPolicy = z.infer<typeof wellnessPolicySchema>;

/** POST /wellness/policy: the next version, written only over the version the lead last read. */
export const wellnessPolicySaveBodySchema = z.strictObject({
  baseVersion: z.int('must be a whole number').nonnegative(),
  policy: wellnessPolicyContentSchema,
});
export type WellnessPolicySaveBody = z.infer<typeof wellnessPolicySaveBodySchema>;

/** The limits that stop review when reached; what capsHit lists. */
export const CAP_KINDS = ['clear_per_hour', 'clear_per_shift', 'high_severity_items', 'daily_review_minutes'] as const;
export const capKindSchema = z.enum(CAP_KINDS);
export type CapKind = z.infer<typeof capKindSchema>;

export const isoDaySchema = z.iso.date();

const seconds = z.number().min(0).max(86_400);
const minutes = z.number().min(0).max(1440);
const count = z.int().min(0).max(100_000);

/** One harm category's exposure on one day for one moderator. */
export const categoryDaySchema = z.strictObject({
  category: categoryIdSchema,
  /** Seconds any preview of this category was on screen, at any tier. */
  viewedSeconds: seconds,
  /** Full reveals, plus lens regions by their area fraction. */
  clearSeconds: seconds,
  /** Seconds weighted by severity, clarity and colour: the exposure model's unit. */
  weightedSeconds: z.number().min(0).max(10_000_000),
  items: count,
  /** The most clear-view seconds in any hour and any shift that day: what the policy preview tests hourly and shift limits with. */
  peakHourClearSeconds: seconds,
  peakShiftClearSeconds: seconds,
});
export type CategoryDay = z.infer<typeof categoryDaySchema>;

/** A moderator's own day, as their workstation uploads it; a newer computedAt replaces an older one. */
export const wellnessDaySchema = z.strictObject({
  idempotencyKey: idempotencyKeySchema,
  day: isoDaySchema,
  computedAt: dateTimeSchema,
  policyVersion: z.int().nonnegative(),
  reviewMinutes: minutes,
  /** The longest stretch of review without a break. */
  longestStretchMinutes: minutes,
  shifts: count,
  breaksTaken: count,
  highSeverityItems: count,
  peakShiftHighSeverityItems: count,
  capsHit: z.array(capKindSchema).max(CAP_KINDS.length),
  /** The day's check-in (1-5) only if its author chose to share it; otherwise null. */
  sharedMood: z.int().min(1).max(5).nullable(),
  categories: z
    .array(categoryDaySchema)
    .max(60)
    .refine((list) => new Set(list.map((c) => c.category)).size === list.length, 'must name each category once'),
});
export type WellnessDay = z.infer<typeof wellnessDaySchema>;

export const wellnessAggregatesBodySchema = z.strictObject({ entries: z.array(wellnessDaySchema).min(1).max(100) });

/** GET /wellness/team?from&to: a team's days, summed over its members. */
export const teamQuerySchema = z
  .strictObject({ from: isoDaySchema, to: isoDaySchema })
  .refine((q) => q.from <= q.to, { path: ['to'], message: 'must not be before from' });
export type TeamQuery = z.infer<typeof teamQuerySchema>;

export const teamDaySchema = z.object({
  day: isoDaySchema,
  /** How many people the day's figures sum. */
  moderators: z.int(),
  reviewMinutes: z.number(),
  breaksTaken: z.int(),
  capsHit: z.int(),
  highSeverityItems: z.int(),
  categories: z.array(
    z.object({ category: z.string(), viewedSeconds: z.number(), clearSeconds: z.number(), weightedSeconds: z.number(), items: z.int() }),
  ),
  /** The average of shared check-ins, only when at least three people shared that day. */
  checkIn: z.object({ average: z.number(), count: z.int() }).nullable(),
});
export type TeamDay = z.infer<typeof teamDaySchema>;

export const teamExposureSchema = z.object({
  teamId: z.string(),
  teamName: z.string(),
  from: isoDaySchema,
  to: isoDaySchema,
  /** The harm categories of the policy in force, for labels and order. */
  categories: z.array(z.object({ id: z.string(), label: z.string(), severity: severitySchema })),
  /** People with any aggregate in the period. */
  moderators: z.int(),
  days: z.array(teamDaySchema),
  capsHit: z.array(z.object({ cap: capKindSchema, count: z.int() })),
});
export type TeamExposure = z.infer<typeof teamExposureSchema>;

/** POST /wellness/policy/preview: a draft set against the team's last week. */
export const policyPreviewBodySchema = z.strictObject({ policy: wellnessPolicyContentSchema });

const outcomeSchema = z.object({ breaks: z.int(), shiftsCapped: z.int() });

export const policyPreviewSchema = z.object({
  from: isoDaySchema,
  to: isoDaySchema,
  /** Moderator-days with review in the period: the shifts the preview replays. */
  shifts: z.int(),
  currentVersion: z.int(),
  current: outcomeSchema,
  draft: outcomeSchema,
  /** Shifts over each limit under the current policy and under the draft. */
  budgets: z.array(z.object({ cap: capKindSchema, category: z.string().nullable(), current: z.int(), draft: z.int() })),
});
export type PolicyPreview = z.infer<typeof policyPreviewSchema>;

const DEFAULT_CATEGORIES: HarmCategory[] = [
  { id: 'child_safety', label: 'Child sexual exploitation', severity: 'S3' },
  { id: 'terrorism', label: 'Terrorism and violent extremism', severity: 'S3' },
  { id: 'previously_actioned', label: 'Previously actioned content', severity: 'S2' },
  { id: 'violent_threat', label: 'Violent threats', severity: 'S2' },
  { id: 'self_harm', label: 'Suicide and self-harm', severity: 'S2' },
  { id: 'grooming', label: 'Grooming', severity: 'S2' },
  { id: 'adult_nudity', label: 'Adult nudity', severity: 'S1' },
  { id: 'sexually_suggestive', label: 'Sexually suggestive', severity: 'S1' },
  { id: 'sexual_solicitation', label: 'Sexual solicitation', severity: 'S1' },
  { id: 'hate', label: 'Hate', severity: 'S1' },
  { id: 'harassment', label: 'Harassment', severity: 'S1' },
  { id: 'unflagged_image', label: 'Image no signal flagged', severity: 'S1' },
  { id: 'scam', label: 'Scams and fraud', severity: 'S0' },
  { id: 'text_only', label: 'Text with no signal', severity: 'S0' },
];

/** Clear-view seconds per hour and per shift by severity: §4.5's 300/1200 for S1, tighter above. */
const DEFAULT_CLEAR_VIEW: Record<Severity, { perHour: number; perShift: number }> = {
  S0: { perHour: 3600, perShift: 43_200 },
  S1: { perHour: 300, perShift: 1200 },
  S2: { perHour: 120, perShift: 480 },
  S3: { perHour: 30, perShift: 60 },
};

const viewing = (rule: Omit<ViewingRule, 'videoMuted' | 'videoPaused'>): ViewingRule => ({ ...rule, videoMuted: true, videoPaused: true });

/**
 * The policy every upstream starts with (its version 1) and a workstation enforces until it has
 * verified one: the defaults of docs/research/wellness.md §4 — heavy blur and grayscale for
 * anything flagged, a 10-minute break after 50 minutes, four hours of review a day. A reported
 * image no signal flagged counts as S1: the classifier sees nudity, not gore, so no signal is not
 * the same as benign.
 */
export const DEFAULT_WELLNESS_POLICY: WellnessPolicyContent = {
  categories: DEFAULT_CATEGORIES,
  signals: {
    bankCategories: { child_safety: 'child_safety', terrorism: 'terrorism', previously_actioned: 'previously_actioned' },
    classifierLabels: [
      { label: 'Porn', threshold: 0.6, category: 'adult_nudity' },
      { label: 'Hentai', threshold: 0.6, category: 'adult_nudity' },
      { label: 'Sexy', threshold: 0.7, category: 'sexually_suggestive' },
    ],
    redFlagCategories: {
      hate: 'hate',
      harassment: 'harassment',
      self_harm: 'self_harm',
      violent_threat: 'violent_threat',
      grooming: 'grooming',
      sexual_solicitation: 'sexual_solicitation',
      scam: 'scam',
      // Threats to share a child's images: weighed as grooming (S2), not as the catch-all.
      sextortion: 'grooming',
    },
    otherRedFlag: 'harassment',
    grooming: { minLevel: 'medium', category: 'grooming' },
    unflaggedImage: 'unflagged_image',
    textOnly: 'text_only',
  },
  severityWeights: { S0: 0, S1: 1, S2: 3, S3: 6 },
  clarityWeights: { clear: 1, light: 0.3, medium: 0.1, pixelate: 0.08, heavy: 0.03 },
  colourFactor: 1.25,
  viewing: {
    S0: viewing({ defaultTier: 'medium', stepFloor: 'light', grayscale: 'default_on', previewSize: 240, lensMaxRadius: 0.12, warningScreen: false }),
    S1: viewing({ defaultTier: 'heavy', stepFloor: 'light', grayscale: 'default_on', previewSize: 240, lensMaxRadius: 0.12, warningScreen: false }),
    S2: viewing({ defaultTier: 'heavy', stepFloor: 'medium', grayscale: 'locked', previewSize: 240, lensMaxRadius: 0.08, warningScreen: true }),
    S3: viewing({ defaultTier: 'heavy', stepFloor: 'heavy', grayscale: 'locked', previewSize: 200, lensMaxRadius: 0, warningScreen: true }),
  },
  limits: {
    default: {
      clearViewSeconds: Object.fromEntries(DEFAULT_CATEGORIES.map((c) => [c.id, DEFAULT_CLEAR_VIEW[c.severity]])),
      maxHighSeverityItemsPerShift: 60,
      breakAfterMinutes: 50,
      breakAfterHighSeverityItems: 20,
      breakMinutes: 10,
      dailyReviewMinutes: 240,
      warningFraction: 0.8,
    },
    teams: {},
  },
};
