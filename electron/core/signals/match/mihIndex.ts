import { PDQ_MATCH_DISTANCE, popcount32, type PdqHash } from '../pdq';
import { BestMatches, type PdqMatch } from './results';

/**
 * Multi-index hashing (Norouzi et al.; upstream pdq/cpp/index/mih.h) over 17 slots: 16 of 15
 * bits and a last one of 16. Take two hashes within d bits (17 <= d <= 31), with e slots equal,
 * o slots one bit apart and the other 17 - e - o slots two or more apart: then
 * o + 2 (17 - e - o) <= d, so 2e + o >= 34 - d >= 3. A query therefore scores every row 2 for
 * each slot equal to its own and 1 for each slot one bit off (reading the postings of each
 * slot's value and its 15 or 16 one-bit neighbours, in order), and verifies on all 256 bits only
 * the rows that reach 3. Unrelated rows almost never do, so at 10M rows a query reads a few
 * dozen hashes from memory instead of the ~40,000 a plain pigeonhole probe verifies. For d < 17
 * some slot must be equal, so those rows are verified directly. Beyond 31 bits the queries scan
 * everything instead.
 */
export const MIH_EXACT_LIMIT = 31;

const SLOTS = 17;
const WORDS = 8;
const MIN_CAPACITY = 1024;
/** Beyond this many rows a posting needs more than 24 bits. */
const ROWS_IN_24_BITS = 1 << 24;
const DEFAULT_TAIL_LIMIT = 4096;
const slotBits = (slot: number): number => (slot === SLOTS - 1 ? 16 : 15);
/** Where each slot's offsets start: slot s has 2^bits + 1 of them. */
const OFFSET_BASE = Array.from({ length: SLOTS + 1 }, (_, slot) => {
  let base = 0;
  for (let s = 0; s < slot; s++) base += (1 << slotBits(s)) + 1;
  return base;
});

export class PdqIndexError extends Error {
  override readonly name = 'PdqIndexError';
}

export interface PdqMatchIndexOptions {
  /**
   * Rows added since the last settle() are compared one by one; past this many (or as many
   * removed rows), settleIfDue() rebuilds. Small values let tests reach the rebuilt layout.
   */
  tailLimit?: number;
}

/** Slot s holds bits 15s .. 15s + 14 (the last one 240 .. 255); a slot may straddle two words. */
function slotValue(words: ArrayLike<number>, base: number, slot: number): number {
  const bit = slot * 15;
  const shift = bit & 31;
  const at = base + (bit >>> 5);
  const bits = slotBits(slot);
  const value = shift + bits > 32 ? (words[at]! >>> shift) | (words[at + 1]! << (32 - shift)) : words[at]! >>> shift;
  return value & ((1 << bits) - 1);
}

/**
 * The distance, or any value above maxDistance as soon as the words read so far exceed it:
 * unrelated hashes differ in about 32 of the first 64 bits, so most comparisons stop there.
 */
function distanceWithin(hashes: Uint32Array, base: number, query: PdqHash, maxDistance: number): number {
  let distance = popcount32(hashes[base]! ^ query[0]!) + popcount32(hashes[base + 1]! ^ query[1]!);
  if (distance > maxDistance) return distance;
  distance += popcount32(hashes[base + 2]! ^ query[2]!) + popcount32(hashes[base + 3]! ^ query[3]!);
  if (distance > maxDistance) return distance;
  return (
    distance +
    popcount32(hashes[base + 4]! ^ query[4]!) +
    popcount32(hashes[base + 5]! ^ query[5]!) +
    popcount32(hashes[base + 6]! ^ query[6]!) +
    popcount32(hashes[base + 7]! ^ query[7]!)
  );
}

/**
 * An in-memory PDQ match index with exact results: for any query it returns exactly what a
 * comparison against every row would. Rows are numbers it hands out; the owner keeps whatever
 * belongs to a row (ids, bank) in arrays of its own and reorders them when settle() renumbers.
 *
 * Layout, about 80 bytes a row at 10M rows: the 32-byte hashes sorted by their first slot (so
 * that slot needs no postings), for each other slot the rows grouped by slot value (compressed
 * sparse rows, 3 bytes a posting, 2.4 MB of offsets in all), and 2 bits a row for the scores of
 * a query. Rows added since the last settle() form a short tail that is compared one by
 * one; removed rows are marked dead and skipped until the next settle() drops them.
 */
export class PdqMatchIndex {
  private readonly tailLimit: number;
  private hashes: Uint32Array;
  private dead: Uint32Array;
  private rowCount = 0;
  private deadCount = 0;
  /** Rows [0, baseRows) are in the postings, sorted by slot 0. */
  private baseRows = 0;
  /** offsets[OFFSET_BASE[slot] + value]: slot 0 into the rows, other slots into their postings. */
  private offsets = new Uint32Array(0);
  /** Row of each posting: low 16 bits here, the rest in postingsHigh; slot s at (s - 1) * baseRows. */
  private postingsLow = new Uint16Array(0);
  private postingsHigh: Uint8Array | Uint16Array = new Uint8Array(0);
  /** Per base row, during a query: its score (see MIH_EXACT_LIMIT), 2 bits, 16 rows a word. */
  private scores = new Uint32Array(0);

