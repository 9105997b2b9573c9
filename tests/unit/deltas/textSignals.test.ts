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

  test('prepared ahead of the first item: the lexicon is compiled then, and the item reads the one compiled', () => {
    const { synced, reads } = source(withZebracorn(shipped.version + 1));
    const signalsOf = createTextSignals(synced, () => {});
    signalsOf.prepare();
    expect(reads.count).toBe(1);
    expect(signalsOf(item).lexicon).toEqual({ locale: 'en', version: shipped.version + 1 });
    expect(reads.count).toBe(1);
  });

  test('a damaged synced lexicon is refused, logged once, and the bundled one goes on', () => {
    const lines: string[] = [];
    const { synced } = source({ ...withZebracorn(shipped.version + 1), entries: [{ id: 'x', phrase: '', category: 'nonsense', severity: 9 }] });
    const signalsOf = createTextSignals(synced, (line) => lines.push(line));
    expect(signalsOf(item).lexicon.version).toBe(shipped.version);
    signalsOf(item);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`refused the synced 'en' lexicon version ${shipped.version + 1} .*go on with version ${shipped.version}`));
  });

  const entry = (fields: Record<string, unknown>) => ({
    id: 'en.sextortion.bad',
    phrase: 'a countdown',
    category: 'sextortion',
    severity: 3,
    ...fields,
  });
  test.each([
    ['an invalid regular expression', entry({ regex: '(unclosed' }), /is not a valid regular expression/],
    ['a catastrophic (ReDoS) pattern', entry({ regex: '(a+)+b' }), /ReDoS-prone: '\+' repeats without bound/],
    ['nested bounded repetition', entry({ regex: '(a{1,9}){1,9}' }), /ReDoS-prone: a quantifier applies to a group that holds a quantifier/],
    ['a backreference', entry({ regex: '(a)\\1' }), /ReDoS-prone: it uses a backreference/],
    ['too much backtracking at one position', entry({ regex: 'a{0,20}b{0,20}' }), /ReDoS-prone: its quantifiers together may backtrack 441 ways/],
    [
      'an entry matching its own near-miss',
      entry({ phrase: 'how old', nearMisses: ['how old is the video'] }),
      /matches its own near-miss 'how old is the video'/,
    ],
  ])('%s is refused and the version before it keeps working', (_case, bad, problem) => {
    const lines: string[] = [];
    let stored: unknown = withZebracorn(shipped.version + 1);
    const synced = {
      storedLexiconVersion: () => (stored as { version: number }).version,
      storedLexicon: () => stored,
    };
    const signalsOf = createTextSignals(synced, (line) => lines.push(line));
    expect(signalsOf(item).redFlags.map((f) => f.entryId)).toEqual(['en.scam.zebracorn']);
    const v2 = stored as ReturnType<typeof withZebracorn>;
    stored = { ...v2, version: v2.version + 1, entries: [...v2.entries, bad] };
    const after = signalsOf(item);
    expect(after.lexicon.version).toBe(shipped.version + 1);
    expect(after.redFlags.map((f) => f.entryId)).toEqual(['en.scam.zebracorn']);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`refused the synced 'en' lexicon version ${shipped.version + 2} \\(`));
    expect(lines[0]).toMatch(problem);
    expect(lines[0]).toMatch(new RegExp(`go on with version ${shipped.version + 1}$`));
  });

  test('a language added as data alone is read with its own lexicon; one the app lacks falls back to English, logged once', () => {
    const lines: string[] = [];
    const signalsOf = createTextSignals({ storedLexiconVersion: () => null, storedLexicon: () => null }, (line) => lines.push(line));
    const french = signalsOf({ ...item, locale: 'fr', caption: "envoie moi une photo, c'est notre petit secret" });
    expect(french.lexicon).toEqual({ locale: 'fr', version: 1 });
    expect(french.redFlags.map((f) => f.entryId)).toEqual([
      'fr.sexual_solicitation.image-request.envoie-moi-une-photo',
      'fr.grooming.secrecy.notre-petit-secret',
    ]);
    const unknown = { ...item, locale: 'it', caption: 'send nudes' };
    expect(signalsOf(unknown).lexicon).toEqual({ locale: 'en', version: shipped.version });
    signalsOf(unknown);
    expect(lines).toEqual([
      "[analysis] items in locale 'it' are read with the 'en' lexicon: the app has none for 'it' (add resources/lexicons/it.json)",
    ]);
  });
});
