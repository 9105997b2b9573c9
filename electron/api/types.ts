/**
 * Domain shapes shared by core, both transports and the renderer. Named after the work
 * (ReviewItem, Decision, Assignment), not after the framework.
 */
import { z } from 'zod';

export const roleSchema = z.enum(['moderator', 'supervisor', 'wellness_lead']);
export type Role = z.infer<typeof roleSchema>;

export const accountSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
});
export type Account = z.infer<typeof accountSchema>;

export const demoAccountSchema = z.object({
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
  password: z.string(),
});
export type DemoAccount = z.infer<typeof demoAccountSchema>;

export const reasonCodeSchema = z.object({
  code: z.string(),
  label: z.string(),
  category: z.string(),
  description: z.string(),
  actions: z.array(z.string()),
});
export type ReasonCode = z.infer<typeof reasonCodeSchema>;

export const decisionActionSchema = z.enum(['approve', 'remove', 'escalate', 'skip']);
export type DecisionAction = z.infer<typeof decisionActionSchema>;

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

export const localeSchema = z.enum(['en', 'es', 'de']);

export const platformAccountSchema = z.object({
  id: z.string(),
  handle: z.string(),
  displayName: z.string(),
  createdAt: z.string(),
  priorStrikes: z.number().int(),
  priorActions: z.array(z.string()),
  followers: z.number().int(),
  bio: z.string(),
});
export type PlatformAccount = z.infer<typeof platformAccountSchema>;

export const mediaRefSchema = z.object({
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  mimeType: z.string(),
  width: z.number().int(),
  height: z.number().int(),
  byteLength: z.number().int(),
});
export type MediaRef = z.infer<typeof mediaRefSchema>;

/** A review item exactly as the upstream sends it in a leased assignment. */
export const reviewItemSchema = z.object({
  id: z.string().min(1),
  kind: z.enum(['post', 'comment', 'direct_message']),
  locale: localeSchema,
  createdAt: z.string(),
  source: z.enum(['user_report', 'proactive']),
  reportReason: z.string().nullable(),
  media: z.array(mediaRefSchema),
  caption: z.string().nullable(),
  comments: z.array(
    z.object({ id: z.string(), authorHandle: z.string(), text: z.string(), createdAt: z.string() }),
  ),
  thread: z.array(
    z.object({
      id: z.string(),
      fromHandle: z.string(),
      toHandle: z.string(),
      text: z.string(),
      sentAt: z.string(),
    }),
  ),
  account: platformAccountSchema,
  demoTags: z.array(z.string()).default([]),
});
export type ReviewItem = z.infer<typeof reviewItemSchema>;

export const itemStatusSchema = z.enum(['pending', 'decided', 'skipped']);
export type ItemStatus = z.infer<typeof itemStatusSchema>;

export const itemViewSchema = z.object({
  item: reviewItemSchema,
  status: itemStatusSchema,
  position: z.number().int(),
  decision: decisionSchema.nullable(),
  /** Other items of this batch from the same account: id and status only. */
  sameAccount: z.array(z.object({ id: z.string(), status: itemStatusSchema })),
});
export type ItemView = z.infer<typeof itemViewSchema>;

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
});
export type QueueState = z.infer<typeof queueStateSchema>;

export const conflictSchema = z.object({
  decisionId: z.string(),
  itemId: z.string(),
  code: z.string(),
  message: z.string(),
});

export const syncStatusSchema = z.object({
  online: z.boolean(),
  pendingUploads: z.number().int(),
  lastSyncAt: z.string().nullable(),
  lastError: z.string().nullable(),
  conflicts: z.array(conflictSchema),
});
export type SyncStatus = z.infer<typeof syncStatusSchema>;

/** How a preview is asked for: tiers blur the image; 'clear' is only served on an explicit reveal. */
export const previewRequestSchema = z.object({
  itemId: z.string().min(1).max(128),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  tier: z.enum(['heavy', 'medium', 'light', 'pixelate']),
  grayscale: z.boolean(),
});
export type PreviewRequest = z.infer<typeof previewRequestSchema>;
