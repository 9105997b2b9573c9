/**
 * Every value the team log filters on, packed into one 29-bit integer per decision (the facets
 * column). A filter becomes a mask and a value: a decision matches when (facets & mask) === value.
 * Closed dimensions number their values by the protocol's order; open ones (moderators,
 * categories, reason codes, bank categories) through audit_codes, within their bit width.
 */
import { AUDIT_QUEUES, CLASSIFIER_BANDS, DECISION_ACTIONS, GROOMING_LEVELS } from '@workstation/protocol';
import { AUDIT_OUTCOMES } from '../../api';
import type { Db } from './database';

interface Dim {
  shift: number;
  bits: number;
  /** Closed dimensions: the values in code order. Open ones are numbered in audit_codes from `first`. */
  values: readonly string[] | null;
  first: number;
}

export const FACET_DIMS = {
  moderator: { shift: 0, bits: 7, values: null, first: 1 },
  queue: { shift: 7, bits: 2, values: AUDIT_QUEUES, first: 0 },
  category: { shift: 9, bits: 4, values: null, first: 0 },
  reasonCode: { shift: 13, bits: 5, values: null, first: 1 },
  action: { shift: 18, bits: 2, values: DECISION_ACTIONS, first: 0 },
  outcome: { shift: 20, bits: 2, values: AUDIT_OUTCOMES, first: 0 },
  bankCategory: { shift: 22, bits: 3, values: null, first: 1 },
  classifierBand: { shift: 25, bits: 2, values: CLASSIFIER_BANDS, first: 0 },
  groomingLevel: { shift: 27, bits: 2, values: GROOMING_LEVELS, first: 0 },
} as const satisfies Record<string, Dim>;

export type FacetDim = keyof typeof FACET_DIMS;
export type FacetValues = { [D in FacetDim]: string | null };

export const dimMask = (dim: FacetDim): number => ((1 << FACET_DIMS[dim].bits) - 1) << FACET_DIMS[dim].shift;

/** A value the stored log has never seen: no stored decision can match it. */
export class UnknownFacetValueError extends Error {
  constructor(
    readonly dim: FacetDim,
    readonly value: string,
  ) {
    super(`no stored decision has ${dim} ${value}`);
    this.name = 'UnknownFacetValueError';
  }
}

class FacetCapacityError extends Error {
  constructor(dim: FacetDim, value: string) {
    super(`The team log can tell apart at most ${(1 << FACET_DIMS[dim].bits) - FACET_DIMS[dim].first} values of ${dim}; ${value} is one too many.`);
    this.name = 'FacetCapacityError';
  }
}

/** Numbers the values of each dimension; open dimensions remember theirs in audit_codes. */
export function facetCodes(db: Db) {
  const all = db.prepare(`SELECT dim, value, code FROM audit_codes`);
  const insert = db.prepare(`INSERT INTO audit_codes (dim, value, code) VALUES (?, ?, ?)`);
  let cache: Map<string, Map<string, number>> | null = null;
  const load = () => {
    if (cache) return cache;
    cache = new Map();
    for (const r of all.all() as Array<{ dim: string; value: string; code: number }>) {
      if (!cache.has(r.dim)) cache.set(r.dim, new Map());
      cache.get(r.dim)!.set(r.value, r.code);
    }
    return cache;
  };

  /** The code of a value; null values are code 0 (none). Open dimensions may assign a new code (inside a transaction). */
  function code(dim: FacetDim, value: string | null, assign: boolean): number {
    if (value === null) return 0;
    const spec: Dim = FACET_DIMS[dim];
    if (spec.values) {
      const index = spec.values.indexOf(value);
      if (index < 0) throw new UnknownFacetValueError(dim, value);
      return index;
    }
    const known = load().get(dim) ?? new Map<string, number>();
    const found = known.get(value);
    if (found !== undefined) return found;
    if (!assign) throw new UnknownFacetValueError(dim, value);
    const next = spec.first + known.size;
    if (next >= 1 << spec.bits) throw new FacetCapacityError(dim, value);
    insert.run(dim, value, next);
    known.set(value, next);
    load().set(dim, known);
    return next;
  }

  return {
    pack(values: FacetValues): number {
      let facets = 0;
      for (const dim of Object.keys(FACET_DIMS) as FacetDim[]) facets |= code(dim, values[dim], true) << FACET_DIMS[dim].shift;
      return facets;
    },
    /**
     * mask and value for a set of wanted values (null: none, for the dimensions that may be
     * empty); UnknownFacetValueError when one was never stored.
     */
    filter(wanted: Partial<Record<FacetDim, string | null>>): { mask: number; value: number } {
      let mask = 0;
      let value = 0;
      for (const [dim, v] of Object.entries(wanted) as Array<[FacetDim, string | null | undefined]>) {
        if (v === undefined) continue;
        mask |= dimMask(dim);
        value |= code(dim, v, false) << FACET_DIMS[dim].shift;
      }
      return { mask, value };
    },
    /** The stored values of an open dimension, by code. */
    values(dim: FacetDim): string[] {
      return [...(load().get(dim)?.entries() ?? [])].sort((a, b) => a[1] - b[1]).map(([v]) => v);
    },
    /** A transaction that assigned codes and then rolled back leaves the cache ahead of the table. */
    forget(): void {
      cache = null;
    },
  };
}

export type FacetCodes = ReturnType<typeof facetCodes>;
