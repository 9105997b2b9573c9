/** Hash banks: named, versioned sets of PDQ, SHA-256 and MD5 hashes with a policy category. */
import { z } from 'zod';
import { hexSchema, idSchema } from './wire';

/** What a hash bank holds; a report's bank match names one. child_safety matches are never rendered. */
export const BANK_CATEGORIES = ['child_safety', 'terrorism', 'previously_actioned'] as const;
export const bankCategorySchema = z.enum(BANK_CATEGORIES);
export type BankCategory = z.infer<typeof bankCategorySchema>;

export const HASH_KINDS = ['pdq', 'sha256', 'md5'] as const;
export type BankHashKind = (typeof HASH_KINDS)[number];
/** Hex digits of each kind of hash. */
export const HEX_LENGTH = { pdq: 64, sha256: 64, md5: 32 } as const satisfies Record<BankHashKind, number>;

export const bankEntrySchema = z.discriminatedUnion('kind', [
  z.strictObject({ id: idSchema, kind: z.literal('pdq'), hash: hexSchema(HEX_LENGTH.pdq) }),
  z.strictObject({ id: idSchema, kind: z.literal('sha256'), hash: hexSchema(HEX_LENGTH.sha256) }),
  z.strictObject({ id: idSchema, kind: z.literal('md5'), hash: hexSchema(HEX_LENGTH.md5) }),
]);
export type BankEntry = z.infer<typeof bankEntrySchema>;

export const hashBankSchema = z.object({ id: idSchema, name: z.string(), category: bankCategorySchema, version: z.int().positive() });
export type HashBank = z.infer<typeof hashBankSchema>;
