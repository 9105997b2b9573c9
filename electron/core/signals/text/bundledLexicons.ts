import type { z } from 'zod';
import deGrooming from '../../../../resources/lexicons/grooming-de.json';
import enGrooming from '../../../../resources/lexicons/grooming-en.json';
import esGrooming from '../../../../resources/lexicons/grooming-es.json';
import de from '../../../../resources/lexicons/de.json';
import en from '../../../../resources/lexicons/en.json';
import es from '../../../../resources/lexicons/es.json';
import { groomingPatternFileSchema, type GroomingPatternFile } from './groomingPatternsSchema';
import { lexiconSchema, type Lexicon, type TextLocale } from './lexiconSchema';

/**
 * The lexicons shipped with the app, used until the upstream has sent newer versions. Imported
 * as modules rather than read from disk so the bundler carries them into the packaged app.
 */

export class BundledLexiconError extends Error {
  override readonly name = 'BundledLexiconError';
}

const LEXICON_FILES: Record<TextLocale, unknown> = { en, es, de };
const GROOMING_FILES: Record<TextLocale, unknown> = { en: enGrooming, es: esGrooming, de: deGrooming };

function parseBundled<T extends { locale: TextLocale }>(schema: z.ZodType<T>, data: unknown, locale: TextLocale, file: string): T {
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    throw new BundledLexiconError(
      `resources/lexicons/${file} is invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  }
  if (parsed.data.locale !== locale) {
    throw new BundledLexiconError(`resources/lexicons/${file} declares locale '${parsed.data.locale}'; it must be '${locale}'.`);
  }
  return parsed.data;
}

export function bundledLexicon(locale: TextLocale): Lexicon {
  return parseBundled(lexiconSchema, LEXICON_FILES[locale], locale, `${locale}.json`);
}

export function bundledGroomingPatterns(locale: TextLocale): GroomingPatternFile {
  return parseBundled(groomingPatternFileSchema, GROOMING_FILES[locale], locale, `grooming-${locale}.json`);
}