  constructor(options: PdqMatchIndexOptions = {}) {
    this.tailLimit = options.tailLimit ?? DEFAULT_TAIL_LIMIT;
    this.hashes = new Uint32Array(MIN_CAPACITY * WORDS);
    this.dead = new Uint32Array(MIN_CAPACITY / 32);
  }

  /** Live rows. */
  get size(): number {
    return this.rowCount - this.deadCount;
  }

  /** Rows handed out since the last settle(), dead ones included. */
  get rows(): number {
    return this.rowCount;
  }

  /** Bytes held in typed arrays: all this index keeps. */
  get byteLength(): number {
    return (
      this.hashes.byteLength +
      this.dead.byteLength +
      this.offsets.byteLength +
      this.postingsLow.byteLength +
      this.postingsHigh.byteLength +
      this.scores.byteLength
    );
  }

  /** Adds a hash and returns its row. */
  add(hash: PdqHash): number {
    checkHash(hash);
    if (this.rowCount * WORDS === this.hashes.length) this.grow(this.rowCount * 2);
    const row = this.rowCount++;
    this.hashes.set(hash, row * WORDS);
    return row;
  }

  isLive(row: number): boolean {
    return row >= 0 && row < this.rowCount && ((this.dead[row >>> 5]! >>> (row & 31)) & 1) === 0;
  }

  /** Marks a row dead; returns false when it already was (or never existed). */
  remove(row: number): boolean {
    if (!this.isLive(row)) return false;
    this.dead[row >>> 5]! |= 1 << (row & 31);
    this.deadCount++;
    return true;
  }

  /** Live rows holding exactly this hash. */
  rowsEqualTo(hash: PdqHash): number[] {
    checkHash(hash);
    const rows: number[] = [];
    const keep = (row: number) => {
      if (this.isLive(row) && distanceWithin(this.hashes, row * WORDS, hash, 0) === 0) rows.push(row);
    };
    this.slotRows(slotValue(hash, 0, 0), 0, keep);
    for (let row = this.baseRows; row < this.rowCount; row++) keep(row);
    return rows;
  }

  /** True when the tail or the dead rows have grown past the limit, so settle() is worth its cost. */
  settleDue(): boolean {
    return this.rowCount - this.baseRows > this.tailLimit || this.deadCount > Math.max(this.tailLimit, this.size >> 3);
  }

  /**
   * Drops dead rows and indexes every live one. Rows are renumbered: the answer lists, for each
   * new row, the row it was before, so the owner can reorder what it keeps per row.
   */
  settle(): Uint32Array {
    const live = this.size;
    const offsets = new Uint32Array(OFFSET_BASE[SLOTS]!);
    this.postingsLow = new Uint16Array(0);
    this.postingsHigh = new Uint8Array(0);
    this.scores = new Uint32Array(0);

    const firstValues = 1 << slotBits(0);
    for (let row = 0; row < this.rowCount; row++) if (this.isLive(row)) offsets[slotValue(this.hashes, row * WORDS, 0) + 1]!++;
    for (let value = 0; value < firstValues; value++) offsets[value + 1]! += offsets[value]!;
    const cursor = offsets.slice(0, firstValues);
    const order = new Uint32Array(live);
    for (let row = 0; row < this.rowCount; row++) if (this.isLive(row)) order[cursor[slotValue(this.hashes, row * WORDS, 0)]!++] = row;

    const hashes = new Uint32Array(roundedRows(live + this.tailLimit) * WORDS);
    for (let row = 0; row < live; row++) {
      const from = order[row]! * WORDS;
      for (let word = 0; word < WORDS; word++) hashes[row * WORDS + word] = this.hashes[from + word]!;
    }
    this.hashes = hashes;
    this.dead = new Uint32Array(hashes.length / WORDS / 32);
    this.rowCount = this.baseRows = live;
    this.deadCount = 0;

    // Slot by slot: the cursors and the postings written stay within one slot's share of memory
    // (all 16 at once made nearly every write a cache miss: 40 s against 6 s for 2M rows at load 10).
    const low = new Uint16Array((SLOTS - 1) * live);
    const high = live > ROWS_IN_24_BITS ? new Uint16Array(low.length) : new Uint8Array(low.length);
    for (let slot = 1; slot < SLOTS; slot++) {
      const first = OFFSET_BASE[slot]!;
      const last = OFFSET_BASE[slot + 1]! - 1;
      for (let row = 0; row < live; row++) offsets[first + slotValue(hashes, row * WORDS, slot) + 1]!++;
      for (let at = first; at < last; at++) offsets[at + 1]! += offsets[at]!;
      const fill = offsets.slice(first, last);
      const base = (slot - 1) * live;
      for (let row = 0; row < live; row++) {
        const at = base + fill[slotValue(hashes, row * WORDS, slot)]!++;
        low[at] = row & 0xffff;
        high[at] = row >>> 16;
      }
    }
    this.offsets = offsets;
    this.postingsLow = low;
    this.postingsHigh = high;
    this.scores = new Uint32Array(Math.ceil(live / 16));
    return order;
  }

