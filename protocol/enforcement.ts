/**
 * Enforcement actions on content or accounts: POST /actions/batch uploads them, GET /actions lists
 * them for supervisors. A reason code's `actions` says which of them it allows.
 */
import { z } from 'zod';
import { reasonCodeRefSchema } from './policy';
import { dateTimeSchema, idempotencyKeySchema, idSchema, plainTextSchema } from './wire';

/** On content: take it down, show it to adults only, stop recommending it, or put a label on it. */
export const CONTENT_ACTIONS = ['remove_content', 'age_restrict', 'limit_reach', 'label_content'] as const;
/** On accounts: a warning, feature restrictions, a temporary suspension, permanent termination. */
export const ACCOUNT_ACTIONS = [
  'warn_user',
  'disable_direct_messages',
  'restrict_comments',
  'filter_comments',
  'force_private',
  'suspend_account',
  'terminate_account',
] as const;
export type ContentAction = (typeof CONTENT_ACTIONS)[number];
export type AccountAction = (typeof ACCOUNT_ACTIONS)[number];
export type EnforcementAction = ContentAction | AccountAction;
export const enforcementActionSchema = z.enum([...CONTENT_ACTIONS, ...ACCOUNT_ACTIONS]);
export const enforcementKindSchema = z.enum(['content', 'account']);

export const MAX_SUSPENSION_DAYS = 365;

export const enforcementParamsSchema = z.strictObject({
  suspensionDays: z.int().min(1).max(MAX_SUSPENSION_DAYS).optional(),
  label: plainTextSchema(100).min(1).optional(),
});
export type EnforcementParams = z.infer<typeof enforcementParamsSchema>;

type ParamName = keyof EnforcementParams;
const PARAM_OWNERS: ReadonlyArray<{ param: ParamName; action: EnforcementAction; what: string }> = [
  { param: 'suspensionDays', action: 'suspend_account', what: `whole days, 1..${MAX_SUSPENSION_DAYS}` },
  { param: 'label', action: 'label_content', what: 'the label text to show on the content' },
];

/**
 * Each parameter belongs to exactly one action: that action needs it, every other action refuses
 * it. Issues name the field (params.suspensionDays, params.label).
 */
export function checkEnforcementParams(entry: { action: EnforcementAction; params: EnforcementParams }, ctx: z.RefinementCtx): void {
  for (const { param, action, what } of PARAM_OWNERS) {
    const given = entry.params[param] !== undefined;
    if (entry.action === action && !given)
      ctx.addIssue({ code: 'custom', path: ['params', param], message: `${action} needs params.${param} (${what})` });
    if (entry.action !== action && given) ctx.addIssue({ code: 'custom', path: ['params', param], message: `only ${action} takes params.${param}` });
  }
}

const entryCommon = {
  idempotencyKey: idempotencyKeySchema,
  reasonCode: reasonCodeRefSchema,
  params: enforcementParamsSchema.default({}),
  decidedAt: dateTimeSchema,
};

export const enforcementEntrySchema = z
  .discriminatedUnion('kind', [
    z.object({
      ...entryCommon,
      kind: z.literal('content'),
      action: z.enum(CONTENT_ACTIONS),
      itemIds: z.array(idSchema).min(1).max(100),
      accountId: idSchema.nullish().transform((id) => id ?? undefined),
    }),
    z.object({
      ...entryCommon,
      kind: z.literal('account'),
      action: z.enum(ACCOUNT_ACTIONS),
      // The items that led to the action, when there are any.
      itemIds: z.array(idSchema).max(100).default([]),
      accountId: idSchema,
    }),
  ])
  .superRefine(checkEnforcementParams);
/** An action as the upstream reads it. */
export type EnforcementEntry = z.output<typeof enforcementEntrySchema>;
/** An action as a client may send it (a content action's accountId may be null, params may be left out). */
export type EnforcementUpload = z.input<typeof enforcementEntrySchema>;

export const enforcementBatchBodySchema = z.object({ entries: z.array(enforcementEntrySchema).min(1).max(500) });

export const enforcementQuerySchema = z.object({
  itemId: idSchema.optional(),
  accountId: idSchema.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});
export type EnforcementQuery = z.output<typeof enforcementQuerySchema>;

/** A stored action as GET /actions lists it: accountId is the platform account, moderatorId who acted. */
export const enforcementRecordSchema = z.object({
  idempotencyKey: z.string(),
  kind: enforcementKindSchema,
  action: enforcementActionSchema,
  itemIds: z.array(z.string()),
  accountId: z.string().nullable(),
  reasonCode: z.string(),
  params: enforcementParamsSchema,
  decidedAt: dateTimeSchema,
  moderatorId: z.string(),
  receivedAt: dateTimeSchema,
});
export type EnforcementRecord = z.infer<typeof enforcementRecordSchema>;
