import { PdqMatchIndex, type PdqMatchIndexOptions } from '../match';
import type { PdqHash } from '../pdq';
import { RowIds } from './rowIds';

export interface PdqRowMatch {
  bank: number;
  entryId: string;
  distance: number;
}

/**
 * Every PDQ entry of every bank: the match index, and per row its bank (a number the owner
 * assigns) and entry id. No map from (bank, id) to row: removing an entry starts from its hash,
 * which the store hands back, and finds the row among those holding exactly that hash.
 */
export class PdqBankRows {
  private readonly index: PdqMatchIndex;
  private banks = new Uint16Array(1024);
  private ids = new RowIds();

  constructor(options: PdqMatchIndexOptions = {}) {
    this.index = new PdqMatchIndex(options);
  }

  get size(): number {
    return this.index.size;
  }

  /** Bytes held in typed arrays, which is all this keeps. */
  get byteLength(): number {
    return this.index.byteLength + this.banks.byteLength + this.ids.byteLength;
  }

  add(bank: number, entryId: string, hash: PdqHash): void {
    const row = this.index.add(hash);
    if (row === this.banks.length) {
      const banks = new Uint16Array(this.banks.length * 2);
      banks.set(this.banks);
      this.banks = banks;
    }
    this.banks[row] = bank;
    this.ids.push(entryId);
  }

  /** Returns false when no live row holds this entry. */
  remove(bank: number, entryId: string, hash: PdqHash): boolean {
    const row = this.index.rowsEqualTo(hash).find((r) => this.banks[r] === bank && this.ids.get(r) === entryId);
    return row !== undefined && this.index.remove(row);
  }

  removeBank(bank: number): void {
    for (let row = 0; row < this.index.rows; row++) if (this.banks[row] === bank) this.index.remove(row);
  }

  /** Rebuilds the index when enough rows were added or removed since the last time; call after each batch of changes. */
  settleIfDue(): void {
    if (!this.index.settleDue()) return;
    const order = this.index.settle();
    const banks = new Uint16Array(Math.max(1024, order.length + 4096));
    for (let row = 0; row < order.length; row++) banks[row] = this.banks[order[row]!]!;
    this.banks = banks;
    this.ids = this.ids.reordered(order, 4096);
  }

  queryMany(hashes: readonly PdqHash[], maxDistance: number): PdqRowMatch[] {
    return this.index
      .queryMany(hashes, maxDistance)
      .map(({ id, distance }) => ({ bank: this.banks[id as number]!, entryId: this.ids.get(id as number), distance }));
  }
}
