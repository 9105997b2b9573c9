import { type BankHashKind, decodeVpdqHex } from '@workstation/protocol';
import { fromHex, PDQ_MATCH_DISTANCE, PDQ_MIN_QUALITY, type PdqSignature } from '../pdq';
import type { PdqMatchIndexOptions } from '../match';
import { VPDQ_MATCH_POLICY, VpdqBankIndex, type VpdqHashFrame } from '../vpdq';
import { PdqBankRows } from './pdqRows';
import { type BankContents, bankContentsSchema, BankDeltaError, bankDeltaSchema, type BankDelta, CHILD_SAFETY } from './delta';

/** What a file is matched by: its content hashes, and its PDQ (an image) or vPDQ (a video) when it could be computed. */
export interface MatchSubject {
  sha256: string;
  md5: string;
  pdq?: PdqSignature;
  vpdq?: readonly VpdqHashFrame[];
}

export interface BankMatch {
  bank: string;
  category: string;
  entryId: string;
  kind: BankHashKind;
  /** Hamming distance for PDQ, of the closest frame pair for vPDQ; 0 for exact (sha256, md5) matches. */
  distance: number;
  /** For vPDQ: how much of the video's usable frames were found in the entry, and of the entry's in the video. */
  vpdq?: { queryMatchPct: number; targetMatchPct: number };
}

export interface BankMatchReport {
  matches: BankMatch[];
  /** The PDQ hash (every vPDQ frame, for a video) was too featureless (quality < 50) to match on; exact hashes were still checked. */
  lowQuality: boolean;
}

export interface HashBankSummary {
  name: string;
  category: string;
  version: number;
  updatedAt: string;
  entries: number;
}

/** An entry as the store keeps it. */
export interface StoredEntry {
  bank: string;
  entryId: string;
  kind: BankHashKind;
  hash: string;
}

/** What the index needs from the store (core/store satisfies it). */
export interface HashBankStore {
  hashBanks(): Array<{ name: string; category: string; version: number; updatedAt: string }>;
  /** Every entry, read one at a time: at 10M entries an array of them all would not fit beside the index. */
  eachHashBankEntry(): Iterable<StoredEntry>;
  /** displaced: the entries the change removed or overwrote, as they were, so memory can drop them by hash. */
  applyHashBankChange(
    change: {
      bank: string;
      category: string;
      fromVersion: number;
      toVersion: number;
      add: ReadonlyArray<{ id: string; kind: BankHashKind; hash: string }>;
      remove: readonly string[];
    },
    appliedAt: string,
  ): { applied: true; displaced: StoredEntry[] } | { applied: false; currentVersion: number };
  replaceHashBank(
    contents: { bank: string; category: string; version: number; entries: ReadonlyArray<{ id: string; kind: BankHashKind; hash: string }> },
    replacedAt: string,
  ): void;
}

type ExactKind = 'sha256' | 'md5';

/** vPDQ entries are few (one per video, not per frame) and keyed by bank and id together. */
const vpdqKey = (bank: string, entryId: string) => JSON.stringify([bank, entryId]);

/**
 * Every bank's hashes in memory: PDQ entries in PdqBankRows (a multi-index exact up to 31 bits,
 * about 90 bytes an entry with its id and bank), vPDQ entries in a frame index of their own, and
 * one map per exact kind. Loaded from the
 * store at start, then kept current by applying each delta to the store first and to memory
 * second, so memory never runs ahead of disk.
 */
export class HashBankIndex {
  private readonly banks = new Map<string, { category: string; version: number; updatedAt: string }>();
  /** PDQ rows name their bank by number: names[number]. */
  private readonly bankNumbers = new Map<string, number>();
  private readonly bankNames: string[] = [];
  private readonly entryCounts = new Map<string, number>();
  private readonly pdq: PdqBankRows;
  private readonly vpdq = new VpdqBankIndex();
  private readonly exact: Record<ExactKind, Map<string, Array<{ bank: string; entryId: string }>>> = { sha256: new Map(), md5: new Map() };

  private constructor(
    private readonly store: HashBankStore,
    private readonly clock: () => Date,
    options: PdqMatchIndexOptions,
  ) {
    this.pdq = new PdqBankRows(options);
  }

