import { describe, expect, it } from 'vitest';
import { catalogues, createTranslator, pickUiLocale, placeholdersOf } from '../../../renderer/i18n';
import { de } from '../../../renderer/i18n/de';
import { en } from '../../../renderer/i18n/en';

describe('UI catalogues', () => {
  it('de has exactly the keys of en', () => {
    expect(Object.keys(de).sort()).toEqual(Object.keys(en).sort());
  });

  it.each(Object.entries(catalogues))('%s uses the same placeholders as en for every key', (_, catalogue) => {
    for (const [key, message] of Object.entries(en)) {
      expect(placeholdersOf(catalogue[key as keyof typeof en]), key).toEqual(placeholdersOf(message));
    }
  });

  it.each(Object.entries(catalogues))('%s has no empty message', (_, catalogue) => {
    const empty = Object.entries(catalogue).filter(([, message]) => message.trim() === '');
    expect(empty).toEqual([]);
  });

  it('de is actually translated, not a copy of en', () => {
    const same = Object.keys(en).filter((key) => de[key as keyof typeof en] === en[key as keyof typeof en]);
    // Words that are the same in both languages (Online, Offline, Handle) are fine; a copy is not.
    expect(same.length).toBeLessThan(Object.keys(en).length / 10);
  });
});

describe('pickUiLocale', () => {
  it('takes the first preferred language with a catalogue, by primary subtag', () => {
    expect(pickUiLocale(['de-AT', 'en-US'])).toBe('de');
    expect(pickUiLocale(['fr-FR', 'de'])).toBe('de');
    expect(pickUiLocale(['EN-gb'])).toBe('en');
  });

  it('falls back to English', () => {
    expect(pickUiLocale(['fr', 'es-MX'])).toBe('en');
    expect(pickUiLocale([])).toBe('en');
  });
});

describe('createTranslator', () => {
  it('fills placeholders and formats numbers in the UI locale', () => {
    expect(createTranslator('en')('sync.pending', { count: 1234 })).toBe('1,234 pending uploads');
    expect(createTranslator('de')('sync.pending', { count: 1234 })).toBe('1.234 ausstehende Uploads');
  });

  it('leaves a placeholder visible when its value is missing', () => {
    expect(createTranslator('en')('header.progress', { done: 2 })).toBe('2 of {total} done');
  });
});
