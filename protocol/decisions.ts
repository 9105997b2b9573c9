/** Review decisions: POST /decisions/batch uploads them, GET /decisions lists them for supervisors. */
import { z } from 'zod';
import { reasonCodeRefSchema } from './policy';
import { dateTimeSchema, idempotencyKeySchema, idSchema, plainTextSchema, sha256Schema } from './wire';

export const DECISION_ACTIONS = ['approve', 'remove', 'escalate', 'skip'] as const;
export const decisionActionSchema = z.enum(DECISION_ACTIONS);
export type DecisionAction = z.infer<typeof decisionActionSchema>;

/** How strongly the on-device classifier flagged the item: the band of its top flagged score. */
export const CLASSIFIER_BANDS = ['none', 'low', 'medium', 'high'] as const;
export const classifierBandSchema = z.enum(CLASSIFIER_BANDS);
export type ClassifierBand = z.infer<typeof classifierBandSchema>;
export const GROOMING_LEVELS = ['none', 'low', 'medium', 'high'] as const;
export const groomingLevelSchema = z.enum(GROOMING_LEVELS);
export type GroomingLevel = z.infer<typeof groomingLevelSchema>;

/** What the workstation's analysis said about the item when it was decided: what supervisors filter the team log by. */
export const decisionSignalsSchema = z.object({
  /** The category of the hash bank the item matched ('child_safety', 'terrorism', ...), or null. */
  bankCategory: z.string().min(1).max(64).nullable(),
  classifierBand: classifierBandSchema,
  /** 'none' also when the item has no direct-message thread. */
  groomingLevel: groomingLevelSchema,
});
export type DecisionSignals = z.infer<typeof decisionSignalsSchema>;

/** How much of the item's media the moderator was shown clear before deciding (from the reveal log). */
export const decisionViewingSchema = z.object({
  clearReveals: z.int().min(0).max(1_000_000),
  clearMs: z.int().min(0).max(1_000_000_000),
});
export type DecisionViewing = z.infer<typeof decisionViewingSchema>;

/** The chain of one workstation's decision records: genesis is 64 zeros, seq counts from 1. */
export const GENESIS_HASH = '0'.repeat(64);
export const chainLinkSchema = z.object({
  workstationId: idSchema,
  seq: z.int().min(1),
  prevHash: sha256Schema,
  hash: sha256Schema,
});
export type ChainLink = z.infer<typeof chainLinkSchema>;

/**
 * One decision as uploaded; a correction names the decision it replaces in `supersedes`. The
 * optional signals, handlingMs, viewing and chain come from workstations that know them; older
 * entries without them stay valid.
 */
export const decisionEntrySchema = z.object({
  idempotencyKey: idempotencyKeySchema,
  itemId: idSchema,
  assignmentId: idSchema,
  action: decisionActionSchema,
  reasonCode: reasonCodeRefSchema.nullable(),
  note: plainTextSchema(4000).nullable(),
  decidedAt: dateTimeSchema,
  supersedes: idempotencyKeySchema.nullable(),
  signals: decisionSignalsSchema.optional(),
  /** From the item first shown on the workstation to the decision. */
  handlingMs: z
    .int()
    .min(0)
    .max(7 * 24 * 3_600_000)
    .optional(),
  viewing: decisionViewingSchema.optional(),
  /** This record's link in its workstation's hash chain (checksums: chainHash). */
  chain: chainLinkSchema.optional(),
});
export type DecisionEntry = z.infer<typeof decisionEntrySchema>;

export const decisionBatchBodySchema = z.object({ entries: z.array(decisionEntrySchema).min(1).max(500) });

export const decisionsQuerySchema = z.object({
  accountId: z.string().min(1).optional(),
  itemId: z.string().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});
export type DecisionsQuery = z.output<typeof decisionsQuerySchema>;

/** A stored decision as GET /decisions lists it: the entry, who made it and when it arrived. */
export const decisionRecordSchema = decisionEntrySchema.extend({ accountId: z.string(), receivedAt: dateTimeSchema });
export type DecisionRecord = z.infer<typeof decisionRecordSchema>;
