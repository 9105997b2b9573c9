/**
 * Domain shapes shared by core, both transports and the renderer. Named after the work
 * (ReviewItem, Decision, Assignment), not after the framework. What the upstream sends is the
 * protocol's; these are the workstation's own views of it.
 */
import { BLUR_TIERS, decisionActionSchema, HASH_KINDS, localeSchema, reviewItemSchema, sha256Schema } from '@workstation/protocol';
import { z } from 'zod';
import { itemWellnessSchema } from './wellness';

/**
 * Why an item is skipped. needs_specialist is also how an item that only a specialist may decide
 * (a child-safety hash match the moderator will not escalate) is handed back.
 */
export const skipReasonSchema = z.enum(['not_my_language', 'needs_specialist', 'technical_problem']);
export type SkipReason = z.infer<typeof skipReasonSchema>;

/** Where a decision is on its way to the upstream. */
export const uploadStateSchema = z.enum(['undoable', 'queued', 'uploaded', 'conflict', 'undone']);
export type UploadState = z.infer<typeof uploadStateSchema>;

export const decisionSchema = z.object({
  id: z.string(),
  itemId: z.string(),
  action: decisionActionSchema,
  reasonCode: z.string().nullable(),
  note: z.string().nullable(),
  decidedAt: z.string(),
  undoUntil: z.string(),
  upload: uploadStateSchema,
});
export type Decision = z.infer<typeof decisionSchema>;

export const itemStatusSchema = z.enum(['pending', 'decided', 'skipped']);
export type ItemStatus = z.infer<typeof itemStatusSchema>;

export const bankMatchSchema = z.object({
  bank: z.string(),
  category: z.string(),
  entryId: z.string(),
  kind: z.enum(HASH_KINDS),
  /** Hamming distance for PDQ (0..31), of the closest frame pair for vPDQ; 0 for exact SHA-256 / MD5 matches. */
  distance: z.number().int(),
  /** A video's vPDQ match: the share of its usable frames found in the entry (query) and of the entry's found in it (target). */
  vpdq: z.object({ queryMatchPct: z.number(), targetMatchPct: z.number() }).optional(),
});
export type BankMatch = z.infer<typeof bankMatchSchema>;

const labelScoreSchema = z.object({ label: z.string(), probability: z.number(), threshold: z.number(), category: z.string(), flagged: z.boolean() });

/** One model of the classifier cascade that ran on the image: its own scores, or why it gave none. */
const modelRunSchema = z.union([
  z.object({ modelId: z.string(), name: z.string(), scores: z.array(labelScoreSchema) }),
  z.object({ modelId: z.string(), name: z.string(), unavailable: z.string() }),
]);

export const classifierSignalSchema = z.union([
  z.object({
    /** In cascade order: the model run on every image first, then any that ran because it was unsure. */
    models: z.array(modelRunSchema),
    /** Per label, the score policy reads: from the last model that gave one, named by modelId. */
    scores: z.array(labelScoreSchema.extend({ modelId: z.string() })),
  }),
  z.object({ unavailable: z.string() }),
]);

/** On-device signals about one image. 'pending' until the worker pool has analysed it. */
export const mediaSignalsSchema = z.object({
  sha256: sha256Schema,
  status: z.enum(['pending', 'analysed', 'unanalysable']),
  /** Why an 'unanalysable' image could not be read, in words for the moderator. */
  reason: z.object({ code: z.string(), message: z.string() }).optional(),
  /** lowQuality: too featureless (quality < 50) to match against PDQ banks. */
  pdq: z.object({ hash: z.string(), quality: z.number().int(), lowQuality: z.boolean() }).optional(),
  classifier: classifierSignalSchema.optional(),
  /**
   * A video's facts, how many of its sampled frames (one a second) were hashed and were sharp
   * enough to match on, and the classifier over time; `classifier` holds each label's maximum.
   */
  video: z
    .object({
      durationSeconds: z.number(),
      width: z.number().int(),
      height: z.number().int(),
      fps: z.number(),
      hasAudio: z.boolean(),
      vpdq: z.object({ frames: z.number().int(), usableFrames: z.number().int() }),
      timeline: z.array(z.object({ timestampSeconds: z.number(), probabilities: z.array(z.number()) })),
      peaks: z.array(z.object({ label: z.string(), probability: z.number(), timestampSeconds: z.number() })),
    })
    .optional(),
  bankMatches: z.array(bankMatchSchema),
});
export type MediaSignals = z.infer<typeof mediaSignalsSchema>;