  static load(store: HashBankStore, clock: () => Date = () => new Date(), options: PdqMatchIndexOptions = {}): HashBankIndex {
    const index = new HashBankIndex(store, clock, options);
    for (const bank of store.hashBanks()) index.banks.set(bank.name, bank);
    for (const entry of store.eachHashBankEntry()) index.put(entry);
    index.pdq.settleIfDue();
    return index;
  }

  /** Bytes of the PDQ entries' structure (typed arrays, all it holds). */
  get pdqByteLength(): number {
    return this.pdq.byteLength;
  }

  /** Applies one delta; throws BankDeltaError (and changes nothing) when it is invalid or out of order. */
  applyDelta(input: BankDelta): HashBankSummary {
    const parsed = bankDeltaSchema.safeParse(input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new BankDeltaError('invalid', `Hash bank delta refused: ${issue?.path.join('.') || 'delta'}: ${issue?.message ?? 'invalid'}`);
    }
    const delta = parsed.data;
    const known = this.banks.get(delta.bank);
    const category = delta.category ?? known?.category;
    if (!category) {
      throw new BankDeltaError('category_missing', `Hash bank '${delta.bank}' is new, so its first delta must say its category.`);
    }
    if (known && category !== known.category) {
      throw new BankDeltaError(
        'category_changed',
        `Hash bank '${delta.bank}' is '${known.category}'; a delta cannot change it to '${category}'. Ask the upstream to publish a new bank instead.`,
      );
    }
    const updatedAt = this.clock().toISOString();
    const result = this.store.applyHashBankChange({ ...delta, category }, updatedAt);
    if (!result.applied) {
      throw new BankDeltaError(
        'version_mismatch',
        `Hash bank '${delta.bank}' is at version ${result.currentVersion} here, but the delta starts from ${delta.fromVersion}; fetch the deltas from ${result.currentVersion} instead.`,
      );
    }
    this.banks.set(delta.bank, { category, version: delta.toVersion, updatedAt });
    for (const entry of result.displaced) this.drop(entry);
    for (const entry of delta.add) this.put({ bank: delta.bank, entryId: entry.id, kind: entry.kind, hash: entry.hash });
    this.pdq.settleIfDue();
    return this.summary(delta.bank)!;
  }

  /**
   * Makes the bank exactly these contents whatever it held, category included: the upstream's
   * verified snapshot is the truth when a delta no longer fits. Throws BankDeltaError ('invalid')
   * and changes nothing when the contents are malformed.
   */
  replace(input: BankContents): HashBankSummary {
    const parsed = bankContentsSchema.safeParse(input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new BankDeltaError('invalid', `Hash bank contents refused: ${issue?.path.join('.') || 'contents'}: ${issue?.message ?? 'invalid'}`);
    }
    const contents = parsed.data;
    const updatedAt = this.clock().toISOString();
    this.store.replaceHashBank(contents, updatedAt);
    this.pdq.removeBank(this.numberOf(contents.bank));
    for (const key of this.vpdq.keys()) if ((JSON.parse(key) as [string, string])[0] === contents.bank) this.vpdq.remove(key);
    for (const kind of ['sha256', 'md5'] as const) {
      for (const [hash, refs] of this.exact[kind]) {
        const kept = refs.filter((ref) => ref.bank !== contents.bank);
        if (kept.length === 0) this.exact[kind].delete(hash);
        else this.exact[kind].set(hash, kept);
      }
    }
    this.entryCounts.set(contents.bank, 0);
    this.banks.set(contents.bank, { category: contents.category, version: contents.version, updatedAt });
    for (const entry of contents.entries) this.put({ bank: contents.bank, entryId: entry.id, kind: entry.kind, hash: entry.hash });
    this.pdq.settleIfDue();
    return this.summary(contents.bank)!;
  }

  summaries(): HashBankSummary[] {
    return [...this.banks.keys()].sort().map((name) => this.summary(name)!);
  }

