import { readFileSync } from 'node:fs';
import path from 'node:path';
import { LOCALES } from '@workstation/protocol';
import { describe, expect, test } from 'vitest';
import { bundledLexicon } from '../../../electron/core/signals/text';
import { seedLexicon } from '../../../upstream/domain/sync/baseline';

const repoRoot = path.resolve(import.meta.dirname, '../../..');
const read = (file: string) => readFileSync(path.join(repoRoot, file), 'utf8');

describe.each(LOCALES)("the app's bundled %s lexicon", (locale) => {
  test('is the reference upstream’s seed, byte for byte', () => {
    const seed = `upstream/seed/lexicons/${locale}.json`;
    const bundled = `resources/lexicons/${locale}.json`;
    expect(
      read(bundled),
      `${bundled} differs from ${seed}, which the upstream publishes as version 1: edit the seed, then run cp ${seed} ${bundled}`,
    ).toBe(read(seed));
  });

  test('reads as the same lexicon on both sides', () => {
    expect(bundledLexicon(locale)).toEqual(seedLexicon(locale));
  });
});
