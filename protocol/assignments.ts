/** Leasing batches of review items: POST /assignments/lease and /assignments/{id}/renew. */
import { z } from 'zod';
import { reviewItemSchema } from './items';

export const DEFAULT_LEASE_SIZE = 25;

export const leaseBodySchema = z
  .object({ size: z.number().int().min(1).max(100).default(DEFAULT_LEASE_SIZE) })
  .optional()
  .transform((body) => body ?? { size: DEFAULT_LEASE_SIZE });
export type LeaseBody = z.input<typeof leaseBodySchema>;

export const assignmentSchema = z.object({ id: z.string().min(1), leaseExpiresAt: z.string(), items: z.array(reviewItemSchema) });
export type Assignment = z.infer<typeof assignmentSchema>;

export const leaseReplySchema = z.object({ assignment: assignmentSchema });
export type LeaseReply = z.infer<typeof leaseReplySchema>;

export const renewReplySchema = z.object({ leaseExpiresAt: z.string() });
export type RenewReply = z.infer<typeof renewReplySchema>;
