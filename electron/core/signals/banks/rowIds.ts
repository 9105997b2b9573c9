const GROUP = 8;
const MAX_ID_BYTES = 200 * 3;
const utf8 = new TextEncoder();
const text = new TextDecoder();

/**
 * The entry id of each row, in row order: one buffer of length-prefixed UTF-8 and one offset per
 * 8 rows, about the id's length plus 1.5 bytes a row. A JS string per row would cost 20 to 40
 * bytes more at 10M rows, and a Map from id to row another 50; rows are looked up the other way
 * round (the hash finds the row, the row names the id), so neither is needed.
 */
export class RowIds {
  private bytes: Uint8Array;
  private used = 0;
  private groups: Uint32Array;
  private count = 0;
  private readonly scratch = new Uint8Array(MAX_ID_BYTES);

  constructor(rows = 1024, bytes = rows * 8) {
    this.bytes = new Uint8Array(Math.max(1024, bytes));
    this.groups = new Uint32Array(Math.max(128, Math.ceil(rows / GROUP)));
  }

  get byteLength(): number {
    return this.bytes.byteLength + this.groups.byteLength;
  }

  /** Appends the id of the next row. */
  push(id: string): void {
    if (this.count % GROUP === 0) {
      if (this.count / GROUP === this.groups.length) this.groups = grown(this.groups, this.groups.length * 2);
      this.groups[this.count / GROUP] = this.used;
    }
    const length = this.encode(id);
    const prefix = length < 0x80 ? 1 : 2;
    if (this.used + prefix + length > this.bytes.length) this.bytes = grown(this.bytes, Math.max(this.bytes.length * 2, this.used + prefix + length));
    if (prefix === 1) this.bytes[this.used++] = length;
    else {
      this.bytes[this.used++] = 0x80 | (length & 0x7f);
      this.bytes[this.used++] = length >>> 7;
    }
    this.bytes.set(this.scratch.subarray(0, length), this.used);
    this.used += length;
    this.count++;
  }

  get(row: number): string {
    const at = this.recordAt(row);
    return text.decode(this.bytes.subarray(at.start, at.end));
  }

  /** The ids of `order`'s rows, in that order (order[newRow] = oldRow), with room for `spare` more rows. */
  reordered(order: Uint32Array, spare: number): RowIds {
    const starts = new Uint32Array(this.count + 1);
    for (let row = 0, at = 0; row < this.count; row++) {
      starts[row] = at;
      at = this.recordAt(row, at).end;
    }
    starts[this.count] = this.used;
    let total = 0;
    for (const row of order) total += starts[row + 1]! - starts[row]!;
    const next = new RowIds(order.length + spare, total + spare * 8);
    for (const row of order) {
      if (next.count % GROUP === 0) next.groups[next.count / GROUP] = next.used;
      next.bytes.set(this.bytes.subarray(starts[row], starts[row + 1]), next.used);
      next.used += starts[row + 1]! - starts[row]!;
      next.count++;
    }
    return next;
  }

  /** Where the row's UTF-8 starts and ends; `from` is the start of its record when known. */
  private recordAt(row: number, from?: number): { start: number; end: number } {
    let at = from ?? this.groups[Math.floor(row / GROUP)]!;
    for (let skip = from === undefined ? row % GROUP : 0; ; skip--) {
      let length = this.bytes[at++]!;
      if (length & 0x80) length = (length & 0x7f) | (this.bytes[at++]! << 7);
      if (skip === 0) return { start: at, end: at + length };
      at += length;
    }
  }

  /** UTF-8 of the id into scratch; ASCII, what bank ids nearly always are, without the encoder. */
  private encode(id: string): number {
    for (let i = 0; i < id.length; i++) {
      const code = id.charCodeAt(i);
      if (code >= 0x80) return utf8.encodeInto(id, this.scratch).written;
      this.scratch[i] = code;
    }
    return id.length;
  }
}

function grown<T extends Uint8Array | Uint32Array>(array: T, length: number): T {
  const next = new (array.constructor as new (length: number) => T)(length);
  next.set(array);
  return next;
}
