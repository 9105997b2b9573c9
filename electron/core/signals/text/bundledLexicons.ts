import { lexiconSchema, parseLocaleFile, type Lexicon, type Locale } from '@workstation/protocol';
import deGrooming from '../../../../resources/lexicons/grooming-de.json';
import enGrooming from '../../../../resources/lexicons/grooming-en.json';
import esGrooming from '../../../../resources/lexicons/grooming-es.json';
import de from '../../../../resources/lexicons/de.json';
import en from '../../../../resources/lexicons/en.json';
import es from '../../../../resources/lexicons/es.json';
import { groomingPatternFileSchema, type GroomingPatternFile } from './groomingPatternsSchema';

/**
 * The lexicons shipped with the app, used until the upstream has sent newer versions: a copy of
 * the reference upstream's seed (tests/unit/text/seedLexicons.test.ts keeps them equal). Imported
 * as modules rather than read from disk so the bundler carries them into the packaged app.
 */

const LEXICON_FILES: Record<Locale, unknown> = { en, es, de };
const GROOMING_FILES: Record<Locale, unknown> = { en: enGrooming, es: esGrooming, de: deGrooming };

export function bundledLexicon(locale: Locale): Lexicon {
  return parseLocaleFile(lexiconSchema, LEXICON_FILES[locale], locale, `resources/lexicons/${locale}.json`);
}

export function bundledGroomingPatterns(locale: Locale): GroomingPatternFile {
  return parseLocaleFile(groomingPatternFileSchema, GROOMING_FILES[locale], locale, `resources/lexicons/grooming-${locale}.json`);
}
