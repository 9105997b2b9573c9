import { z } from 'zod';

export const HASH_KINDS = ['pdq', 'sha256', 'md5'] as const;
export type BankHashKind = (typeof HASH_KINDS)[number];

/** Policy category of a bank; 'child_safety' matches are never rendered (DESIGN.md, hash before render). */
export const bankCategorySchema = z
  .string()
  .regex(/^[a-z][a-z0-9_]*$/, 'a snake_case category such as child_safety, terrorism or previously_actioned');
export const CHILD_SAFETY = 'child_safety';

const HASH_PATTERN: Record<BankHashKind, RegExp> = {
  pdq: /^[0-9a-f]{64}$/,
  sha256: /^[0-9a-f]{64}$/,
  md5: /^[0-9a-f]{32}$/,
};

const entrySchema = z
  .object({
    id: z.string().min(1).max(200),
    kind: z.enum(HASH_KINDS),
    hash: z.string().transform((hash) => hash.toLowerCase()),
  })
  .refine((entry) => HASH_PATTERN[entry.kind].test(entry.hash), {
    message: 'hash must be hex of the kind\'s length (pdq and sha256: 64 digits, md5: 32)',
    path: ['hash'],
  });

/**
 * One step of a bank from fromVersion to toVersion (a new bank starts from 0). category is
 * required when the bank is created and, when sent later, must not change.
 */
export const bankDeltaSchema = z
  .object({
    bank: z.string().min(1).max(200),
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
    bank: z.string().min(1).max(200),
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
