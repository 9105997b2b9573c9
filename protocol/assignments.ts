/** Leasing batches of review items: POST /assignments/lease, /assignments/{id}/renew and /assignments/{id}/release. */
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

/** POST /assignments/{id}/release: items of the batch handed back undecided, to the pool at once. */
export const releaseBodySchema = z.strictObject({ itemIds: z.array(z.string().min(1).max(200)).min(1).max(100) });
export type ReleaseBody = z.infer<typeof releaseBodySchema>;

/** The items that went back to the pool; items already decided or no longer held by the batch are left out. */
export const releaseReplySchema = z.object({ released: z.array(z.string()) });
export type ReleaseReply = z.infer<typeof releaseReplySchema>;
