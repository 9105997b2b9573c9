/**
 * Domain shapes shared by core, both transports and the renderer. Named after the work
 * (ReviewItem, Decision, Assignment), not after the framework. What the upstream sends is the
 * protocol's; these are the workstation's own views of it.
 */
import { decisionActionSchema, HASH_KINDS, localeSchema, reviewItemSchema, sha256Schema } from '@workstation/protocol';
import { z } from 'zod';

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
  /** Hamming distance for PDQ (0..31); 0 for exact SHA-256 / MD5 matches. */
  distance: z.number().int(),
});
export type BankMatch = z.infer<typeof bankMatchSchema>;

export const classifierSignalSchema = z.union([
  z.object({
    modelId: z.string(),
    scores: z.array(
      z.object({ label: z.string(), probability: z.number(), threshold: z.number(), category: z.string(), flagged: z.boolean() }),
    ),
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
    }),
  ),
  /** The first pending item in review order, or null when the batch is done. */
  currentItemId: z.string().nullable(),
  progress: z.object({ done: z.number().int(), total: z.number().int() }),
  /** Absent without a batch. 'expired': the upstream took the batch back, so no item is offered. */
  leaseState: leaseStateSchema.optional(),
});
export type QueueState = z.infer<typeof queueStateSchema>;

export const uploadConflictSchema = z.object({
  decisionId: z.string(),
  /** What the refused upload was: a decision, an enforcement action, an escalation report, a QA result or an appeal outcome. */
  kind: z.enum(['decision', 'action', 'report', 'qa', 'appeal']),
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

export const blurTierSchema = z.enum(['heavy', 'medium', 'light', 'pixelate']);
export const previewTierSchema = z.enum([...blurTierSchema.options, 'clear']);
export type PreviewTier = z.infer<typeof previewTierSchema>;

/**
 * How a preview is asked for: tiers blur the image; 'clear' is only served inside an open reveal
 * (reveal.begin) of that same image, and never for a child-safety bank match.
 */
export const previewRequestSchema = z
  .object({
    itemId: z.string().min(1).max(128),
    sha256: sha256Schema,
    tier: previewTierSchema,
    grayscale: z.boolean(),
    /** Required with tier 'clear': the open reveal it is shown under. */
    revealId: z.string().min(1).max(128).optional(),
  })
  .superRefine((request, ctx) => {
    if (request.tier === 'clear' && request.revealId === undefined) {
      ctx.addIssue({ code: 'custom', path: ['revealId'], message: "tier 'clear' needs the revealId of an open reveal (reveal.begin)" });
    }
  });
export type PreviewRequest = z.infer<typeof previewRequestSchema>;

/** hover_region: a spot under the pointer shown clear; hold_full: the whole image while a key is held. */
export const revealKindSchema = z.enum(['hover_region', 'hold_full']);
/** Steps that show more of an image without showing it clear; logged, since they add exposure too. */
export const revealStepKindSchema = z.enum(['blur_step', 'grayscale_off']);
