import { bankCategorySchema, HASH_KINDS, HEX_LENGTH, idSchema, type BankCategory, type BankHashKind } from '@workstation/protocol';
import { z } from 'zod';

/** Policy category whose matches are never rendered (DESIGN.md, hash before render). */
export const CHILD_SAFETY = 'child_safety' satisfies BankCategory;

const isHexOfKind = (kind: BankHashKind, hash: string): boolean => hash.length === HEX_LENGTH[kind] && /^[0-9a-f]+$/.test(hash);

/** Hashes are taken in either case and kept lower-case, as the protocol writes them. */
const entrySchema = z
  .object({
    id: idSchema,
    kind: z.enum(HASH_KINDS),
    hash: z.string().transform((hash) => hash.toLowerCase()),
  })
  .refine((entry) => isHexOfKind(entry.kind, entry.hash), {
    message: "hash must be hex of the kind's length (pdq and sha256: 64 digits, md5: 32)",
    path: ['hash'],
  });

/**
 * One step of a bank from fromVersion to toVersion (a new bank starts from 0). category is
 * required when the bank is created and, when sent later, must not change.
 */
export const bankDeltaSchema = z
  .object({
    bank: idSchema,
    category: bankCategorySchema.optional(),
    fromVersion: z.int().nonnegative(),
    toVersion: z.int().positive(),
    add: z.array(entrySchema),
    remove: z.array(z.string().min(1)),
  })
  .refine((delta) => delta.toVersion > delta.fromVersion, { message: 'toVersion must be greater than fromVersion', path: ['toVersion'] })
  .refine((delta) => new Set(delta.add.map((e) => e.id)).size === delta.add.length, {
    message: 'an entry id appears more than once in add',
    path: ['add'],
  });
export type BankDelta = z.input<typeof bankDeltaSchema>;
export type ValidBankDelta = z.output<typeof bankDeltaSchema>;

/** A bank's whole state, for replacing it wholesale from the upstream's snapshot. */
export const bankContentsSchema = z
  .object({
    bank: idSchema,
    category: bankCategorySchema,
    version: z.int().positive(),
    entries: z.array(entrySchema),
  })
  .refine((contents) => new Set(contents.entries.map((e) => e.id)).size === contents.entries.length, {
    message: 'an entry id appears more than once in entries',
    path: ['entries'],
  });
export type BankContents = z.input<typeof bankContentsSchema>;

export type BankDeltaProblem = 'invalid' | 'version_mismatch' | 'category_missing' | 'category_changed';

/** A delta that was refused; the local bank is exactly as it was before. */
export class BankDeltaError extends Error {
  override readonly name = 'BankDeltaError';
  constructor(
    readonly problem: BankDeltaProblem,
    message: string,
  ) {
    super(message);
  }
}
