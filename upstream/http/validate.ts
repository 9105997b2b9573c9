import type { z } from 'zod';
import { badRequest } from '../errors';

/** Parses with zod; the first issue becomes a 400 naming its field as a dotted path. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, where: 'body' | 'query' | 'path'): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = issue.path.length > 0 ? issue.path.map(String).join('.') : where;
  throw badRequest(`${field}: ${issue.message}`, field);
}
