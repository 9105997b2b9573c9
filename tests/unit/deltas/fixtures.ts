import type { BankCategory, Checksums, SyncDelta } from '@workstation/protocol';
import { checksumOf, subjectKey, type SubjectState } from '@workstation/protocol/checksums';

export const hex = (digit: string, length = 64) => digit.repeat(length);

export const bankDelta = (
  id: string,
  fromVersion: number,
  toVersion: number,
  add: Array<{ id: string; kind: 'pdq' | 'sha256' | 'md5'; hash: string }>,
  remove: string[] = [],
  category: BankCategory = 'child_safety',
): Extract<SyncDelta, { kind: 'hash_bank' }> => ({
  seq: toVersion,
  kind: 'hash_bank',
  bank: { id, name: `Bank ${id}`, category, version: toVersion },
  fromVersion,
  toVersion,
  add,
  remove,
});

export const lexiconDelta = (
  fromVersion: number,
  toVersion: number,
  add: Array<{ id: string; phrase: string }>,
  remove: string[] = [],
): Extract<SyncDelta, { kind: 'lexicon' }> => ({
  seq: toVersion,
  kind: 'lexicon',
  locale: 'en',
  fromVersion,
  toVersion,
  updatedAt: '2025-03-01T12:00:00.000Z',
  add: add.map((e) => ({ ...e, category: 'scam' as const, severity: 2 as const })),
  remove,
});

/** The checksums an honest upstream sends for these states. */
export function checksumsOf(...states: SubjectState[]): Checksums {
  return Object.fromEntries(
    states.map((s) => [subjectKey(s), { version: s.kind === 'hash_bank' ? s.bank.version : s.version, sha256: checksumOf(s) }]),
  );
}

export const bankState = (
  delta: Extract<SyncDelta, { kind: 'hash_bank' }>,
  entries: Array<{ id: string; kind: 'pdq' | 'sha256' | 'md5'; hash: string }>,
): SubjectState => ({
  kind: 'hash_bank',
  bank: delta.bank,
  entries,
});
