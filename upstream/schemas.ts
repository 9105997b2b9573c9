import { z } from 'zod';
import { DECISION_ACTIONS } from './domain/decisions';

export const LoginBody = z.object({
  username: z.string().min(1).max(200),
  password: z.string().min(1).max(1000),
});

export const LeaseBody = z
  .object({ size: z.number().int().min(1).max(100).default(25) })
  .optional()
  .transform((body) => body ?? { size: 25 });

export const DecisionEntrySchema = z.object({
  idempotencyKey: z.string().min(8).max(128),
  itemId: z.string().min(1).max(200),
  assignmentId: z.string().min(1).max(200),
  action: z.enum(DECISION_ACTIONS),
  reasonCode: z.string().min(1).max(64).nullable(),
  note: z.string().max(4000).nullable(),
  decidedAt: z.iso.datetime({ offset: true }),
  supersedes: z.string().min(8).max(128).nullable(),
});

export const DecisionBatchBody = z.object({
  entries: z.array(DecisionEntrySchema).min(1).max(500),
});

export const DecisionsQuery = z.object({
  accountId: z.string().min(1).optional(),
  itemId: z.string().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

export const MediaParams = z.object({
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex characters'),
});
