import { wellnessDaySchema } from '@workstation/protocol';
import type { UploadKind } from './kind';

/** A moderator's daily exposure aggregates: per category, never per item. */
export const wellnessUpload: UploadKind<typeof wellnessDaySchema> = {
  schema: wellnessDaySchema,
  maxPerRequest: 100,
  send: (client, token, entries) => client.uploadWellnessDays(token, entries),
};
