import { z } from 'zod';
import { reasonCodeSchema } from '../../api';
import { bankCategorySchema, HASH_KINDS, lexiconEntrySchema, TEXT_LOCALES } from '../signals';

/**
 * The upstream's /sync/deltas and /sync/snapshot replies (openapi.yaml: Delta, Checksums,
 * SubjectSnapshot). Anything that does not fit is a protocol error before a byte is applied.
 */

const HEX_LENGTH = { pdq: 64, sha256: 64, md5: 32 } as const;

const bankEntrySchema = z
  .object({ id: z.string().min(1), kind: z.enum(HASH_KINDS), hash: z.string().regex(/^[0-9a-f]+$/, 'lowercase hex') })
  .refine((e) => e.hash.length === HEX_LENGTH[e.kind], { message: 'hash length does not fit its kind (pdq, sha256: 64; md5: 32)', path: ['hash'] });
export type SyncedBankEntry = z.infer<typeof bankEntrySchema>;

const hashBankSchema = z.object({ id: z.string().min(1), name: z.string(), category: bankCategorySchema, version: z.int().positive() });
export type SyncedHashBank = z.infer<typeof hashBankSchema>;

const versionStep = { seq: z.int(), fromVersion: z.int().nonnegative(), toVersion: z.int().positive() };
const forward = (d: { fromVersion: number; toVersion: number }) => d.toVersion > d.fromVersion;
const notForward = { message: 'toVersion must be greater than fromVersion', path: ['toVersion'] };

const policyDeltaSchema = z.object({ kind: z.literal('policy'), ...versionStep, reasonCodes: z.array(reasonCodeSchema) }).refine(forward, notForward);
const lexiconDeltaSchema = z
  .object({
    kind: z.literal('lexicon'),
    ...versionStep,
    locale: z.enum(TEXT_LOCALES),
    updatedAt: z.iso.datetime(),
    add: z.array(lexiconEntrySchema),
    remove: z.array(z.string().min(1)),
  })
  .refine(forward, notForward);
const hashBankDeltaSchema = z
  .object({ kind: z.literal('hash_bank'), ...versionStep, bank: hashBankSchema, add: z.array(bankEntrySchema), remove: z.array(z.string().min(1)) })
  .refine(forward, notForward)
  .refine((d) => d.bank.version === d.toVersion, { message: 'bank.version must equal toVersion', path: ['bank', 'version'] });

export const syncDeltaSchema = z.discriminatedUnion('kind', [policyDeltaSchema, lexiconDeltaSchema, hashBankDeltaSchema]);
export type SyncDelta = z.infer<typeof syncDeltaSchema>;

const sha256Schema = z.string().regex(/^[0-9a-f]{64}$/, 'lowercase hex SHA-256');
export const checksumsSchema = z.record(z.string(), z.object({ version: z.int().nonnegative(), sha256: sha256Schema }));
export type Checksums = z.infer<typeof checksumsSchema>;

export const deltaPageSchema = z.object({
  cursor: z.string().min(1),
  hasMore: z.boolean(),
  deltas: z.array(syncDeltaSchema),
  checksums: checksumsSchema,
});
export type DeltaPage = z.infer<typeof deltaPageSchema>;

export const SYNC_KINDS = ['policy', 'lexicon', 'hash_bank'] as const;
export type SyncKind = (typeof SYNC_KINDS)[number];

export const subjectSnapshotSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('policy'), version: z.int().positive(), reasonCodes: z.array(reasonCodeSchema), sha256: sha256Schema }),
  z.object({
    kind: z.literal('lexicon'),
    locale: z.enum(TEXT_LOCALES),
    version: z.int().positive(),
    updatedAt: z.iso.datetime(),
    entries: z.array(lexiconEntrySchema),
    sha256: sha256Schema,
  }),
  z.object({ kind: z.literal('hash_bank'), bank: hashBankSchema, entries: z.array(bankEntrySchema), sha256: sha256Schema }),
]);
export type SubjectSnapshot = z.infer<typeof subjectSnapshotSchema>;

export const snapshotSchema = z.object({ cursor: z.string().min(1), snapshots: z.array(subjectSnapshotSchema) });
export type Snapshot = z.infer<typeof snapshotSchema>;
