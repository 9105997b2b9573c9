import { localeSchema } from '@workstation/protocol';
import { z } from 'zod';

export const GROOMING_PATTERNS = [
  'asks_age',
  'secrecy',
  'move_platform',
  'gifts_money',
  'image_request',
  'meet_in_person',
  'appearance_compliment',
] as const;
export const groomingPatternSchema = z.enum(GROOMING_PATTERNS);
export type GroomingPattern = z.infer<typeof groomingPatternSchema>;

/** Per-locale phrases for each grooming pattern; every pattern must have at least one phrase. */
export const groomingPatternFileSchema = z.object({
  locale: localeSchema,
  version: z.int().positive(),
  updatedAt: z.iso.datetime(),
  patterns: z.record(groomingPatternSchema, z.array(z.string().min(1)).min(1)),
});
export type GroomingPatternFile = z.infer<typeof groomingPatternFileSchema>;
