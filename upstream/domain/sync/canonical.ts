import { createHash } from 'node:crypto';

/**
 * The canonical serialisation checksums are taken over (openapi.yaml, "Canonical form"): JSON with
 * every object's keys in ascending order, no whitespace, values as JSON.stringify writes them.
 * Arrays keep their order, so callers put entry lists in id order before serialising.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const fields = Object.keys(value)
      .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
    return `{${fields.join(',')}}`;
  }
  return JSON.stringify(value);
}

export function checksumOf(state: unknown): string {
  return createHash('sha256').update(canonicalJson(state), 'utf8').digest('hex');
}

/** Entry lists are compared by id in UTF-16 code unit order (JavaScript's default sort), never by a database collation. */
export function byId<T extends { id: string }>(entries: readonly T[]): T[] {
  return [...entries].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