  /**
   * Bank entries this media matches: SHA-256 and MD5 exactly, PDQ (all 8 orientations) within 31
   * bits unless the hash's quality is below 50, vPDQ by Meta's two percentages (VPDQ_MATCH_POLICY).
   * Closest first, then by bank and entry.
   */
  match(subject: MatchSubject): BankMatchReport {
    const matches: BankMatch[] = [];
    for (const kind of ['sha256', 'md5'] as const) {
      for (const { bank, entryId } of this.exact[kind].get(subject[kind]) ?? []) matches.push(this.matchOf(bank, entryId, kind, 0));
    }
    let lowQuality = false;
    if (subject.pdq) {
      lowQuality = subject.pdq.quality < PDQ_MIN_QUALITY;
      if (!lowQuality) {
        const hashes = [subject.pdq.hash, ...Object.values(subject.pdq.dihedral)].map(fromHex);
        for (const { bank, entryId, distance } of this.pdq.queryMany(hashes, PDQ_MATCH_DISTANCE)) {
          matches.push(this.matchOf(this.bankNames[bank]!, entryId, 'pdq', distance));
        }
      }
    }
    if (subject.vpdq) {
      lowQuality = subject.vpdq.every((f) => f.quality < VPDQ_MATCH_POLICY.qualityTolerance);
      for (const { key, distance, queryMatchPct, targetMatchPct } of this.vpdq.match(subject.vpdq)) {
        const [bank, entryId] = JSON.parse(key) as [string, string];
        matches.push({ ...this.matchOf(bank, entryId, 'vpdq', distance), vpdq: { queryMatchPct, targetMatchPct } });
      }
    }
    matches.sort(
      (a, b) => a.distance - b.distance || compareText(a.bank, b.bank) || compareText(a.entryId, b.entryId) || compareText(a.kind, b.kind),
    );
    return { matches, lowQuality };
  }

  private matchOf(bank: string, entryId: string, kind: BankHashKind, distance: number): BankMatch {
    return { bank, category: this.banks.get(bank)!.category, entryId, kind, distance };
  }

  private summary(name: string): HashBankSummary | undefined {
    const bank = this.banks.get(name);
    if (!bank) return undefined;
    return { name, ...bank, entries: this.entryCounts.get(name) ?? 0 };
  }

  private numberOf(bank: string): number {
    let number = this.bankNumbers.get(bank);
    if (number === undefined) {
      number = this.bankNames.push(bank) - 1;
      this.bankNumbers.set(bank, number);
    }
    return number;
  }

  private put(entry: StoredEntry): void {
    this.entryCounts.set(entry.bank, (this.entryCounts.get(entry.bank) ?? 0) + 1);
    if (entry.kind === 'pdq') {
      this.pdq.add(this.numberOf(entry.bank), entry.entryId, fromHex(entry.hash));
      return;
    }
    if (entry.kind === 'vpdq') {
      this.vpdq.add(vpdqKey(entry.bank, entry.entryId), decodeVpdqHex(entry.hash));
      return;
    }
    const refs = this.exact[entry.kind].get(entry.hash);
    if (refs) refs.push({ bank: entry.bank, entryId: entry.entryId });
    else this.exact[entry.kind].set(entry.hash, [{ bank: entry.bank, entryId: entry.entryId }]);
  }

  private drop(entry: StoredEntry): void {
    this.entryCounts.set(entry.bank, (this.entryCounts.get(entry.bank) ?? 0) - 1);
    if (entry.kind === 'pdq') {
      this.pdq.remove(this.numberOf(entry.bank), entry.entryId, fromHex(entry.hash));
      return;
    }
    if (entry.kind === 'vpdq') {
      this.vpdq.remove(vpdqKey(entry.bank, entry.entryId));
      return;
    }
    const refs = this.exact[entry.kind].get(entry.hash) ?? [];
    const kept = refs.filter((ref) => ref.bank !== entry.bank || ref.entryId !== entry.entryId);
    if (kept.length === 0) this.exact[entry.kind].delete(entry.hash);
    else this.exact[entry.kind].set(entry.hash, kept);
  }
}

/** The closest child-safety match, if any: such media is never rendered, not even blurred. */
export function childSafetyMatch(report: BankMatchReport): BankMatch | undefined {
  return report.matches.find((m) => m.category === CHILD_SAFETY);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
