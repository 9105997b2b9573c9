/**
 * Derives the look-alike table the red-flag normaliser uses from Unicode's own confusables data
 * (UTS #39, resources/unicode/confusables.txt, kept verbatim): every non-ASCII character whose
 * skeleton folds to ASCII letters, digits or leet symbols. Only those matter, because lexicon
 * phrases are matched in that alphabet; the rest of the table would only blur other scripts.
 *
 * Run after replacing confusables.txt with a newer release:
 *   npx tsx scripts/unicode/confusables.ts
 * tests/unit/text/confusables.test.ts fails while the JSON and the text file disagree.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const CONFUSABLES_TXT = path.resolve(import.meta.dirname, '../../resources/unicode/confusables.txt');
export const CONFUSABLES_JSON = path.resolve(import.meta.dirname, '../../resources/unicode/confusables-latin.json');

/**
 * Where the table's prototype is itself a letter nobody types (a small capital, kra, a turned w),
 * the chain stops short of ASCII. These finish it, each by how the glyph reads; small capitals are
 * finished from the letter's own name in the table's comment instead of being listed here.
 */
const FINISH: Readonly<Record<string, string>> = {
  ĸ: 'k',
  ʍ: 'm',
  ƅ: 'b',
  ɜ: 'e',
  π: 'n',
};

/**
 * Lower-case Greek and Cyrillic letters that read as a Latin letter in running text but that UTS
 * #39 does not list (it lists the capitals, or maps them to a letter with a bar). Kept short: each
 * is a common trick in the wild, and each must read the same to a person.
 */
const ADDITIONS: Readonly<Record<string, string>> = {
  ε: 'e',
  є: 'e',
  χ: 'x',
  β: 'b',
  μ: 'u',
  ω: 'w',
};

const KEEP = /^[a-z0-9'!$@|]+$/;
const MARKS = /\p{M}/gu;
const SMALL_CAPITAL = /LATIN LETTER SMALL CAPITAL ([A-Z])\b/;

function fold(target: string, targetName: string): string {
  const smallCapital = SMALL_CAPITAL.exec(targetName);
  if (smallCapital && [...target].length === 1) return smallCapital[1]!.toLowerCase();
  let out = '';
  for (const char of target.normalize('NFKD').replace(MARKS, '')) out += FINISH[char] ?? char;
  return out.toLowerCase();
}

export interface ConfusablesTable {
  /** The UTS #39 release the table was derived from. */
  readonly unicodeVersion: string;
  /** SHA-256 of the confusables.txt it was derived from. */
  readonly sourceSha256: string;
  /** Character to its skeleton in the matching alphabet. */
  readonly skeletons: Record<string, string>;
}

export function deriveTable(text: string): ConfusablesTable {
  const version = /^# Version: ([0-9.]+)$/m.exec(text)?.[1];
  if (!version) throw new Error(`${CONFUSABLES_TXT} has no '# Version:' line; is it Unicode's confusables.txt?`);
  const skeletons: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const fields = /^([0-9A-F]{4,6}) ;\t([0-9A-F ]+) ;\tMA\t#\*? \( .* \) .* → (.*)\t#/.exec(line);
    if (!fields) continue;
    const source = String.fromCodePoint(Number.parseInt(fields[1]!, 16));
    if (source.codePointAt(0)! < 0x80) continue;
    const target = String.fromCodePoint(
      ...fields[2]!
        .trim()
        .split(' ')
        .map((hex) => Number.parseInt(hex, 16)),
    );
    const skeleton = fold(target, fields[3]!);
    if (KEEP.test(skeleton)) skeletons[source] = skeleton;
  }
  Object.assign(skeletons, ADDITIONS);
  return { unicodeVersion: version, sourceSha256: createHash('sha256').update(text, 'utf8').digest('hex'), skeletons };
}

if (process.argv[1] === import.meta.filename) {
  const table = deriveTable(readFileSync(CONFUSABLES_TXT, 'utf8'));
  writeFileSync(CONFUSABLES_JSON, `${JSON.stringify(table, null, 0)}\n`);
  console.log(`${CONFUSABLES_JSON}: ${Object.keys(table.skeletons).length} characters from UTS #39 ${table.unicodeVersion}`);
}
