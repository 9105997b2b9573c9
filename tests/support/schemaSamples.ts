/**
 * Inputs derived from a call's own zod schema, for tests that must cover every call of the
 * contract, including calls added later: the fuzz test and the role matrix.
 */
import type { z } from 'zod';

type AnySchema = z.ZodType & { _zod: { def: Record<string, unknown> & { type: string } } };
const defOf = (schema: unknown) => (schema as AnySchema)._zod.def;

/** A value the schema would plausibly accept: enough to reach the field checks behind the first one. */
export function plausible(schema: unknown): unknown {
  const def = defOf(schema);
  switch (def.type) {
    case 'object':
      return Object.fromEntries(Object.entries(def.shape as Record<string, unknown>).map(([key, field]) => [key, plausible(field)]));
    case 'string':
      return 'x';
    case 'number':
    case 'int':
      return 1;
    case 'boolean':
      return true;
    case 'enum':
      return Object.values(def.entries as Record<string, string>)[0];
    case 'literal':
      return (def.values as unknown[])[0];
    case 'array':
      return [];
    case 'nullable':
      return null;
    case 'optional':
    case 'default':
      return undefined;
    case 'union':
      return plausible((def.options as unknown[])[0]);
    case 'pipe':
      return plausible(def.in);
    default:
      return {};
  }
}

/** Every path to a field of the object input, so each field gets its turn at a hostile value. */
export function fieldPaths(schema: unknown, prefix: string[] = []): string[][] {
  const def = defOf(schema);
  if (def.type !== 'object') return [];
  return Object.entries(def.shape as Record<string, unknown>).flatMap(([key, field]) => [[...prefix, key], ...fieldPaths(field, [...prefix, key])]);
}

export function setAt(target: Record<string, unknown>, at: readonly string[], value: unknown): Record<string, unknown> {
  const copy = structuredClone(target);
  let node: Record<string, unknown> = copy;
  for (const key of at.slice(0, -1)) {
    if (typeof node[key] !== 'object' || node[key] === null) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[at[at.length - 1]!] = value;
  return copy;
}
