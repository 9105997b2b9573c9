import { bankCategorySchema, lexiconSchema, type BankEntry, type Checksums, type SyncDelta } from '@workstation/protocol';
import { checksumOf, subjectKey, subjectVersion, type SubjectState } from '@workstation/protocol/checksums';
import { applyLexiconDelta, bundledLocales, LexiconDeltaError } from '../signals';
import type { Store } from '../store';

/** What is held locally per subject key, and why some of it cannot be verified as held. */
export interface LocalSubjects {
  states: Map<string, SubjectState>;
  /** Subjects whose stored copy is unusable or incomplete: they can only be fixed from a snapshot. */
  problems: Map<string, string>;
}

/** Reads every synced subject from the store in the shape its checksum is taken over. */
export function readLocalSubjects(store: Store): LocalSubjects {
  const states = new Map<string, SubjectState>();
  const problems = new Map<string, string>();
  const policy = store.policy();
  if (policy) states.set(subjectKey({ kind: 'policy' }), { kind: 'policy', version: policy.version, reasonCodes: policy.reasonCodes });
  const wellness = store.wellnessPolicy();
  if (wellness) {
    const { version, ...content } = wellness.policy;
    states.set(subjectKey({ kind: 'wellness_policy' }), { kind: 'wellness_policy', version, policy: content });
  }
  for (const stored of store.storedLexicons()) {
    const parsed = lexiconSchema.safeParse(stored);
    const key = subjectKey({ kind: 'lexicon', locale: stored.locale });
    if (parsed.success) states.set(key, { kind: 'lexicon', ...parsed.data });
    else problems.set(key, `the stored copy is damaged (${parsed.error.issues[0]?.message ?? 'invalid'})`);
  }
  const names = store.hashBankDisplayNames();
  const entries = new Map<string, BankEntry[]>();
  for (const e of store.hashBankEntries()) {
    const list = entries.get(e.bank) ?? [];
    list.push({ id: e.entryId, kind: e.kind, hash: e.hash });
    entries.set(e.bank, list);
  }
  for (const bank of store.hashBanks()) {
    const key = subjectKey({ kind: 'hash_bank', bank: { id: bank.name } });
    const name = names.get(bank.name);
    if (name === undefined) problems.set(key, 'its display name, part of the checksum, was never synced');
    const category = bankCategorySchema.safeParse(bank.category);
    if (!category.success) {
      problems.set(key, `its stored category '${bank.category}' is not one the protocol knows`);
      continue;
    }
    states.set(key, {
      kind: 'hash_bank',
      bank: { id: bank.name, name: name ?? '', category: category.data, version: bank.version },
      entries: entries.get(bank.name) ?? [],
    });
  }
  return { states, problems };
}

/**
 * Why a synced subject is not one this workstation takes, or null: a lexicon for a locale the app
 * has no bundled lexicon of. Languages come with the app (resources/lexicons), so such a lexicon
 * could never be used, and a typo in a locale must not quietly stand in for a language.
 */
export function notTaken(key: string): string | null {
  const locale = /^lexicon:(.*)$/.exec(key)?.[1];
  if (locale === undefined || bundledLocales().includes(locale)) return null;
  return `its locale '${locale}' is unknown to this app (it has lexicons for ${bundledLocales().join(', ')})`;
}

/** A page's deltas applied in memory: nothing is written until the result is verified. */
export interface StagedPage {
  /** Subjects the page moved forward, at their new state. */
  staged: Map<string, SubjectState>;
  /** Per bank key, the deltas that got it there, in order, for applying incrementally. */
  bankSteps: Map<string, Array<Extract<SyncDelta, { kind: 'hash_bank' }>>>;
  /** Subjects whose deltas do not fit the local copy, with the reason: they resync from a snapshot. */
  outOfStep: Map<string, string>;
  /** How many of the page's deltas moved each staged subject. */
  applied: Map<string, number>;
  /** Subjects this workstation does not take (notTaken), with the reason: neither applied nor resynced. */
  refused: Map<string, string>;
}

class DoesNotFit extends Error {}

function patchEntries<T extends { id: string }>(held: readonly T[], add: readonly T[], remove: readonly string[]): T[] {
  const byId = new Map(held.map((e) => [e.id, e]));
  for (const id of remove) if (!byId.delete(id)) throw new DoesNotFit(`it removes entry '${id}', which is not held here`);
  for (const e of add) {
    if (byId.has(e.id)) throw new DoesNotFit(`it adds entry '${e.id}', which is already held here`);
    byId.set(e.id, e);
  }
  return [...byId.values()];
}

