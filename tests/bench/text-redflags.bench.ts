// Red-flag matching on 100 kB of chat text: ours (normalisation + set-of-states trie, spans in the
// original) vs the naive peer a first version would ship: lower-case the text and run one
// word-bounded RegExp alternation of the phrases (no obfuscation handling at all). The ratio is the
// price of catching disguised phrases. Also: grooming scoring of a 1,000-message thread.
// Run: npx tsx tests/bench/text-redflags.bench.ts
import os from 'node:os';
import { bundledLexicon, compileLexicon, findRedFlags, scoreGroomingThread } from '../../electron/core/signals/text/index';

const RUNS = 9;
const WARMUP = 2;
const SIZE = 100_000;

function median(label: string, run: () => unknown): number {
  for (let i = 0; i < WARMUP; i++) run();
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    run();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  const mid = samples[Math.floor(samples.length / 2)]!;
  console.log(`  ${label.padEnd(60)} ${mid.toFixed(2).padStart(8)} ms  (min ${samples[0]!.toFixed(2)}, max ${samples.at(-1)!.toFixed(2)})`);
  return mid;
}

/** Chat-like text: mostly ordinary words, some plain and some disguised phrases, some non-Latin letters. */
function chatText(): string {
  const words = ['hey', 'what', 'are', 'you', 'doing', 'tonight', 'skill', 'killer', 'game', 'lol', 'señor', 'straße', 'ok', 'see', 'ya'];
  const planted = ['kill yourself', 'k1ll y0urself', 'k i l l yourself', 'send nudes', 'gift card', 'kіll уоurѕеlf'];
  let text = '';
  for (let i = 0; text.length < SIZE; i++) {
    text += i % 40 === 39 ? `${planted[(i / 40) % planted.length | 0]}. ` : `${words[(i * 7) % words.length]} `;
  }
  return text.slice(0, SIZE);
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const lexicon = bundledLexicon('en');
const compiled = compileLexicon(lexicon);
const peer = new RegExp(`\\b(?:${lexicon.entries.map((e) => escapeRegExp(e.phrase.toLowerCase())).join('|')})\\b`, 'g');
const text = chatText();

console.log(`\ntext red-flag bench: ${RUNS} runs after ${WARMUP} warm-up, median ms per 100 kB text, ${lexicon.entries.length} phrases`);
console.log(`machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'}), SHARED with other engineers' builds: figures are noisy\n`);

let oursCount = 0;
let peerCount = 0;
const ours = median('ours: findRedFlags (normalise + match + spans)', () => {
  oursCount = findRedFlags(text, compiled).length;
});
const naive = median('peer: lower-case + one \\b RegExp alternation', () => {
  peerCount = [...text.toLowerCase().matchAll(peer)].length;
});
median('ours: compileLexicon (once per lexicon version)', () => compileLexicon(lexicon));

const thread = Array.from({ length: 1000 }, (_, i) => ({
  id: `m${i}`,
  fromHandle: i % 2 ? 'a' : 'b',
  text: i % 50 === 0 ? 'how old are you? dont tell anyone, add me on snap' : 'haha yes see you at practice tomorrow',
}));
median('ours: scoreGroomingThread, 1,000 messages', () => scoreGroomingThread(thread, compiled));

console.log(`\n  matches found: ours ${oursCount}, peer ${peerCount} (the peer misses every disguised phrase)`);
console.log(`  ratio ours / peer: ${(ours / naive).toFixed(1)}x slower, ${((SIZE / 1e6) / (ours / 1000)).toFixed(1)} MB/s for ours\n`);
