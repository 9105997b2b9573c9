import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { canonicalJson, checksumOf, type SubjectState } from '@workstation/protocol/checksums';
import { parse } from 'yaml';
import { describe, expect, test } from 'vitest';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const checksumsDoc: string = parse(readFileSync(path.join(repoRoot, 'upstream/openapi.yaml'), 'utf8')).components.schemas.Checksums.description;
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describe('the canonical form checksums are taken over', () => {
  test("a bank's checksum is the SHA-256 of exactly the string openapi.yaml's worked example spells out", () => {
    const example = /hashes the string\s+`([^`]+)`/.exec(checksumsDoc)![1]!;
    const bank: SubjectState = {
      kind: 'hash_bank',
      bank: { version: 1, name: 'B', id: 'b', category: 'child_safety' },
      entries: [{ kind: 'md5', id: 'e1', hash: '0'.repeat(32) }],
    };
    expect(canonicalJson({ entries: bank.entries, bank: bank.bank })).toBe(example);
    expect(checksumOf(bank)).toBe(sha256(example));
  });

  test('object keys sorted, strings escaped as JSON.stringify does, no whitespace', () => {
    expect(canonicalJson({ b: 1, B: [2, { z: 'é"\n', a: null }], a: true })).toBe('{"B":[2,{"a":null,"z":"é\\"\\n"}],"a":true,"b":1}');
  });

  test('entries go in id order by UTF-16 code units (not code points, not locale), and only the documented fields count', () => {
    const entry = (id: string) => ({ id, phrase: `p-${id}`, category: 'scam' as const, severity: 1 as const });
    const lexicon: SubjectState = {
      kind: 'lexicon',
      locale: 'en',
      version: 3,
      updatedAt: '2025-01-01T00:00:00.000Z',
      entries: ['\uff5e', '😀', 'a', 'Z'].map(entry),
    };
    // '😀' is U+1F600 but its first UTF-16 unit 0xD83D sorts before U+FF5E; 'Z' before 'a' unlike a locale collation.
    const expected = {
      entries: ['Z', 'a', '😀', '\uff5e'].map((id) => ({ category: 'scam', id, phrase: `p-${id}`, severity: 1 })),
      locale: 'en',
      version: 3,
    };
    expect(checksumOf(lexicon)).toBe(sha256(canonicalJson(expected)));
    const withExtras = { ...lexicon, entries: lexicon.entries.map((e) => ({ ...e, updatedAt: 'later' })), updatedAt: '2030-01-01T00:00:00.000Z' };
    expect(checksumOf(withExtras)).toBe(checksumOf(lexicon));
  });

  test('a policy keeps its reason codes in display order, each with its five fields', () => {
    const code = (c: string) => ({ code: c, label: `L ${c}`, category: 'hate', description: 'd', actions: ['remove_content', 'warn'] });
    const policy: SubjectState = { kind: 'policy', version: 2, reasonCodes: [code('Z-1'), code('A-1')] };
    expect(checksumOf(policy)).toBe(
      sha256(
        '{"reasonCodes":[' +
          '{"actions":["remove_content","warn"],"category":"hate","code":"Z-1","description":"d","label":"L Z-1"},' +
          '{"actions":["remove_content","warn"],"category":"hate","code":"A-1","description":"d","label":"L A-1"}' +
          '],"version":2}',
      ),
    );
  });
});
