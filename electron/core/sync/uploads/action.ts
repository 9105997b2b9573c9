import { enforcementEntrySchema } from '@workstation/protocol';
import type { ActionRecord } from '../../store';
import type { UploadKind } from './kind';

export const actionUpload: UploadKind<typeof enforcementEntrySchema> = {
  schema: enforcementEntrySchema,
  maxPerRequest: 500,
  send: (client, token, entries) => client.uploadActions(token, entries),
};

/**
 * The upstream's EnforcementEntry (POST /actions/batch) for a recorded action. Which actions go
 * with which kind is the schema's to say: it checks each entry before it is sent.
 */
export function actionPayload(a: ActionRecord) {
  return {
    idempotencyKey: a.id,
    kind: a.kind,
    action: a.action,
    itemIds: a.itemIds,
    accountId: a.platformAccountId,
    reasonCode: a.reasonCode,
    params: a.params,
    decidedAt: a.decidedAt,
  };
}
