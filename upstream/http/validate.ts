import { improperTextAt, PLAIN_TEXT_MESSAGE } from '@workstation/protocol';
import type { z } from 'zod';
import { badRequest } from '../errors';

const dotted = (path: ReadonlyArray<PropertyKey>): string => path.map(String).join('.');

/**
 * Parses with zod; the first issue becomes a 400 naming its field as a dotted path. Text the
 * schema does not check as plain text (ids, codes) is refused here too: a NUL would otherwise
 * reach the database, which cannot store it, and fail the whole request with a 500.
 */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, where: 'body' | 'query' | 'path'): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const field = issue.path.length > 0 ? dotted(issue.path) : where;
    throw badRequest(`${field}: ${issue.message}`, field);
  }
  const improper = improperTextAt(result.data);
  if (improper) {
    const field = improper.length > 0 ? dotted(improper) : where;
    throw badRequest(`${field}: ${PLAIN_TEXT_MESSAGE}`, field);
  }
  return result.data;
}
