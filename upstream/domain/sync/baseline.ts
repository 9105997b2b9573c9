import { LOCALES } from '@workstation/protocol';
import type { Db } from '../../db';
import { bundledLexicon } from '../../../electron/core/signals/text';
import { createLexiconIfMissing } from './lexicons';
import { publishPolicyIfBehind } from './policy';

/**
 * Puts what every upstream serves into the sync log: the current policy, and the lexicons the app
 * ships (resources/lexicons) for any locale the upstream has none of yet. Safe to run at every
 * start, and by two servers at once: each step re-checks under the publishing lock.
 */
export async function seedSyncBaseline(db: Db): Promise<void> {
  await publishPolicyIfBehind(db);
  for (const locale of LOCALES) await createLexiconIfMissing(db, bundledLexicon(locale));
}
