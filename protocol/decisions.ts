/** Review decisions: POST /decisions/batch uploads them, GET /decisions lists them for supervisors. */
import { z } from 'zod';
import { reasonCodeRefSchema } from './policy';
import { dateTimeSchema, idempotencyKeySchema, idSchema, plainTextSchema } from './wire';

export const DECISION_ACTIONS = ['approve', 'remove', 'escalate', 'skip'] as const;
export const decisionActionSchema = z.enum(DECISION_ACTIONS);
export type DecisionAction = z.infer<typeof decisionActionSchema>;

/** One decision as uploaded; a correction names the decision it replaces in `supersedes`. */
export const decisionEntrySchema = z.object({
  idempotencyKey: idempotencyKeySchema,
  itemId: idSchema,
  assignmentId: idSchema,
  action: decisionActionSchema,
  reasonCode: reasonCodeRefSchema.nullable(),
  note: plainTextSchema(4000).nullable(),
  decidedAt: dateTimeSchema,
  supersedes: idempotencyKeySchema.nullable(),
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
