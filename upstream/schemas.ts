import { z } from 'zod';
import { DECISION_ACTIONS } from './domain/decisions';
import { ACCOUNT_ACTIONS, CONTENT_ACTIONS, MAX_SUSPENSION_DAYS } from './domain/enforcement';
import { HASH_HEX_LENGTH } from './domain/sync/hashBanks';
import { SYNC_KINDS } from './domain/sync/log';
import { lexiconEntrySchema } from '../electron/core/analysis/text';

export const IdempotencyKey = z.string().min(8).max(128);
export const Id = z.string().min(1).max(200);
export const DateTime = z.iso.datetime({ offset: true });
export const hex = (length: number) => z.string().regex(new RegExp(`^[0-9a-f]{${length}}$`), `must be ${length} lowercase hex characters`);

export const LoginBody = z.object({
  username: z.string().min(1).max(200),
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
  note: z.string().max(4000).nullable(),
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

const EnforcementParams = z.strictObject({
  suspensionDays: z.int().min(1).max(MAX_SUSPENSION_DAYS).optional(),
  label: z.string().min(1).max(100).optional(),
});

const enforcementCommon = {
  idempotencyKey: IdempotencyKey,
  reasonCode: z.string().min(1).max(64),
  params: EnforcementParams.default({}),
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
  .superRefine((entry, ctx) => {
    const needs = (param: 'suspensionDays' | 'label', action: string, what: string): void => {
      const given = entry.params[param] !== undefined;
      if (entry.action === action && !given) ctx.addIssue({ code: 'custom', path: ['params', param], message: `${action} needs params.${param} (${what})` });
      if (entry.action !== action && given) ctx.addIssue({ code: 'custom', path: ['params', param], message: `only ${action} takes params.${param}` });
    };
    needs('suspensionDays', 'suspend_account', `whole days, 1..${MAX_SUSPENSION_DAYS}`);
    needs('label', 'label_content', 'the label text to show on the content');
  });

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
