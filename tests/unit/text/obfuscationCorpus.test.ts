import { describe, expect, test } from 'vitest';
import { bundledLexicon, bundledLocales, compileLexicon, findRedFlags, type CompiledLexicon } from '../../../electron/core/signals/text/index';
import { formatRecall, nearMissSet, obfuscationCorpus, recallOf, TECHNIQUES } from '../../support/obfuscationCorpus';

const lexicons = bundledLocales().map(bundledLexicon);
const compiled = new Map<string, CompiledLexicon>(lexicons.map((l) => [l.locale, compileLexicon(l)]));

describe('the seeded obfuscation corpus', () => {
  const cases = obfuscationCorpus(lexicons, { seed: 14 });

  test('applies every technique alone and in pairs and triples to every phrase entry of every locale', () => {
    const used = new Set(cases.flatMap((c) => c.techniques));
    expect(used).toEqual(new Set(TECHNIQUES.map((t) => t.name)));
    expect(new Set(cases.map((c) => c.techniques.length))).toEqual(new Set([1, 2, 3]));
    const phraseEntries = lexicons.flatMap((l) => l.entries.filter((e) => e.regex === undefined).map((e) => e.id));
    expect(new Set(cases.map((c) => c.entry.id))).toEqual(new Set(phraseEntries));
  });

  test('recall is at least 95%, by technique too, each disguised phrase found with its own span', () => {
    const report = recallOf(cases, (c) => {
      const start = c.text.indexOf(c.disguised);
      return findRedFlags(c.text, compiled.get(c.locale)!).some(
        (m) => m.entryId === c.entry.id && m.start <= start && m.end >= start + c.disguised.length - 1,
      );
    });
    console.log(`obfuscation corpus, seed 14:\n${formatRecall(report)}`);
    if (report.missed.length > 0)
      console.log(
        `  first misses:\n${report.missed
          .slice(0, 15)
          .map((c) => `    [${c.techniques.join(' + ')}] ${JSON.stringify(c.disguised)} (${c.entry.id})`)
          .join('\n')}`,
      );
    expect(report.found / report.cases).toBeGreaterThanOrEqual(0.95);
    for (const [technique, { cases: n, found }] of report.byTechnique) expect(found / n, technique).toBeGreaterThanOrEqual(0.9);
  });

  test('the near-miss set flags nothing at all', () => {
    const nearMisses = nearMissSet(lexicons);
    expect(nearMisses.length).toBeGreaterThan(200);
    const falsePositives = nearMisses.flatMap((n) =>
      findRedFlags(n.text, compiled.get(n.locale)!).map((m) => `${n.locale} '${n.text}' -> ${m.entryId}`),
    );
    console.log(`near-miss set: ${nearMisses.length} texts, ${falsePositives.length} false positives`);
    expect(falsePositives).toEqual([]);
  });
});
