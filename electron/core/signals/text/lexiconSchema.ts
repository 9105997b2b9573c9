import { z } from 'zod';

export const TEXT_LOCALES = ['en', 'es', 'de'] as const;
export const textLocaleSchema = z.enum(TEXT_LOCALES);
export type TextLocale = z.infer<typeof textLocaleSchema>;

export const RED_FLAG_CATEGORIES = [
  'hate',
  'harassment',
  'grooming',
  'self_harm',
  'violent_threat',
  'sexual_solicitation',
  'scam',
] as const;
export const redFlagCategorySchema = z.enum(RED_FLAG_CATEGORIES);
export type RedFlagCategory = z.infer<typeof redFlagCategorySchema>;

export const lexiconEntrySchema = z.object({
  id: z.string().min(1),
  phrase: z.string().min(1),
  category: redFlagCategorySchema,
  severity: z.union([z.literal(1), z.literal(2), z.literal(3)]),
});
export type LexiconEntry = z.infer<typeof lexiconEntrySchema>;

/** Versions are the upstream's cursor for this lexicon: a positive integer that only grows. */
const lexiconVersionSchema = z.int().positive();

export const lexiconSchema = z
  .object({
    locale: textLocaleSchema,
    version: lexiconVersionSchema,
    updatedAt: z.iso.datetime(),
    entries: z.array(lexiconEntrySchema),
  })
  .superRefine((lexicon, ctx) => {
    const seen = new Set<string>();
    for (const entry of lexicon.entries) {
      if (seen.has(entry.id)) {
        ctx.addIssue({ code: 'custom', message: `entry id '${entry.id}' appears more than once` });
      }
      seen.add(entry.id);
    }
  });
export type Lexicon = z.infer<typeof lexiconSchema>;

export const lexiconDeltaSchema = z.object({
  fromVersion: lexiconVersionSchema,
  toVersion: lexiconVersionSchema,
  /** When the upstream published toVersion; a delta without it keeps the last known time. */
  updatedAt: z.iso.datetime().optional(),
  add: z.array(lexiconEntrySchema),
  remove: z.array(z.string().min(1)),
});
export type LexiconDelta = z.infer<typeof lexiconDeltaSchema>;
