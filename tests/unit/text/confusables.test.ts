import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { CONFUSABLES_JSON, CONFUSABLES_TXT, deriveTable } from '../../../scripts/unicode/confusables';

describe('the look-alike table', () => {
  test('is derived from the UTS #39 confusables.txt kept beside it', () => {
    const derived = deriveTable(readFileSync(CONFUSABLES_TXT, 'utf8'));
    const stored = JSON.parse(readFileSync(CONFUSABLES_JSON, 'utf8')) as unknown;
    expect(stored, 'regenerate with: npx tsx scripts/unicode/confusables.ts').toEqual(derived);
  });

  test('covers Cyrillic and Greek look-alikes well beyond a hand list', () => {
    const { skeletons } = deriveTable(readFileSync(CONFUSABLES_TXT, 'utf8'));
    expect(Object.keys(skeletons).length).toBeGreaterThan(1500);
    expect([...'аеорсхуіјѕԁһԛԝкмнтв'].map((c) => skeletons[c]).join('')).toBe('aeopcxyijsdhqwkmhtb');
  });
});
