import { describe, expect, test } from 'vitest';
import { bundledLexicon } from '../../../electron/core/signals/text';
import { createTextSignals } from '../../../electron/core/signals/pipeline/textSignals';
import { reviewItem } from '../store/fixtures';

const shipped = bundledLexicon('en');
const item = { ...reviewItem('i1'), caption: 'totally unremarkable zebracorn words' };

function source(stored: unknown) {
  const reads = { count: 0 };
  return {
    reads,
    synced: {
      storedLexiconVersion: (locale: string) => (locale === 'en' && stored ? (stored as { version: number }).version : null),
      storedLexicon: (locale: string) => {
        reads.count++;
        return locale === 'en' ? stored : null;
      },
    },
  };
}
const withZebracorn = (version: number) => ({
  ...shipped,
  version,
  entries: [...shipped.entries, { id: 'en.scam.zebracorn', phrase: 'zebracorn', category: 'scam', severity: 2 }],
});

describe('text signals read the newest lexicon', () => {
  test('the bundled one while nothing newer is synced', () => {
    const { synced } = source(withZebracorn(shipped.version));
    const signals = createTextSignals(synced, () => {})(item);
    expect(signals.lexicon).toEqual({ locale: 'en', version: shipped.version });
    expect(signals.redFlags).toEqual([]);
  });

  test('the synced one once it is newer, read from the store once per version', () => {
    const { synced, reads } = source(withZebracorn(shipped.version + 1));
    const signalsOf = createTextSignals(synced, () => {});
    const first = signalsOf(item);
    signalsOf(item);
    expect(first.lexicon).toEqual({ locale: 'en', version: shipped.version + 1 });
    expect(first.redFlags).toEqual([{ fieldId: 'caption', start: 21, end: 30, entryId: 'en.scam.zebracorn', category: 'scam', severity: 2 }]);
    expect(reads.count).toBe(1);
  });

  test('a damaged synced lexicon falls back to the bundled one, logged once', () => {
    const lines: string[] = [];
    const { synced } = source({ ...withZebracorn(shipped.version + 1), entries: [{ id: 'x', phrase: '', category: 'nonsense', severity: 9 }] });
    const signalsOf = createTextSignals(synced, (line) => lines.push(line));
    expect(signalsOf(item).lexicon.version).toBe(shipped.version);
    signalsOf(item);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`the synced 'en' lexicon version ${shipped.version + 1} is unusable .*red flags use the bundled version`));
  });
});
