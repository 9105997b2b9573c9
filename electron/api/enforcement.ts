/**
 * Enforcement actions as the moderator applies them on this workstation. The action names and
 * their parameters are the protocol's (POST /actions/batch), so the two cannot drift.
 */
import {
  ACCOUNT_ACTIONS,
  checkEnforcementParams,
  conflictSchema,
  CONTENT_ACTIONS,
  enforcementActionSchema,
  enforcementKindSchema,
  enforcementParamsSchema,
  idSchema,
  plainTextSchema,
  reasonCodeRefSchema,
} from '@workstation/protocol';
import { z } from 'zod';

const itemIdSchema = z.string().min(1).max(128);
const applyCommon = {
  /** The items of the current batch the action is about: 1..100. */
  itemIds: z.array(itemIdSchema).min(1).max(100),
  reasonCode: reasonCodeRefSchema,
  params: enforcementParamsSchema.default({}),
  /** Kept on this workstation only; the upstream's action entries carry no note. */
  note: plainTextSchema(2000).nullable(),
};

export const applyActionInputSchema = z
  .discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('content'), action: z.enum(CONTENT_ACTIONS), accountId: idSchema.nullable(), ...applyCommon }),
    z.strictObject({ kind: z.literal('account'), action: z.enum(ACCOUNT_ACTIONS), accountId: idSchema, ...applyCommon }),
  ])
  .superRefine(checkEnforcementParams);
export type ApplyActionInput = z.infer<typeof applyActionInputSchema>;

/** Where an action is on its way to the upstream. Actions have no undo window. */
const actionUploadStateSchema = z.enum(['queued', 'uploaded', 'conflict']);

export const appliedActionSchema = z.object({
  id: z.string(),
  kind: enforcementKindSchema,
  action: enforcementActionSchema,
  itemIds: z.array(z.string()),
  accountId: z.string().nullable(),
  reasonCode: z.string(),
  params: enforcementParamsSchema,
  note: z.string().nullable(),
  decidedAt: z.string(),
  upload: actionUploadStateSchema,
  /** Set when the upstream refused the action (e.g. action_not_allowed, already_actioned). */
  conflict: conflictSchema.nullable(),
});
export type AppliedAction = z.infer<typeof appliedActionSchema>;
