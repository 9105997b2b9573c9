import { PDQ_MATCH_DISTANCE, popcount32, type PdqHash } from '../pdq';
import { BestMatches, type MatchId, type PdqMatch } from './results';

/**
 * Multi-index hashing (Norouzi et al.; upstream pdq/cpp/index/mih.h) over 16 slots of 16 bits.
 * Pigeonhole: two hashes within d bits differ by at most floor(d / 16) bits in at least one slot.
 * For d <= 31 that is 0 or 1 bit, so probing each slot's exact value and its 16 one-bit
 * neighbours finds every match; candidates are then verified on all 256 bits. Beyond 31 the
 * probe count explodes, so those queries scan everything instead.
 */
export const MIH_EXACT_LIMIT = 31;

const SLOTS = 16;
const SLOT_BITS = 16;
const WORDS = 8;
const NO_ENTRY = -1;
const MIN_CAPACITY = 1024;

export class PdqIndexError extends Error {
  override readonly name = 'PdqIndexError';
}

function slotValue(words: ArrayLike<number>, base: number, slot: number): number {
  return (words[base + (slot >> 1)]! >>> ((slot & 1) << 4)) & 0xffff;
}

/**
 * The distance, or any value above maxDistance as soon as half the words already exceed it:
 * unrelated hashes differ in about 64 of the first 128 bits, so most comparisons stop there.
 */
function distanceWithin(hashes: Uint32Array, base: number, query: PdqHash, maxDistance: number): number {
  const half =
    popcount32(hashes[base]! ^ query[0]!) +
    popcount32(hashes[base + 1]! ^ query[1]!) +
    popcount32(hashes[base + 2]! ^ query[2]!) +
    popcount32(hashes[base + 3]! ^ query[3]!);
  if (half > maxDistance) return half;
  return (
    half +
    popcount32(hashes[base + 4]! ^ query[4]!) +
    popcount32(hashes[base + 5]! ^ query[5]!) +
    popcount32(hashes[base + 6]! ^ query[6]!) +
    popcount32(hashes[base + 7]! ^ query[7]!)
  );
}

/**
 * An in-memory PDQ match index with exact results: for any query it returns exactly what a
 * comparison against every entry would. Entries are packed in typed arrays (32 bytes of hash
 * plus 64 bytes of bucket links each, 4 MB of bucket heads in all) and added or removed one at a
 * time; removed rows are reused by later adds, nothing is ever rebuilt.
 */
export class PdqMatchIndex {
  private capacity: number;
  private hashes: Uint32Array;
  /** next[row * 16 + slot]: the following row in the same bucket of that slot, or -1. */
  private next: Int32Array;
  /** heads[slot * 65536 + value]: first row whose slot holds value, or -1. */
  private readonly heads = new Int32Array(SLOTS << SLOT_BITS).fill(NO_ENTRY);
  private readonly idOfRow: (MatchId | undefined)[] = [];
  private readonly rowOfId = new Map<MatchId, number>();
  private readonly freeRows: number[] = [];
  private readonly cursors = new Int32Array(SLOTS * (SLOT_BITS + 1));
  private readonly cursorSlots = new Int32Array(SLOTS * (SLOT_BITS + 1));
  private usedRows = 0;

  constructor(expectedEntries = MIN_CAPACITY) {
    this.capacity = Math.max(MIN_CAPACITY, Math.ceil(expectedEntries));
    this.hashes = new Uint32Array(this.capacity * WORDS);
    this.next = new Int32Array(this.capacity * SLOTS);
  }

  get size(): number {
    return this.rowOfId.size;
  }

  has(id: MatchId): boolean {
    return this.rowOfId.has(id);
  }

  /** Adds an entry, or replaces the hash of an id already present. */
  add(id: MatchId, hash: PdqHash): void {
    checkHash(hash);
    this.remove(id);
    const row = this.freeRows.pop() ?? this.newRow();
    this.hashes.set(hash, row * WORDS);
    for (let slot = 0; slot < SLOTS; slot++) {
      const head = (slot << SLOT_BITS) | slotValue(hash, 0, slot);
      this.next[row * SLOTS + slot] = this.heads[head]!;
      this.heads[head] = row;
    }
    this.idOfRow[row] = id;
    this.rowOfId.set(id, row);
  }

  /** Returns false when the id was not in the index. */
  remove(id: MatchId): boolean {
    const row = this.rowOfId.get(id);
    if (row === undefined) return false;
    const base = row * WORDS;
    for (let slot = 0; slot < SLOTS; slot++) {
      const head = (slot << SLOT_BITS) | slotValue(this.hashes, base, slot);
      const after = this.next[row * SLOTS + slot]!;
      if (this.heads[head] === row) {
        this.heads[head] = after;
        continue;
      }
      let previous: number = this.heads[head]!;
      while (this.next[previous * SLOTS + slot] !== row) previous = this.next[previous * SLOTS + slot]!;
      this.next[previous * SLOTS + slot] = after;
    }
    this.idOfRow[row] = undefined;
    this.rowOfId.delete(id);
    this.freeRows.push(row);
    return true;
  }