function advance(current: SubjectState | undefined, delta: SyncDelta): SubjectState {
  switch (delta.kind) {
    case 'policy':
      return { kind: 'policy', version: delta.toVersion, reasonCodes: delta.reasonCodes };
    case 'wellness_policy':
      return { kind: 'wellness_policy', version: delta.toVersion, policy: delta.policy };
    case 'lexicon': {
      if (current?.kind === 'lexicon') {
        try {
          return { kind: 'lexicon', ...applyLexiconDelta(current, delta) };
        } catch (error) {
          if (error instanceof LexiconDeltaError) throw new DoesNotFit(error.message);
          throw error;
        }
      }
      const created = {
        locale: delta.locale,
        version: delta.toVersion,
        updatedAt: delta.updatedAt,
        entries: patchEntries([], delta.add, delta.remove),
      };
      return { kind: 'lexicon', ...lexiconSchema.parse(created) };
    }
    case 'hash_bank': {
      const held = current?.kind === 'hash_bank' ? current : undefined;
      if (held && held.bank.category !== delta.bank.category) {
        throw new DoesNotFit(`it changes the bank's category from '${held.bank.category}' to '${delta.bank.category}'`);
      }
      return { kind: 'hash_bank', bank: delta.bank, entries: patchEntries(held?.entries ?? [], delta.add, delta.remove) };
    }
  }
}

/**
 * Applies a page's deltas to copies of the local subjects by the version rule (openapi.yaml,
 * /sync/deltas): skip a delta whose toVersion is at or below the held version, apply one whose
 * fromVersion is the held version, and mark the subject out of step otherwise.
 */
export function stagePage(local: LocalSubjects, deltas: readonly SyncDelta[]): StagedPage {
  const page: StagedPage = { staged: new Map(), bankSteps: new Map(), outOfStep: new Map(), applied: new Map(), refused: new Map() };
  for (const delta of deltas) {
    const key = subjectKey(delta);
    const refusal = notTaken(key);
    if (refusal !== null) {
      page.refused.set(key, refusal);
      continue;
    }
    if (page.outOfStep.has(key)) continue;
    const current = page.staged.get(key) ?? local.states.get(key);
    const held = current ? subjectVersion(current) : 0;
    if (delta.toVersion <= held) continue;
    if (delta.fromVersion !== held) {
      page.outOfStep.set(key, `its delta ${delta.fromVersion}->${delta.toVersion} does not follow version ${held} held here`);
      continue;
    }
    try {
      page.staged.set(key, advance(current, delta));
    } catch (error) {
      if (!(error instanceof DoesNotFit)) throw error;
      page.outOfStep.set(key, `its delta ${delta.fromVersion}->${delta.toVersion} does not fit: ${error.message}`);
      page.staged.delete(key);
      page.bankSteps.delete(key);
      page.applied.delete(key);
      continue;
    }
    if (delta.kind === 'hash_bank') page.bankSteps.set(key, [...(page.bankSteps.get(key) ?? []), delta]);
    page.applied.set(key, (page.applied.get(key) ?? 0) + 1);
  }
  return page;
}

/**
 * Compares the staged result with the page's checksums: for each subject the upstream names, the
 * copy this page would leave must be at its version with its SHA-256. A copy already past that
 * version came from a later snapshot and is checked by a later page. Returns why each failing
 * subject failed.
 */
export function verifyStaged(local: LocalSubjects, page: StagedPage, checksums: Checksums): Map<string, string> {
  const failed = new Map<string, string>();
  for (const key of page.staged.keys()) if (!(key in checksums)) failed.set(key, "the page's checksums do not cover it");
  for (const [key, remote] of Object.entries(checksums)) {
    if (page.outOfStep.has(key) || notTaken(key) !== null) continue;
    const state = page.staged.get(key) ?? local.states.get(key);
    const problem = page.staged.has(key) ? undefined : local.problems.get(key);
    if (problem) failed.set(key, problem);
    else if (!state) failed.set(key, `the upstream has it at version ${remote.version} but it is not held here`);
    else if (subjectVersion(state) < remote.version)
      failed.set(key, `held at version ${subjectVersion(state)}, the upstream is at ${remote.version}`);
    else if (subjectVersion(state) === remote.version) {
      const sha256 = checksumOf(state);
      if (sha256 !== remote.sha256) failed.set(key, `version ${remote.version} checksums to ${sha256} here, the upstream says ${remote.sha256}`);
    }
  }
  return failed;
}
