import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { lexiconSchema, LocaleFileError, localeSchema, parseLocaleFile, type Lexicon, type Locale } from '@workstation/protocol';

/**
 * The lexicons shipped with the app (resources/lexicons/<locale>.json), used until the upstream
 * has sent newer versions. A language is added by adding its file, with no code change: the
 * locales are whatever files are there, and a synced lexicon for any other locale is refused.
 */

const LEXICONS_FOLDER = path.join('resources', 'lexicons');

/**
 * resources/lexicons in the nearest folder above this module that has one: four folders up when
 * run from source, two from the bundled main process (out/main), inside app.asar when packaged
 * (electron-builder.yml carries the files there).
 */
function lexiconsDir(): string {
  for (let dir = path.dirname(fileURLToPath(import.meta.url)); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, LEXICONS_FOLDER);
    if (existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir)
      throw new LocaleFileError(`No ${LEXICONS_FOLDER} folder above ${fileURLToPath(import.meta.url)}; the app is packaged without its lexicons.`);
  }
}

let loaded: ReadonlyMap<Locale, Lexicon> | null = null;

function load(): ReadonlyMap<Locale, Lexicon> {
  if (loaded) return loaded;
  const dir = lexiconsDir();
  const lexicons = new Map<Locale, Lexicon>();
  for (const file of readdirSync(dir).sort()) {
    const locale = /^(.+)\.json$/.exec(file)?.[1];
    if (locale === undefined) continue;
    if (!localeSchema.safeParse(locale).success) throw new LocaleFileError(`${path.join(LEXICONS_FOLDER, file)} is not named <ISO 639 code>.json.`);
    const data: unknown = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
    lexicons.set(locale, parseLocaleFile(lexiconSchema, data, locale, path.join(LEXICONS_FOLDER, file)));
  }
  loaded = lexicons;
  return lexicons;
}

/** The locales the app has a lexicon for, in code order. */
export function bundledLocales(): Locale[] {
  return [...load().keys()];
}

export function bundledLexicon(locale: Locale): Lexicon {
  const lexicon = load().get(locale);
  if (!lexicon)
    throw new LocaleFileError(
      `There is no bundled lexicon for locale '${locale}' (${LEXICONS_FOLDER}/${locale}.json); known: ${bundledLocales().join(', ')}.`,
    );
  return lexicon;
}
