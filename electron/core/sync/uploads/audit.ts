import { appealDecisionEntrySchema, qaEntrySchema } from '@workstation/protocol';
import type { UploadKind } from './kind';

/** A supervisor's QA results. */
export const qaUpload: UploadKind<typeof qaEntrySchema> = {
  schema: qaEntrySchema,
  maxPerRequest: 500,
  send: (client, token, entries) => client.uploadQa(token, entries),
};

/** A supervisor's appeal outcomes. */
export const appealUpload: UploadKind<typeof appealDecisionEntrySchema> = {
  schema: appealDecisionEntrySchema,
  maxPerRequest: 500,
  send: (client, token, entries) => client.uploadAppealOutcomes(token, entries),
};
