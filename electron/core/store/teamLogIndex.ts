/**
 * The team log's pages. A million decisions with any combination of filters must page in a few
 * milliseconds, which no set of SQLite indexes gives for every combination; so each sort order
 * is read once into typed arrays (rowid, sort key, decided_at, facets), and a page is a scan of
 * those arrays from the keyset cursor until enough rows match: no OFFSET, and the worst case (a
 * filter nothing matches) is one pass over a few megabytes. The arrays are rebuilt after the log
 * changes; a changed outcome is patched in place.
 */
import type { Db } from './database';
import { dimMask } from './teamLogFacets';

export type SortKey = 'decidedAt' | 'handlingMs';
export type Direction = 'asc' | 'desc';

export interface PageQuery {
  sort: SortKey;
  direction: Direction;
  mask: number;
  value: number;
  /** Only decisions with some bank match. */
  bankAny: boolean;
  fromMs: number | null;
  toMs: number | null;
  /** Only these rowids (a full-text match), when set. */
  only: Uint8Array | null;
  /** The last row of the previous page: its sort key and rowid. */
  after: { key: number; rowid: number } | null;
  limit: number;
  /** Count every match (a full pass); later pages of a query carry the count in their cursor instead. */
  count: boolean;
}

export interface PageResult {
  rowids: number[];
  /** The sort key and rowid of the last row, when more rows match after it. */
  next: { key: number; rowid: number } | null;
  /** How many rows match; null when not counted. */
  total: number | null;
}

interface Order {
  rowids: Int32Array;
  keys: Float64Array;
  decidedAt: Float64Array;
  facets: Int32Array;
  /** Position of each rowid in this order, for patching. */
  positionOf: Int32Array;
}

const ORDER_SQL: Record<SortKey, string> = {
  decidedAt: `SELECT rowid, decided_at, decided_at, facets FROM team_decisions ORDER BY decided_at, rowid`,
  // Unknown handling times sort as the shortest.
  handlingMs: `SELECT rowid, coalesce(handling_ms, -1), decided_at, facets FROM team_decisions ORDER BY coalesce(handling_ms, -1), rowid`,
};

const BANK_MASK = dimMask('bankCategory');

function load(db: Db, sort: SortKey): Order {
  const { n, maxRowid } = db.prepare(`SELECT count(*) AS n, coalesce(max(rowid), 0) AS maxRowid FROM team_decisions`).get() as {
    n: number;
    maxRowid: number;
  };
  const order: Order = {
    rowids: new Int32Array(n),
    keys: new Float64Array(n),
    decidedAt: new Float64Array(n),
    facets: new Int32Array(n),
    positionOf: new Int32Array(maxRowid + 1).fill(-1),
  };
  let i = 0;
  for (const row of db.prepare(ORDER_SQL[sort]).raw(true).iterate() as IterableIterator<[number, number, number, number]>) {
    if (i === n) break;
    order.rowids[i] = row[0];
    order.keys[i] = row[1];
    order.decidedAt[i] = row[2];
    order.facets[i] = row[3];
    order.positionOf[row[0]] = i;
    i += 1;
  }
  return order;
}

/** Index of the first row whose (key, rowid) is above `after` in ascending order. */
function firstAbove(order: Order, after: { key: number; rowid: number }): number {
  let lo = 0;
  let hi = order.rowids.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const k = order.keys[mid]!;
    if (k < after.key || (k === after.key && order.rowids[mid]! <= after.rowid)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function teamLogIndex(db: Db) {
  const orders = new Map<SortKey, Order>();

  /** The test one row must pass; the common case (facets only) is the first, cheapest line. */
  function matcher(order: Order, q: Pick<PageQuery, 'mask' | 'value' | 'bankAny' | 'fromMs' | 'toMs' | 'only'>): (i: number) => boolean {
    const { facets, decidedAt, rowids } = order;
    const { mask, value, bankAny, only } = q;
    const from = q.fromMs ?? -Infinity;
    const to = q.toMs ?? Infinity;
    if (!bankAny && only === null && q.fromMs === null && q.toMs === null) return (i) => (facets[i]! & mask) === value;
    return (i) => {
      const f = facets[i]!;
      if ((f & mask) !== value || (bankAny && (f & BANK_MASK) === 0)) return false;
      const t = decidedAt[i]!;
      return t >= from && t < to && (only === null || only[rowids[i]!] === 1);
    };
  }

  const orderOf = (sort: SortKey): Order => {
    let order = orders.get(sort);
    if (!order) {
      order = load(db, sort);
      orders.set(sort, order);
    }
    return order;
  };

  return {
    page(q: PageQuery): PageResult {
      const order = orderOf(q.sort);
      const matches = matcher(order, q);
      const n = order.rowids.length;
      const step = q.direction === 'asc' ? 1 : -1;
      let i =
        q.after === null
          ? step === 1
            ? 0
            : n - 1
          : step === 1
            ? firstAbove(order, q.after)
            : firstAbove(order, { key: q.after.key, rowid: q.after.rowid - 1 }) - 1;
      const rowids: number[] = [];
      let lastMatch = -1;
      let next: PageResult['next'] = null;
      for (; i >= 0 && i < n; i += step) {
        if (!matches(i)) continue;
        // One match beyond a full page: there is a next page, which starts after the page's last row.
        if (rowids.length === q.limit) {
          next = { key: order.keys[lastMatch]!, rowid: order.rowids[lastMatch]! };
          break;
        }
        rowids.push(order.rowids[i]!);
        lastMatch = i;
      }
      let total: number | null = null;
      if (q.count) {
        total = 0;
        for (let k = 0; k < n; k += 1) if (matches(k)) total += 1;
      }
      return { rowids, next, total };
    },
    /** Every matching rowid in order (exports). */
    *all(q: Omit<PageQuery, 'after' | 'limit' | 'count'>): Generator<number> {
      const order = orderOf(q.sort);
      const matches = matcher(order, q);
      const n = order.rowids.length;
      if (q.direction === 'asc') {
        for (let i = 0; i < n; i += 1) if (matches(i)) yield order.rowids[i]!;
      } else {
        for (let i = n - 1; i >= 0; i -= 1) if (matches(i)) yield order.rowids[i]!;
      }
    },
    /** Reads a sort order in now rather than on the first page asked for (after a download). */
    warm(sort: SortKey): void {
      orderOf(sort);
    },
    /** The log gained or lost rows: every order is read again when next asked for. */
    invalidate(): void {
      orders.clear();
    },
    /** A decision's facets changed (its outcome): patched in every loaded order. */
    patch(rowid: number, facets: number): void {
      for (const order of orders.values()) {
        const at = order.positionOf[rowid];
        if (at !== undefined && at >= 0) order.facets[at] = facets;
      }
    },
  };
}

export type TeamLogIndex = ReturnType<typeof teamLogIndex>;
