/** Review items as the upstream hands them out in a leased assignment, with their account and media. */
import { z } from 'zod';
import { sha256Schema } from './wire';

/**
 * The language an item and a lexicon are in: an ISO 639 code. Not a closed list: a language is
 * added by shipping a lexicon for it (resources/lexicons), with no code change, and a
 * workstation refuses a lexicon for a language it has none of.
 */
export const localeSchema = z.string().regex(/^[a-z]{2,3}$/, 'a locale is a lower-case ISO 639 code such as "en"');
export type Locale = z.infer<typeof localeSchema>;
/** The languages the reference upstream seeds lexicons for and writes demo items in. */
export const LOCALES = ['en', 'es', 'de'] as const satisfies readonly Locale[];
export type SeededLocale = (typeof LOCALES)[number];

/** The account on the moderated platform that posted the item (not a reviewer's account). */
export const platformAccountSchema = z.object({
  id: z.string(),
  handle: z.string(),
  displayName: z.string(),
  createdAt: z.string(),
  priorStrikes: z.number().int(),
  priorActions: z.array(z.string()),
  followers: z.number().int(),
  bio: z.string(),
});
export type PlatformAccount = z.infer<typeof platformAccountSchema>;

/** A media file, named by the SHA-256 of its bytes; GET /media/{sha256} serves them. */
export const mediaRefSchema = z.object({
  sha256: sha256Schema,
  mimeType: z.string(),
  width: z.number().int(),
  height: z.number().int(),
  byteLength: z.number().int(),
});
export type MediaRef = z.infer<typeof mediaRefSchema>;

export const itemCommentSchema = z.object({ id: z.string(), authorHandle: z.string(), text: z.string(), createdAt: z.string() });
export type ItemComment = z.infer<typeof itemCommentSchema>;

export const threadMessageSchema = z.object({
  id: z.string(),
  fromHandle: z.string(),
  toHandle: z.string(),
  text: z.string(),
  sentAt: z.string(),
});
export type ThreadMessage = z.infer<typeof threadMessageSchema>;

export const reviewItemSchema = z.object({
  id: z.string().min(1),
  kind: z.enum(['post', 'comment', 'direct_message']),
  locale: localeSchema,
  createdAt: z.string(),
  source: z.enum(['user_report', 'proactive']),
  reportReason: z.string().nullable(),
  media: z.array(mediaRefSchema),
  caption: z.string().nullable(),
  comments: z.array(itemCommentSchema),
  thread: z.array(threadMessageSchema),
  account: platformAccountSchema,
  /** Marks what a demo item was made to show (a hash-bank hit, a red-flag thread); empty elsewhere. */
  demoTags: z.array(z.string()).default([]),
});
export type ReviewItem = z.infer<typeof reviewItemSchema>;

/** GET /media/{sha256}: the bytes behind a media reference. */
export const mediaParamsSchema = z.object({ sha256: sha256Schema });
