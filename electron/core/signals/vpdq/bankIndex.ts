import { PdqMatchIndex, type PdqMatchIndexOptions } from '../match';
import { fromHex, hammingDistance, type PdqHash } from '../pdq';
import { percentages, VPDQ_MATCH_POLICY, type VpdqComparison, type VpdqMatchPolicy } from './match';

/** What the index takes of a frame: the matcher ignores frame numbers and timestamps. */
export interface VpdqHashFrame {
  quality: number;
  hash: string;
}

export interface VpdqBankMatch extends VpdqComparison {
  key: string;
  /** The closest pair of frames between query and entry. */
  distance: number;
}

interface Entry {
  /** Usable frames (quality at or above the tolerance), in order, and their rows in the frame index. */
  hashes: PdqHash[];
  rows: number[];
}

/**
 * vPDQ bank entries, matched exactly as compareVpdq would against each entry, without comparing
 * against each: every usable frame of every entry sits in one PDQ multi-index, each query frame
 * finds its neighbours there (distance below the tolerance, at most 31 bits, where the index is
 * exact), and only entries with a neighbour get their two percentages counted. The quality
 * tolerance is fixed when the index is built, since it decides which frames are indexed.
 */
export class VpdqBankIndex {
  private readonly frames: PdqMatchIndex;
  private readonly entries = new Map<string, Entry>();
  /** Per row of the frame index: the entry and frame it holds (undefined once removed). */
  private rowOwner: Array<{ key: string; frame: number } | undefined> = [];

  constructor(
    private readonly policy: VpdqMatchPolicy = VPDQ_MATCH_POLICY,
    indexOptions: PdqMatchIndexOptions = {},
  ) {
    this.frames = new PdqMatchIndex(indexOptions);
    if (policy.distanceTolerance < 1 || policy.distanceTolerance > 32) {
      throw new RangeError(`A vPDQ bank index matches below distance tolerances of 1 to 32 bits; got ${policy.distanceTolerance}.`);
    }
  }

  get size(): number {
    return this.entries.size;
  }

  keys(): string[] {
    return [...this.entries.keys()];
  }

  /** Adds an entry, or replaces the frames of a key already present. */
  add(key: string, frames: readonly VpdqHashFrame[]): void {
    this.remove(key);
    const hashes = frames.filter((f) => f.quality >= this.policy.qualityTolerance).map((f) => fromHex(f.hash));
    const rows = hashes.map((hash, frame) => {
      const row = this.frames.add(hash);
      this.rowOwner[row] = { key, frame };
      return row;
    });
    this.entries.set(key, { hashes, rows });
  }

  remove(key: string): boolean {
    const entry = this.entries.get(key);
    if (!entry) return false;
    for (const row of entry.rows) {
      this.frames.remove(row);
      this.rowOwner[row] = undefined;
    }
    this.entries.delete(key);
    return true;
  }

  /**
   * Rebuilds the frame index once enough was added or removed, before a query rather than after
   * each change: loading a bank of a million frames settles once, not once per few thousand. The
   * index renumbers its rows when it settles; each entry's rows follow.
   */
  private settleIfDue(): void {
    if (!this.frames.settleDue()) return;
    const order = this.frames.settle();
    const owners = Array.from(order, (before) => this.rowOwner[before]);
    owners.forEach((owner, row) => {
      if (owner) this.entries.get(owner.key)!.rows[owner.frame] = row;
    });
    this.rowOwner = owners;
  }

  /** Entries this hash list matches under the policy's verdict, by key. */
  match(query: readonly VpdqHashFrame[]): VpdqBankMatch[] {
    this.settleIfDue();
    const usable = query.filter((f) => f.quality >= this.policy.qualityTolerance).map((f) => fromHex(f.hash));
    if (usable.length === 0) return [];
    const found = new Map<string, { queryFound: Uint8Array; targetFound: Uint8Array; distance: number }>();
    usable.forEach((hash, q) => {
      for (const { id, distance } of this.frames.query(hash, this.policy.distanceTolerance - 1)) {
        const owner = this.rowOwner[id as number]!;
        let hits = found.get(owner.key);
        if (!hits) {
          hits = { queryFound: new Uint8Array(usable.length), targetFound: new Uint8Array(this.entries.get(owner.key)!.hashes.length), distance };
          found.set(owner.key, hits);
        }
        hits.queryFound[q] = 1;
        hits.targetFound[owner.frame] = 1;
        hits.distance = Math.min(hits.distance, distance);
      }
    });
    return sortMatches(
      [...found]
        .map(([key, hits]) => ({ key, distance: hits.distance, ...percentages(hits.queryFound, hits.targetFound, this.policy) }))
        .filter((m) => m.isMatch),
    );
  }

  /** The same answer by comparing the query with every entry in turn: the yardstick for tests and the bench. */
  scan(query: readonly VpdqHashFrame[]): VpdqBankMatch[] {
    const usable = query.filter((f) => f.quality >= this.policy.qualityTolerance).map((f) => fromHex(f.hash));
    if (usable.length === 0) return [];
    const matches: VpdqBankMatch[] = [];
    for (const [key, entry] of this.entries) {
      const queryFound = new Uint8Array(usable.length);
      const targetFound = new Uint8Array(entry.hashes.length);
      let closest = Number.POSITIVE_INFINITY;
      for (let q = 0; q < usable.length; q++) {
        for (let t = 0; t < entry.hashes.length; t++) {
          const distance = hammingDistance(usable[q]!, entry.hashes[t]!);
          if (distance >= this.policy.distanceTolerance) continue;
          queryFound[q] = 1;
          targetFound[t] = 1;
          closest = Math.min(closest, distance);
        }
      }
      const result = percentages(queryFound, targetFound, this.policy);
      if (result.isMatch) matches.push({ key, distance: closest, ...result });
    }
    return sortMatches(matches);
  }
}

/** Best first: most of the entry found, then closest, then by key. */
function sortMatches(matches: VpdqBankMatch[]): VpdqBankMatch[] {
  return matches.sort((a, b) => b.targetMatchPct - a.targetMatchPct || a.distance - b.distance || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
