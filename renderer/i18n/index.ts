/**
 * The UI language comes from the browser (navigator.languages) with English as the fallback.
 * It is independent of the language of the content under review, which items carry themselves.
 */
import { de } from './de';
import { en, type Catalogue, type MessageKey } from './en';

export type { Catalogue, MessageKey } from './en';

export const catalogues = { en, de } satisfies Record<string, Catalogue>;
export type UiLocale = keyof typeof catalogues;

export type Translate = (key: MessageKey, vars?: Readonly<Record<string, string | number>>) => string;

/** The first preferred language we have a catalogue for, matched on its primary subtag. */
export function pickUiLocale(preferred: readonly string[]): UiLocale {
  for (const tag of preferred) {
    const primary = tag.toLowerCase().split('-')[0];
    if (primary !== undefined && Object.prototype.hasOwnProperty.call(catalogues, primary)) {
      return primary as UiLocale;
    }
  }
  return 'en';
}

/** Placeholders with no value are left visible so a missing argument shows up in review. */
export function createTranslator(locale: UiLocale): Translate {
  const catalogue: Catalogue = catalogues[locale];
  const numbers = new Intl.NumberFormat(locale);
  return (key, vars) =>
    // Without values every placeholder stays as written: nothing to look for.
    vars === undefined
      ? catalogue[key]
      : catalogue[key].replace(/\{(\w+)\}/g, (whole, name: string) => {
          const value = vars[name];
          if (value === undefined) return whole;
          return typeof value === 'number' ? numbers.format(value) : value;
        });
}

/** Placeholder names in a message, sorted: translations must use the same ones. */
export function placeholdersOf(message: string): string[] {
  return [...message.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();
}
