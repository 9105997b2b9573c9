/**
 * The checksums of synced subjects (openapi.yaml, Checksums): the upstream publishes them, the
 * workstation verifies what it holds against them, so both take them exactly here.
 */
import { createHash } from 'node:crypto';
import type { BankEntry, HashBank } from './banks';
import type { SyncKind } from './deltas';
import type { Lexicon } from './lexicons';
import type { Policy } from './policy';
import type { WellnessPolicyContent } from './wellness';

/** One synced subject's whole state: the policy, one locale's lexicon, or one hash bank. */
export type SubjectState =
  | ({ kind: 'policy' } & Policy)
  | ({ kind: 'lexicon' } & Lexicon)
  | { kind: 'hash_bank'; bank: HashBank; entries: BankEntry[] }
  | { kind: 'wellness_policy'; version: number; policy: WellnessPolicyContent };

/** What names a subject: a state, a delta or a snapshot of it. */
type SubjectRef =
  { kind: 'policy' } | { kind: 'wellness_policy' } | { kind: 'lexicon'; locale: string } | { kind: 'hash_bank'; bank: { id: string } };

/** The key `checksums` use: `policy`, `wellness_policy`, `lexicon:<locale>` or `hash_bank:<bank id>`. */
export function checksumKey(kind: SyncKind, subject: string): string {
  return kind === 'policy' || kind === 'wellness_policy' ? kind : `${kind}:${subject}`;
}

export function subjectKey(about: SubjectRef): string {
  if (about.kind === 'policy' || about.kind === 'wellness_policy') return checksumKey(about.kind, about.kind);
  return about.kind === 'lexicon' ? checksumKey('lexicon', about.locale) : checksumKey('hash_bank', about.bank.id);
}

export function subjectVersion(state: SubjectState): number {
  return state.kind === 'hash_bank' ? state.bank.version : state.version;
}

/**
 * JSON with no whitespace and every object's keys in ascending UTF-16 order, values as
 * JSON.stringify writes them (openapi.yaml, Checksums). Arrays keep the order they are given.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const fields = Object.keys(record)
      .filter((key) => record[key] !== undefined)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`);
    return `{${fields.join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Entry lists go in id order by UTF-16 code units (JavaScript's default sort), never a locale or database collation. */
export function byId<T extends { id: string }>(entries: readonly T[]): T[] {
  return [...entries].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Exactly the fields the checksum covers: what the state says, not when it arrived (updatedAt is left out). */
export function canonicalState(state: SubjectState): unknown {
  switch (state.kind) {
    case 'policy':
      return {
        reasonCodes: state.reasonCodes.map(({ actions, category, code, description, label }) => ({ actions, category, code, description, label })),
        version: state.version,
      };
    case 'lexicon':
      return {
        // Absent optional fields are left out by canonicalJson, so plain entries hash as they always did.
        entries: byId(
          state.entries.map(({ category, id, nearMisses, pattern, phrase, regex, severity }) => ({
            category,
            id,
            nearMisses,
            pattern,
            phrase,
            regex,
            severity,
          })),
        ),
        locale: state.locale,
        version: state.version,
      };
    case 'hash_bank': {
      const { category, id, name, version } = state.bank;
      return {
        bank: { category, id, name, version },
        entries: byId(state.entries.map(({ hash, id: entryId, kind }) => ({ hash, id: entryId, kind }))),
      };
    }
    case 'wellness_policy':
      // Every member of the policy counts; canonicalJson orders the keys at every depth.
      return { policy: state.policy, version: state.version };
  }
}

/** Lowercase hex SHA-256 of the UTF-8 bytes of the state's canonical form. */
export function checksumOf(state: SubjectState): string {
  return createHash('sha256')
    .update(canonicalJson(canonicalState(state)), 'utf8')
    .digest('hex');
}

/** The immutable fields of a decision record that its link in the workstation's hash chain commits to. */
export interface ChainedDecision {
  workstationId: string;
  seq: number;
  idempotencyKey: string;
  itemId: string;
  assignmentId: string;
  /** The reviewer account that made the decision. */
  accountId: string;
  action: string;
  reasonCode: string | null;
  note: string | null;
  decidedAt: string;
  supersedes: string | null;
}

/**
 * A record's chain hash: SHA-256 (lowercase hex) of the previous record's hash followed by the
 * canonical JSON of the record's immutable fields. decidedAt is taken as an instant
 * (toISOString), so a database that stores it as a timestamp recomputes the same hash.
 */
export function chainHash(prevHash: string, record: ChainedDecision): string {
  const { workstationId, seq, idempotencyKey, itemId, assignmentId, accountId, action, reasonCode, note, decidedAt, supersedes } = record;
  // Named one by one: callers pass wider objects (an upload entry), whose other fields are not committed to.
  const canonical = canonicalJson({
    accountId,
    action,
    assignmentId,
    decidedAt: new Date(decidedAt).toISOString(),
    idempotencyKey,
    itemId,
    note,
    reasonCode,
    seq,
    supersedes,
    workstationId,
  });
  return createHash('sha256').update(prevHash, 'utf8').update(canonical, 'utf8').digest('hex');
}

/** The checksum of one page of a team's audit log (GET /audit/log): over its records, team, cursor and hasMore. */
export function auditPageChecksum(page: { team: unknown; records: unknown; cursor: string | null; hasMore: boolean }): string {
  return createHash('sha256')
    .update(canonicalJson({ cursor: page.cursor, hasMore: page.hasMore, records: page.records, team: page.team }), 'utf8')
    .digest('hex');
}
