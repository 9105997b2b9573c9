/**
 * The sync log of policy, lexicons and hash banks: GET /sync/deltas pages through it, GET
 * /sync/snapshot gives the current state, and supervisors publish changes to banks and lexicons.
 * Anything that does not fit is a protocol error before a byte is applied.
 */
import { z } from 'zod';
import { bankEntrySchema, hashBankSchema } from './banks';
import { localeSchema } from './items';
import { lexiconEntrySchema, publishableLexiconEntrySchema } from './lexicons';
import { reasonCodeSchema } from './policy';
import { wellnessPolicyContentSchema } from './wellness';
import { idSchema, sha256Schema } from './wire';

export const SYNC_KINDS = ['policy', 'lexicon', 'hash_bank', 'wellness_policy'] as const;
export const syncKindSchema = z.enum(SYNC_KINDS);
export type SyncKind = z.infer<typeof syncKindSchema>;

const versionStep = { seq: z.int(), fromVersion: z.int().nonnegative(), toVersion: z.int().positive() };
const forward = (d: { fromVersion: number; toVersion: number }) => d.toVersion > d.fromVersion;
const notForward = { message: 'toVersion must be greater than fromVersion', path: ['toVersion'] };

const policyDeltaSchema = z.object({ kind: z.literal('policy'), ...versionStep, reasonCodes: z.array(reasonCodeSchema) }).refine(forward, notForward);
const lexiconSyncDeltaSchema = z
  .object({
    kind: z.literal('lexicon'),
    ...versionStep,
    locale: localeSchema,
    updatedAt: z.iso.datetime(),
    add: z.array(lexiconEntrySchema),
    remove: z.array(z.string().min(1)),
  })
  .refine(forward, notForward);
const hashBankDeltaSchema = z
  .object({ kind: z.literal('hash_bank'), ...versionStep, bank: hashBankSchema, add: z.array(bankEntrySchema), remove: z.array(z.string().min(1)) })
  .refine(forward, notForward)
  .refine((d) => d.bank.version === d.toVersion, { message: 'bank.version must equal toVersion', path: ['bank', 'version'] });

/** The whole wellness policy at its new version: it is small, and a lead rewrites it as a whole. */
const wellnessPolicyDeltaSchema = z
  .object({ kind: z.literal('wellness_policy'), ...versionStep, policy: wellnessPolicyContentSchema })
  .refine(forward, notForward);

export const syncDeltaSchema = z.discriminatedUnion('kind', [
  policyDeltaSchema,
  lexiconSyncDeltaSchema,
  hashBankDeltaSchema,
  wellnessPolicyDeltaSchema,
]);
export type SyncDelta = z.infer<typeof syncDeltaSchema>;
/** What the upstream stores per delta: all of it but the log position and kind, which the log row holds. */
export type DeltaPayload<K extends SyncKind> = Omit<Extract<SyncDelta, { kind: K }>, 'seq' | 'kind'>;

/** Per subject key (see subjectKey), its version and the SHA-256 of its canonical state. */
export const checksumsSchema = z.record(z.string(), z.object({ version: z.int().nonnegative(), sha256: sha256Schema }));
export type Checksums = z.infer<typeof checksumsSchema>;

export const deltaPageSchema = z.object({
  cursor: z.string().min(1),
  hasMore: z.boolean(),
  deltas: z.array(syncDeltaSchema),
  checksums: checksumsSchema,
});
export type DeltaPage = z.infer<typeof deltaPageSchema>;

export const subjectSnapshotSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('policy'), version: z.int().positive(), reasonCodes: z.array(reasonCodeSchema), sha256: sha256Schema }),
  z.object({
    kind: z.literal('lexicon'),
    locale: localeSchema,
    version: z.int().positive(),
    updatedAt: z.iso.datetime(),
    entries: z.array(lexiconEntrySchema),
    sha256: sha256Schema,
  }),
  z.object({ kind: z.literal('hash_bank'), bank: hashBankSchema, entries: z.array(bankEntrySchema), sha256: sha256Schema }),
  z.object({ kind: z.literal('wellness_policy'), version: z.int().positive(), policy: wellnessPolicyContentSchema, sha256: sha256Schema }),
]);
export type SubjectSnapshot = z.infer<typeof subjectSnapshotSchema>;

export const snapshotSchema = z.object({ cursor: z.string().min(1), snapshots: z.array(subjectSnapshotSchema) });
export type Snapshot = z.infer<typeof snapshotSchema>;

export const deltasQuerySchema = z.object({
  cursor: z.string().min(1).max(200).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

export const snapshotQuerySchema = z.object({ kind: syncKindSchema.optional() });

/** A change a supervisor publishes as the subject's next version; removals apply before additions. */
const entryChangeSchema = <E extends z.ZodType>(entry: E) =>
  z.strictObject({ add: z.array(entry).max(10_000).default([]), remove: z.array(idSchema).max(10_000).default([]) });

export const bankChangeBodySchema = entryChangeSchema(bankEntrySchema);
export const lexiconChangeBodySchema = entryChangeSchema(publishableLexiconEntrySchema);

/** What POST /banks/{id}/entries and /lexicons/{locale}/entries answer: the delta they published. */
export const publishedDeltaSchema = z.object({
  seq: z.int(),
  kind: syncKindSchema,
  subject: z.string(),
  fromVersion: z.int().nonnegative(),
  toVersion: z.int().positive(),
  sha256: sha256Schema,
});
export type PublishedDelta = z.infer<typeof publishedDeltaSchema>;