  /** Every live row within maxDistance of the hash, closest first, then by row. */
  query(hash: PdqHash, maxDistance = PDQ_MATCH_DISTANCE): PdqMatch[] {
    return this.queryMany([hash], maxDistance);
  }

  /**
   * Every live row within maxDistance of any of the hashes, each once with its smallest
   * distance. Meant for the 8 dihedral hashes of one image, so rotated or mirrored copies match.
   */
  queryMany(hashes: readonly PdqHash[], maxDistance = PDQ_MATCH_DISTANCE): PdqMatch[] {
    checkDistance(maxDistance);
    hashes.forEach(checkHash);
    if (maxDistance > MIH_EXACT_LIMIT) return this.scanMany(hashes, maxDistance);
    const found = new BestMatches();
    for (const hash of hashes) {
      if (this.baseRows > 0) this.probe(hash, maxDistance, found);
      this.compareRows(this.baseRows, hash, maxDistance, found);
    }
    return found.sorted();
  }

  /**
   * The same answer as queryMany by comparing against every row: used beyond 31 bits, and the
   * yardstick the index is tested and benchmarked against.
   */
  scanMany(hashes: readonly PdqHash[], maxDistance = PDQ_MATCH_DISTANCE): PdqMatch[] {
    checkDistance(maxDistance);
    hashes.forEach(checkHash);
    const found = new BestMatches();
    for (const hash of hashes) this.compareRows(0, hash, maxDistance, found);
    return found.sorted();
  }

  private compareRows(from: number, hash: PdqHash, maxDistance: number, found: BestMatches): void {
    for (let row = from; row < this.rowCount; row++) this.offer(row, hash, maxDistance, found);
  }

  private offer(row: number, hash: PdqHash, maxDistance: number, found: BestMatches): void {
    const distance = distanceWithin(this.hashes, row * WORDS, hash, maxDistance);
    if (distance <= maxDistance && ((this.dead[row >>> 5]! >>> (row & 31)) & 1) === 0) found.offer(row, distance);
  }

  /** Calls visit for each base row whose slot holds value. */
  private slotRows(value: number, slot: number, visit: (row: number) => void): void {
    if (this.baseRows === 0) return;
    const at = OFFSET_BASE[slot]! + value;
    const end = this.offsets[at + 1]!;
    if (slot === 0) {
      for (let row = this.offsets[at]!; row < end; row++) visit(row);
      return;
    }
    const { postingsLow: low, postingsHigh: high } = this;
    for (let p = (slot - 1) * this.baseRows + this.offsets[at]!, last = (slot - 1) * this.baseRows + end; p < last; p++)
      visit(low[p]! | (high[p]! << 16));
  }

  /**
   * Scores each row 2 for every slot equal to the hash's and 1 for every slot one bit off, and
   * verifies the rows that reach 3 (see MIH_EXACT_LIMIT). Scores stop at 3: a query for fewer
   * than 31 bits needs more, so it verifies a few more rows than it must, with the same answer.
   */
  private probe(hash: PdqHash, maxDistance: number, found: BestMatches): void {
    const verify = (row: number) => this.offer(row, hash, maxDistance, found);
    if (maxDistance < SLOTS) {
      for (let slot = 0; slot < SLOTS; slot++) this.slotRows(slotValue(hash, 0, slot), slot, verify);
      return;
    }
    const { scores, offsets, postingsLow: low, postingsHigh: high, baseRows } = this;
    for (let slot = 0; slot < SLOTS; slot++) {
      const value = slotValue(hash, 0, slot);
      const postingBase = (slot - 1) * baseRows;
      for (let probe = -1; probe < slotBits(slot); probe++) {
        const weight = probe < 0 ? 2 : 1;
        const at = OFFSET_BASE[slot]! + (probe < 0 ? value : value ^ (1 << probe));
        for (let p = offsets[at]!, end = offsets[at + 1]!; p < end; p++) {
          const row = slot === 0 ? p : low[postingBase + p]! | (high[postingBase + p]! << 16);
          const word = row >>> 4;
          const shift = (row & 15) << 1;
          const packed = scores[word]!;
          const seen = (packed >>> shift) & 3;
          if (seen === 3) continue;
          const now = seen + weight > 3 ? 3 : seen + weight;
          scores[word] = packed + ((now - seen) << shift);
          if (now === 3) verify(row);
        }
      }
    }
    // Clearing every word (2.5 MB at 10M rows, about 0.1 ms) is cheaper than noting which words
    // a hash touched: that note, a branch and a store per posting, was a quarter of a query.
    scores.fill(0);
  }

  private grow(atLeast: number): void {
    const rows = roundedRows(atLeast);
    const hashes = new Uint32Array(rows * WORDS);
    hashes.set(this.hashes);
    this.hashes = hashes;
    const dead = new Uint32Array(rows / 32);
    dead.set(this.dead);
    this.dead = dead;
  }
}

/** Whole words of the dead-row bitset. */
function roundedRows(rows: number): number {
  return Math.max(MIN_CAPACITY, Math.ceil(rows / 32) * 32);
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