/** A red-flag phrase found in one text field: 'caption', 'comment:<id>' or 'thread:<message id>'. */
export const redFlagSpanSchema = z.object({
  fieldId: z.string(),
  /** UTF-16 offsets into that field's text. */
  start: z.number().int(),
  end: z.number().int(),
  entryId: z.string(),
  category: z.string(),
  severity: z.number().int().min(1).max(3),
});
export type RedFlagSpan = z.infer<typeof redFlagSpanSchema>;

export const groomingSignalSchema = z.object({
  score: z.number(),
  level: z.enum(['none', 'low', 'medium', 'high']),
  patterns: z.array(
    z.object({
      pattern: z.string(),
      weight: z.number(),
      messageIds: z.array(z.string()),
      /** Positions in the thread (0 = first message) of the messages that showed it. */
      messageIndexes: z.array(z.number().int().nonnegative()),
      spans: z.array(z.object({ messageId: z.string(), start: z.number().int(), end: z.number().int() })),
    }),
  ),
});

export const itemSignalsSchema = z.object({
  media: z.array(mediaSignalsSchema),
  redFlags: z.array(redFlagSpanSchema),
  /** Grooming-risk assessment of the direct-message thread; null when the item has none. */
  grooming: groomingSignalSchema.nullable(),
  /** The lexicon the text was read with. */
  lexicon: z.object({ locale: localeSchema, version: z.number().int() }),
});
export type ItemSignals = z.infer<typeof itemSignalsSchema>;

export const itemViewSchema = z.object({
  item: reviewItemSchema,
  status: itemStatusSchema,
  position: z.number().int(),
  decision: decisionSchema.nullable(),
  /** Other items of this batch from the same account: id and status only. */
  sameAccount: z.array(z.object({ id: z.string(), status: itemStatusSchema })),
  signals: itemSignalsSchema,
  /** Its harm category and severity, and how each image is served under the wellness policy. */
  wellness: itemWellnessSchema,
});
export type ItemView = z.infer<typeof itemViewSchema>;

export const leaseStateSchema = z.enum(['active', 'expiring', 'expired']);
export type LeaseState = z.infer<typeof leaseStateSchema>;

export const queueStateSchema = z.object({
  assignment: z.object({ id: z.string(), leaseExpiresAt: z.string() }).nullable(),
  items: z.array(
    z.object({
      id: z.string(),
      kind: reviewItemSchema.shape.kind,
      status: itemStatusSchema,
      accountHandle: z.string(),
      /** Why a limit keeps this pending item from being offered (the high-severity cap); absent when it is offered. */
      withheld: z.string().optional(),
    }),
  ),
  /** The first pending item in review order that is offered, or null when none is. */
  currentItemId: z.string().nullable(),
  progress: z.object({ done: z.number().int(), total: z.number().int() }),
  /** Absent without a batch. 'expired': the upstream took the batch back, so no item is offered. */
  leaseState: leaseStateSchema.optional(),
});
export type QueueState = z.infer<typeof queueStateSchema>;

export const uploadConflictSchema = z.object({
  decisionId: z.string(),
  /** What the refused upload was: a decision, an enforcement action, an escalation report, a QA result, an appeal outcome or a day's wellness aggregate. */
  kind: z.enum(['decision', 'action', 'report', 'qa', 'appeal', 'wellness']),
  itemId: z.string(),
  code: z.string(),
  message: z.string(),
});

/**
 * An upload the upstream keeps failing (a 5xx, an unusable reply) rather than refusing. It is
 * still retried with backoff and leaves this list once it uploads; only later uploads about the
 * same item wait for it.
 */
