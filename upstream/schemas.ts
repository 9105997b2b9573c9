import { z } from 'zod';
import { DECISION_ACTIONS } from './domain/decisions';
import { HASH_HEX_LENGTH } from './domain/sync/hashBanks';
import { SYNC_KINDS } from './domain/sync/log';
import { lexiconEntrySchema } from '../electron/core/signals/text';
import { ACCOUNT_ACTIONS, checkEnforcementParams, CONTENT_ACTIONS, enforcementParamsSchema } from '../electron/api/enforcement';
import { DateTime, hex, Id, plainText } from '../electron/api/wire';

export { DateTime, hex, Id };

export const IdempotencyKey = z.string().min(8).max(128);

export const LoginBody = z.object({
  username: plainText(200).min(1),
  password: z.string().min(1).max(1000),
});

export const LeaseBody = z
  .object({ size: z.number().int().min(1).max(100).default(25) })
  .optional()
  .transform((body) => body ?? { size: 25 });

export const DecisionEntrySchema = z.object({
  idempotencyKey: IdempotencyKey,
  itemId: Id,
  assignmentId: Id,
  action: z.enum(DECISION_ACTIONS),
  reasonCode: z.string().min(1).max(64).nullable(),
  note: plainText(4000).nullable(),
  decidedAt: DateTime,
  supersedes: IdempotencyKey.nullable(),
});

export const DecisionBatchBody = z.object({
  entries: z.array(DecisionEntrySchema).min(1).max(500),
});

export const DecisionsQuery = z.object({
  accountId: z.string().min(1).optional(),
  itemId: z.string().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

export const MediaParams = z.object({
  sha256: hex(64),
});

const enforcementCommon = {
  idempotencyKey: IdempotencyKey,
  reasonCode: z.string().min(1).max(64),
  params: enforcementParamsSchema.default({}),
  decidedAt: DateTime,
};

export const EnforcementEntrySchema = z
  .discriminatedUnion('kind', [
    z.object({
      ...enforcementCommon,
      kind: z.literal('content'),
      action: z.enum(CONTENT_ACTIONS),
      itemIds: z.array(Id).min(1).max(100),
      accountId: Id.nullish().transform((id) => id ?? undefined),
    }),
    z.object({
      ...enforcementCommon,
      kind: z.literal('account'),
      action: z.enum(ACCOUNT_ACTIONS),
      // The items that led to the action, when there are any.
      itemIds: z.array(Id).max(100).default([]),
      accountId: Id,
    }),
  ])
  .superRefine(checkEnforcementParams);

export const EnforcementBatchBody = z.object({
  entries: z.array(EnforcementEntrySchema).min(1).max(500),
});

export const EnforcementQuery = z.object({
  itemId: Id.optional(),
  accountId: Id.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

export const DeltasQuery = z.object({
  cursor: z.string().min(1).max(200).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

export const SnapshotQuery = z.object({
  kind: z.enum(SYNC_KINDS).optional(),
});

export const BankEntrySchema = z.discriminatedUnion('kind', [
  z.strictObject({ id: Id, kind: z.literal('pdq'), hash: hex(HASH_HEX_LENGTH.pdq) }),
  z.strictObject({ id: Id, kind: z.literal('sha256'), hash: hex(HASH_HEX_LENGTH.sha256) }),
  z.strictObject({ id: Id, kind: z.literal('md5'), hash: hex(HASH_HEX_LENGTH.md5) }),
]);

const entryChange = <E extends z.ZodType>(entry: E) =>
  z.strictObject({ add: z.array(entry).max(10_000).default([]), remove: z.array(Id).max(10_000).default([]) });

export const BankChangeBody = entryChange(BankEntrySchema);
export const LexiconChangeBody = entryChange(lexiconEntrySchema);
