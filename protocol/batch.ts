/**
 * The per-entry answers every batch upload gives (decisions, enforcement actions, reports):
 * accepted, duplicate (a known idempotency key, nothing written) or conflict with its reason.
 */
import { z } from 'zod';

/** Why an entry was refused; the client settles the entry and shows the message. */
export const conflictSchema = z.object({ code: z.string(), message: z.string() });

const settledShape = { idempotencyKey: z.string(), status: z.enum(['accepted', 'duplicate']) };
const conflictResultSchema = z.object({ idempotencyKey: z.string(), status: z.literal('conflict'), conflict: conflictSchema });

/** The reply to a batch upload: one answer per entry; accepted and duplicate answers also carry `extra`. */
export const batchReplySchema = <E extends z.ZodRawShape>(extra: E) =>
  z.object({ results: z.array(z.discriminatedUnion('status', [z.object({ ...settledShape, ...extra }), conflictResultSchema])) });

/** What POST /decisions/batch and /actions/batch answer. */
export const entryBatchReplySchema = batchReplySchema({});

/** One answer, its conflict codes narrowed to `Code`, with what accepted and duplicate answers carry besides. */
export type BatchResult<Code extends string = string, Extra extends object = object> =
  (z.infer<z.ZodObject<typeof settledShape>> & Extra) | (z.infer<typeof conflictResultSchema> & { conflict: { code: Code } });