  /** Every entry within maxDistance of the hash, closest first, then by id. */
  query(hash: PdqHash, maxDistance = PDQ_MATCH_DISTANCE): PdqMatch[] {
    return this.queryMany([hash], maxDistance);
  }

  /**
   * Every entry within maxDistance of any of the hashes, each once with its smallest distance.
   * Meant for the 8 dihedral hashes of one image, so rotated or mirrored copies match too.
   */
  queryMany(hashes: readonly PdqHash[], maxDistance = PDQ_MATCH_DISTANCE): PdqMatch[] {
    checkDistance(maxDistance);
    hashes.forEach(checkHash);
    if (maxDistance > MIH_EXACT_LIMIT) return this.scanMany(hashes, maxDistance);
    const found = new BestMatches();
    for (const hash of hashes) this.probe(hash, maxDistance, found);
    return found.sorted();
  }

  /**
   * The same answer as queryMany by comparing against every entry: used beyond 31 bits, and the
   * yardstick the index is tested and benchmarked against.
   */
  scanMany(hashes: readonly PdqHash[], maxDistance = PDQ_MATCH_DISTANCE): PdqMatch[] {
    checkDistance(maxDistance);
    hashes.forEach(checkHash);
    const found = new BestMatches();
    const stored = this.hashes;
    for (let row = 0; row < this.usedRows; row++) {
      for (let q = 0; q < hashes.length; q++) {
        const distance = distanceWithin(stored, row * WORDS, hashes[q]!, maxDistance);
        if (distance > maxDistance) continue;
        const id = this.idOfRow[row];
        if (id !== undefined) found.offer(id, distance);
      }
    }
    return found.sorted();
  }

  /**
   * Walks the 16 x 17 bucket chains side by side, one row from each per round: the rows of one
   * chain can only be found one after another, but rows of different chains can be fetched from
   * memory at the same time, and at 1M entries that memory latency is the cost.
   */
  private probe(hash: PdqHash, maxDistance: number, found: BestMatches): void {
    const slotRadius = maxDistance >> 4;
    const probesPerSlot = slotRadius === 0 ? 1 : SLOT_BITS + 1;
    const { cursors, cursorSlots, hashes: stored, next } = this;
    let chains = 0;
    for (let slot = 0; slot < SLOTS; slot++) {
      const value = slotValue(hash, 0, slot);
      for (let probe = 0; probe < probesPerSlot; probe++) {
        const probed = probe === 0 ? value : value ^ (1 << (probe - 1));
        cursors[chains] = this.heads[(slot << SLOT_BITS) | probed]!;
        cursorSlots[chains++] = slot;
      }
    }
    for (let live = chains; live > 0;) {
      live = 0;
      for (let c = 0; c < chains; c++) {
        const row = cursors[c]!;
        if (row === NO_ENTRY) continue;
        live++;
        const slot = cursorSlots[c]!;
        cursors[c] = next[row * SLOTS + slot]!;
        const distance = distanceWithin(stored, row * WORDS, hash, maxDistance);
        if (distance <= maxDistance && this.firstSlotWithin(row, hash, slot, slotRadius)) {
          found.offer(this.idOfRow[row]!, distance);
        }
      }
    }
  }

  /** A match is reported from the first slot that can reach it, so each row counts once per hash. */
  private firstSlotWithin(row: number, hash: PdqHash, slot: number, slotRadius: number): boolean {
    for (let earlier = 0; earlier < slot; earlier++) {
      const differing = slotValue(this.hashes, row * WORDS, earlier) ^ slotValue(hash, 0, earlier);
      if (popcount32(differing) <= slotRadius) return false;
    }
    return true;
  }

  private newRow(): number {
    if (this.usedRows === this.capacity) this.grow();
    return this.usedRows++;
  }

  private grow(): void {
    this.capacity *= 2;
    const hashes = new Uint32Array(this.capacity * WORDS);
    hashes.set(this.hashes);
    this.hashes = hashes;
    const next = new Int32Array(this.capacity * SLOTS);
    next.set(this.next);
    this.next = next;
  }
}

function checkHash(hash: PdqHash): void {
  if (!(hash instanceof Uint32Array) || hash.length !== WORDS) {
    throw new PdqIndexError('A PDQ hash must be a Uint32Array of 8 words; convert text with fromHex() first.');
  }
}

function checkDistance(maxDistance: number): void {
  if (!Number.isInteger(maxDistance) || maxDistance < 0 || maxDistance > 256) {
    throw new PdqIndexError(`maxDistance must be a whole number of bits from 0 to 256; got ${maxDistance}.`);
  }
}
