/** Red-flag lexicons: per-locale phrase lists, versioned by the upstream and synced as deltas. */
import { z } from 'zod';
import { regexProblem } from './regexSafety';
import { localeSchema, type Locale } from './items';

export const RED_FLAG_CATEGORIES = [
  'hate',
  'harassment',
  'grooming',
  'self_harm',
  'violent_threat',
  'sexual_solicitation',
  'scam',
  'sextortion',
] as const;
export const redFlagCategorySchema = z.enum(RED_FLAG_CATEGORIES);
export type RedFlagCategory = z.infer<typeof redFlagCategorySchema>;

/**
 * The stages of grooming a lexicon entry can show (scored across a thread by the workstation).
 * coercion is sextortion: threats to share images, demands for money or more images, countdowns.
 */
export const GROOMING_PATTERNS = [
  'asks_age',
  'secrecy',
  'move_platform',
  'gifts_money',
  'image_request',
  'meet_in_person',
  'appearance_compliment',
  'coercion',
] as const;
export const groomingPatternSchema = z.enum(GROOMING_PATTERNS);
export type GroomingPattern = z.infer<typeof groomingPatternSchema>;

export const lexiconEntrySchema = z.object({
  id: z.string().min(1),
  /**
   * Plain words; "(a|b|)" offers alternatives, an empty one making the group optional
   * ("add me on (snap|snapchat)"). With `regex`, a description of what it matches.
   */
  phrase: z.string().min(1),
  category: redFlagCategorySchema,
  severity: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  /** The grooming stage the entry shows, when it shows one. */
  pattern: groomingPatternSchema.optional(),
  /**
   * A regular expression over the normalised text (lower-case letters, digits, single spaces),
   * for what words cannot say ("24 hours"). Only bounded, non-nested quantifiers are accepted.
   */
  regex: z.string().min(1).max(300).optional(),
  /** Text the entry must not match; a lexicon whose entry matches one of its own is refused. */
  nearMisses: z.array(z.string().min(1)).max(50).optional(),
});
export type LexiconEntry = z.infer<typeof lexiconEntrySchema>;

/**
 * An entry as a supervisor publishes it: its pattern must also be safe to run. Only at publish: a
 * workstation reading a delta page checks each lexicon version as it compiles it, so one unsafe
 * version is refused on its own instead of the whole page.
 */
export const publishableLexiconEntrySchema = lexiconEntrySchema.superRefine((entry, ctx) => {
  const problem = entry.regex === undefined ? null : regexProblem(entry.regex);
  if (problem !== null) ctx.addIssue({ code: 'custom', path: ['regex'], message: problem });
});

/** Versions are the upstream's cursor for this lexicon: a positive integer that only grows. */
const lexiconVersionSchema = z.int().positive();

export const lexiconSchema = z
  .object({
    locale: localeSchema,
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

/** One step of a lexicon: removals apply before additions, so an edit removes and adds the same id. */
export const lexiconDeltaSchema = z.object({
  fromVersion: lexiconVersionSchema,
  toVersion: lexiconVersionSchema,
  /** When the upstream published toVersion; a delta without it keeps the last known time. */
  updatedAt: z.iso.datetime().optional(),
  add: z.array(lexiconEntrySchema),
  remove: z.array(z.string().min(1)),
});
export type LexiconDelta = z.infer<typeof lexiconDeltaSchema>;

/** A per-locale data file (a lexicon, grooming patterns) that fails its schema or declares another locale. */
export class LocaleFileError extends Error {
  override readonly name = 'LocaleFileError';
}

/** Reads the data file `file` kept for `locale`; the error names the file and each field that is wrong. */
export function parseLocaleFile<T extends { locale: Locale }>(schema: z.ZodType<T>, data: unknown, locale: Locale, file: string): T {
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    throw new LocaleFileError(`${file} is invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  if (parsed.data.locale !== locale) throw new LocaleFileError(`${file} declares locale '${parsed.data.locale}'; it must be '${locale}'.`);
  return parsed.data;
}
