/** The moderation policy: GET /policy, and the policy subject of the sync log. */
import { z } from 'zod';

export const reasonCodeSchema = z.object({
  code: z.string(),
  label: z.string(),
  category: z.string(),
  description: z.string(),
  /** The enforcement actions (and report duties such as report_ncmec) this reason allows. */
  actions: z.array(z.string()),
});
export type ReasonCode = z.infer<typeof reasonCodeSchema>;

/** Reason codes in display order: the order matters to the picker. */
export const policySchema = z.object({ version: z.number().int(), reasonCodes: z.array(reasonCodeSchema) });
export type Policy = z.infer<typeof policySchema>;

/** A reason code named in an upload (the policy may not have it: the upstream answers with a conflict then). */
export const reasonCodeRefSchema = z.string().min(1).max(64);
