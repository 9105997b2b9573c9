/** How the upstream answers a request it refuses or fails: `{error: {code, message, field?}}` with the status. */
import { z } from 'zod';

/** message is optional here so a client still reads the code from a terse server or proxy. */
export const errorBodySchema = z.object({ error: z.object({ code: z.string(), message: z.string().optional(), field: z.string().optional() }) });
export type ErrorBody = z.infer<typeof errorBodySchema>;
