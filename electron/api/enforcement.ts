/**
 * Enforcement actions a moderator applies to content or accounts, named exactly as the upstream's
 * POST /actions/batch takes them; the upstream imports these lists, so the names cannot drift.
 */
import { z } from 'zod';
import { plainText } from './wire';

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

export const MAX_SUSPENSION_DAYS = 365;

export const enforcementParamsSchema = z.strictObject({
  suspensionDays: z.int().min(1).max(MAX_SUSPENSION_DAYS).optional(),
  label: plainText(100).min(1).optional(),
});
export type EnforcementParams = z.infer<typeof enforcementParamsSchema>;

type ParamName = keyof EnforcementParams;
const PARAM_OWNERS: ReadonlyArray<{ param: ParamName; action: EnforcementAction; what: string }> = [
  { param: 'suspensionDays', action: 'suspend_account', what: `whole days, 1..${MAX_SUSPENSION_DAYS}` },
  { param: 'label', action: 'label_content', what: 'the label text to show on the content' },
];

/**
 * Each parameter belongs to exactly one action: that action needs it, every other action refuses
 * it. Issues name the field (params.suspensionDays, params.label). The upstream checks with this too.
 */
export function checkEnforcementParams(entry: { action: EnforcementAction; params: EnforcementParams }, ctx: z.RefinementCtx): void {
  for (const { param, action, what } of PARAM_OWNERS) {
    const given = entry.params[param] !== undefined;
    if (entry.action === action && !given) ctx.addIssue({ code: 'custom', path: ['params', param], message: `${action} needs params.${param} (${what})` });
    if (entry.action !== action && given) ctx.addIssue({ code: 'custom', path: ['params', param], message: `only ${action} takes params.${param}` });
  }
}

const itemId = z.string().min(1).max(128);
const accountId = z.string().min(1).max(200);
const applyCommon = {
  /** The items of the current batch the action is about: 1..100. */
  itemIds: z.array(itemId).min(1).max(100),
  reasonCode: z.string().min(1).max(64),
  params: enforcementParamsSchema.default({}),
  /** Kept on this workstation only; the upstream's action entries carry no note. */
  note: plainText(2000).nullable(),
};

export const applyActionInputSchema = z
  .discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('content'), action: z.enum(CONTENT_ACTIONS), accountId: accountId.nullable(), ...applyCommon }),
    z.strictObject({ kind: z.literal('account'), action: z.enum(ACCOUNT_ACTIONS), accountId, ...applyCommon }),
  ])
  .superRefine(checkEnforcementParams);
export type ApplyActionInput = z.infer<typeof applyActionInputSchema>;

/** Where an action is on its way to the upstream. Actions have no undo window. */
export const actionUploadStateSchema = z.enum(['queued', 'uploaded', 'conflict']);

export const appliedActionSchema = z.object({
  id: z.string(),
  kind: z.enum(['content', 'account']),
  action: enforcementActionSchema,
  itemIds: z.array(z.string()),
  accountId: z.string().nullable(),
  reasonCode: z.string(),
  params: enforcementParamsSchema,
  note: z.string().nullable(),
  decidedAt: z.string(),
  upload: actionUploadStateSchema,
  /** Set when the upstream refused the action (e.g. action_not_allowed, already_actioned). */
  conflict: z.object({ code: z.string(), message: z.string() }).nullable(),
});
export type AppliedAction = z.infer<typeof appliedActionSchema>;