export const stuckUploadSchema = z.object({
  /** The upload's idempotency key: the decision's, action's or escalation's id. */
  uploadId: z.string(),
  kind: uploadConflictSchema.shape.kind,
  itemId: z.string(),
  /** Failed attempts so far. */
  attempts: z.number().int(),
  /** The last reason the upload failed, as the upstream or the network gave it. */
  message: z.string(),
  /** When the first of these failed attempts was made. */
  since: z.string(),
});

export const syncStatusSchema = z.object({
  online: z.boolean(),
  pendingUploads: z.number().int(),
  lastSyncAt: z.string().nullable(),
  lastError: z.string().nullable(),
  conflicts: z.array(uploadConflictSchema),
  /** Uploads that have failed too often to count as a passing hiccup; absent means none. */
  stuck: z.array(stuckUploadSchema).optional(),
});
export type SyncStatus = z.infer<typeof syncStatusSchema>;

export const previewTierSchema = z.enum(['default', ...BLUR_TIERS, 'clear']);
export type PreviewTier = z.infer<typeof previewTierSchema>;

/** A circle to show clear inside the blurred preview: centre and radius as fractions of the image (radius of its shorter side). */
export const lensSchema = z.strictObject({
  x: z.number().min(0).max(1),
  y: z.number().min(0).max(1),
  r: z.number().positive().max(0.5),
});
export type Lens = z.infer<typeof lensSchema>;

/**
 * How a preview is asked for. Core decides what is served: 'default' is the wellness policy's tier
 * for the image (made safer by the moderator's preferences); a lighter tier is a step, allowed down
 * to the policy's step floor; 'clear' and a lens need the revealId of an open reveal of that image
 * (reveal.begin: hold_full for 'clear', hover_region for a lens). Colour (grayscale false) is
 * refused where the policy locks grayscale. Nothing of a child-safety bank match is ever served.
 */
/** A video's storyboard shows at most this many keyframes; a preview request's frame picks one of them. */
export const STORYBOARD_KEYFRAMES = 9;

export const previewRequestSchema = z
  .object({
    itemId: z.string().min(1).max(128),
    sha256: sha256Schema,
    tier: previewTierSchema.default('default'),
    /** Absent: the policy's default for the image. */
    grayscale: z.boolean().optional(),
    /** With a hover_region reveal: the blurred preview at `tier`, this circle clear. */
    lens: lensSchema.optional(),
    revealId: z.string().min(1).max(128).optional(),
    /** A video: absent for its storyboard (a grid of up to 9 keyframes), or which keyframe (0-8) alone. */
    frame: z
      .number()
      .int()
      .min(0)
      .max(STORYBOARD_KEYFRAMES - 1)
      .optional(),
    /**
     * The next item's preview at the policy default, fetched while the current item is still on
     * screen so it paints the instant the moderator decides; core counts it as exposure from that
     * decision on. Only for the item queue.ahead named.
     */
    ahead: z.boolean().optional(),
  })
  .superRefine((request, ctx) => {
    if (
      request.ahead === true &&
      (request.tier !== 'default' || request.grayscale !== undefined || request.lens !== undefined || request.frame !== undefined)
    ) {
      ctx.addIssue({ code: 'custom', path: ['ahead'], message: "a preview ahead is the policy's default only: no tier, grayscale, lens or frame" });
    }
    if (request.tier === 'clear' && request.revealId === undefined) {
      ctx.addIssue({ code: 'custom', path: ['revealId'], message: "tier 'clear' needs the revealId of an open reveal (reveal.begin)" });
    }
    if (request.lens !== undefined && request.revealId === undefined) {
      ctx.addIssue({ code: 'custom', path: ['revealId'], message: 'a lens needs the revealId of an open hover reveal (reveal.begin)' });
    }
    if (request.lens !== undefined && request.tier === 'clear') {
      ctx.addIssue({ code: 'custom', path: ['lens'], message: "a lens shows a circle clear inside a blurred tier, not inside 'clear'" });
    }
  });
export type PreviewRequest = z.input<typeof previewRequestSchema>;
export type ParsedPreviewRequest = z.output<typeof previewRequestSchema>;

/** hover_region: a spot under the pointer shown clear; hold_full: the whole image while a key is held. */
export const revealKindSchema = z.enum(['hover_region', 'hold_full']);
