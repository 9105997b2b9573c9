// Red flags (issue 14): matching 100 kB of chat text, ours (normalisation: UTS #39 skeletons, leet,
// spacing and punctuation tricks; a trie run as a set of states; regular expressions on the plain
// reading; spans in the original) against the naive peer a first version would ship: lower-case the
// text and run one word-bounded RegExp alternation of every phrase spelling of the same lexicon (no
// obfuscation handling at all). Then recall by technique on the seeded obfuscation corpus and false
// positives on the near-miss set, for both, and grooming scoring of a 1,000-message thread.
// Run: npm run bench -- redflags
import os from 'node:os';
import {
  bundledLexicon,
  bundledLocales,
  compileLexicon,
  findRedFlags,
  scoreGroomingThread,
  type CompiledLexicon,
} from '../../electron/core/signals/text/index';
import { expandPhrase } from '../../electron/core/signals/text/phraseMatcher';
import { formatRecall, nearMissSet, obfuscationCorpus, recallOf } from '../support/obfuscationCorpus';

const RUNS = 15;
const WARMUP = 3;
const SIZE = 100_000;

function timed(label: string, run: () => unknown): { median: number; min: number } {
  for (let i = 0; i < WARMUP; i++) run();
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    run();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  const median = samples[Math.floor(samples.length / 2)]!;
  console.log(`  ${label.padEnd(64)} ${median.toFixed(2).padStart(8)} ms  (min ${samples[0]!.toFixed(2)}, max ${samples.at(-1)!.toFixed(2)})`);
  return { median, min: samples[0]! };
}

/** Chat-like text: mostly ordinary words, some plain and some disguised phrases, some non-Latin letters. */
function chatText(): string {
  const words = [
    'hey',
    'what',
    'are',
    'you',
    'doing',
    'tonight',
    'skill',
    'killer',
    'game',
    'lol',
    'señor',
    'straße',
    'ok',
    'see',
    'ya',
    'how',
    'old',
    'send',
    'me',
  ];
  const planted = [
    'kill yourself',
    'k1ll y0urself',
    'k i l l yourself',
    'send nudes',
    'gift card',
    'kіll уоurѕеlf',
    'add me on snap',
    'h0w 0ld r u',
    'you have 24 hours to pay',
  ];
  let text = '';
  for (let i = 0; text.length < SIZE; i++) {
    text += i % 40 === 39 ? `${planted[((i / 40) % planted.length) | 0]}. ` : `${words[(i * 7) % words.length]} `;
  }
  return text.slice(0, SIZE);
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The naive peer: every spelling of every phrase entry in one \b alternation over the lower-cased text. */
function naiveMatcher(compiled: CompiledLexicon): (text: string) => Array<{ entryIndex: number; start: number; end: number }> {
  const spellings = compiled.entries.flatMap((e, entryIndex) =>
    e.regex === undefined ? expandPhrase(e.phrase).map((p) => ({ p: p.toLowerCase(), entryIndex })) : [],
  );
  const byText = new Map(spellings.map((s) => [s.p, s.entryIndex]));
  const pattern = new RegExp(
    `\\b(?:${[...byText.keys()]
      .sort((a, b) => b.length - a.length)
      .map(escapeRegExp)
      .join('|')})\\b`,
    'g',
  );
  return (text) =>
    [...text.toLowerCase().matchAll(pattern)].map((m) => ({ entryIndex: byText.get(m[0])!, start: m.index, end: m.index + m[0].length }));
}

const lexicons = bundledLocales().map(bundledLexicon);
const compiled = new Map(lexicons.map((l) => [l.locale, compileLexicon(l)]));
const naive = new Map([...compiled].map(([locale, c]) => [locale, naiveMatcher(c)]));
const en = compiled.get('en')!;
const text = chatText();

console.log(
  `\nred-flag bench: ${RUNS} runs after ${WARMUP} warm-up, ms per 100 kB of chat text; en lexicon: ${en.entries.length} entries, ${en.matcher.nodeCount} trie nodes`,
);
console.log(
  `machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'}), load ${os.loadavg()[0]!.toFixed(1)}, SHARED with other engineers' builds: figures are noisy\n`,
);

let oursCount = 0;
let peerCount = 0;
const ours = timed('ours: findRedFlags (normalise + match + regex + spans)', () => {
  oursCount = findRedFlags(text, en).length;
});
const peer = timed('peer: lower-case + one \\b RegExp alternation of every spelling', () => {
  peerCount = naive.get('en')!(text).length;
});
timed('ours: compileLexicon (once per lexicon version)', () => compileLexicon(bundledLexicon('en')));
const thread = Array.from({ length: 1000 }, (_, i) => ({
  id: `m${i}`,
  fromHandle: i % 2 ? 'a' : 'b',
  text: i % 50 === 0 ? 'how old are you? dont tell anyone, add me on snap' : 'haha yes see you at practice tomorrow',
}));
timed('ours: scoreGroomingThread, 1,000 messages (incl. joined runs)', () => scoreGroomingThread(thread, en));

console.log(`\n  matches found in the 100 kB: ours ${oursCount}, peer ${peerCount}`);
console.log(
  `  ratio ours / peer: ${(ours.median / peer.median).toFixed(1)}x by median, ${(ours.min / peer.min).toFixed(1)}x by best run; ours ${(SIZE / 1e6 / (ours.median / 1000)).toFixed(1)} MB/s`,
);

const cases = obfuscationCorpus(lexicons, { seed: 14 });
const spanOk = (c: (typeof cases)[number], m: { start: number; end: number }) => {
  const start = c.text.indexOf(c.disguised);
  return m.start <= start && m.end >= start + c.disguised.length - 1;
};
const corpusStart = performance.now();
const oursRecall = recallOf(cases, (c) => findRedFlags(c.text, compiled.get(c.locale)!).some((m) => m.entryId === c.entry.id && spanOk(c, m)));
const corpusMs = performance.now() - corpusStart;
const peerRecall = recallOf(cases, (c) =>
  naive.get(c.locale)!(c.text).some((m) => compiled.get(c.locale)!.entries[m.entryIndex]!.id === c.entry.id && spanOk(c, m)),
);
console.log(
  `\nobfuscation corpus (seed 14, ${cases.length} disguised phrases in ${bundledLocales().join(', ')}; ours read them in ${corpusMs.toFixed(0)} ms):`,
);
console.log(`ours\n${formatRecall(oursRecall)}`);
console.log(`peer\n  recall ${((100 * peerRecall.found) / peerRecall.cases).toFixed(1)}%  (${peerRecall.found} of ${peerRecall.cases})`);

const nearMisses = nearMissSet(lexicons);
const oursFalse = nearMisses.filter((n) => findRedFlags(n.text, compiled.get(n.locale)!).length > 0).length;
const peerFalse = nearMisses.filter((n) => naive.get(n.locale)!(n.text).length > 0).length;
console.log(`\nnear-miss set: ${nearMisses.length} texts; false positives: ours ${oursFalse}, peer ${peerFalse}\n`);
