import { lexiconSchema, LOCALES, parseLocaleFile, type Lexicon, type SeededLocale } from '@workstation/protocol';
import type { Db } from '../../db';
import de from '../../seed/lexicons/de.json';
import en from '../../seed/lexicons/en.json';
import es from '../../seed/lexicons/es.json';
import { createLexiconIfMissing } from './lexicons';
import { seedWellnessPolicyIfMissing } from '../wellness/policy';
import { publishPolicyIfBehind } from './policy';

const SEED_LEXICONS: Record<SeededLocale, unknown> = { en, es, de };

/** The lexicon this upstream starts a locale with: upstream/seed/lexicons/<locale>.json, its version 1. */
export function seedLexicon(locale: SeededLocale): Lexicon {
  return parseLocaleFile(lexiconSchema, SEED_LEXICONS[locale], locale, `upstream/seed/lexicons/${locale}.json`);
}

/**
 * Puts what every upstream serves into the sync log: the current policy, the default wellness
 * policy when there is none yet, and the seed lexicons
 * for any locale the upstream has none of yet. Safe to run at every start, and by two servers at
 * once: each step re-checks under the publishing lock.
 */
export async function seedSyncBaseline(db: Db): Promise<void> {
  await publishPolicyIfBehind(db);
  await seedWellnessPolicyIfMissing(db);
  for (const locale of LOCALES) await createLexiconIfMissing(db, seedLexicon(locale));
}
