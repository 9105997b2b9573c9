/** A bank entry's key: whatever the hash bank uses (a row id, a content id, a reference string). */
export type MatchId = string | number;

export interface PdqMatch {
  id: MatchId;
  /** Hamming distance, 0..256. */
  distance: number;
}

/** Numbers before strings; numbers by value, strings by UTF-16 code units (locale-free, so stable everywhere). */
export function compareIds(a: MatchId, b: MatchId): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'number') return -1;
  if (typeof b === 'number') return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Closest first, then by id. */
export function compareMatches(a: PdqMatch, b: PdqMatch): number {
  return a.distance - b.distance || compareIds(a.id, b.id);
}

/** Keeps each id's smallest distance over several query hashes (e.g. the 8 dihedral hashes of one image). */
export class BestMatches {
  private readonly best = new Map<MatchId, number>();

  offer(id: MatchId, distance: number): void {
    const known = this.best.get(id);
    if (known === undefined || distance < known) this.best.set(id, distance);
  }

  sorted(): PdqMatch[] {
    return Array.from(this.best, ([id, distance]) => ({ id, distance })).sort(compareMatches);
  }
}
