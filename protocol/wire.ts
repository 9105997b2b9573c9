/** Value formats every message on the wire is built from. */
import { z } from 'zod';

export const idSchema = z.string().min(1).max(200);
export const dateTimeSchema = z.iso.datetime({ offset: true });
export const hexSchema = (length: number) => z.string().regex(new RegExp(`^[0-9a-f]{${length}}$`), `must be ${length} lowercase hex characters`);
export const sha256Schema = hexSchema(64);
/** Chosen by the client per upload, so a retry is recognised as the same upload. */
export const idempotencyKeySchema = z.string().min(8).max(128);

/**
 * Control characters other than tab and newline, and lone UTF-16 surrogates, have no business in
 * a note or a report: they break the upstream's storage (PostgreSQL refuses NUL) and make a
 * batch that carries them fail for every entry in it. Refused at the boundary, naming the field.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is this pattern's whole job
const FORBIDDEN_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

export function isPlainText(text: string): boolean {
  return !FORBIDDEN_CONTROL.test(text) && text.isWellFormed();
}

export const PLAIN_TEXT_MESSAGE = 'must not contain control characters (other than tab and newline) or broken Unicode';

/** Free text a person typed, up to max characters. */
export const plainTextSchema = (max: number) => z.string().max(max).refine(isPlainText, PLAIN_TEXT_MESSAGE);

type PathSegment = string | number;

/**
 * Where, inside any JSON value, the first string that is not plain text sits (member names
 * included), as a path of member names and array indexes; null when every string is plain text.
 * For free-form values such as a merge patch, where no schema names each text field.
 */
export function improperTextAt(value: unknown, path: readonly PathSegment[] = []): PathSegment[] | null {
  if (typeof value === 'string') return isPlainText(value) ? null : [...path];
  if (Array.isArray(value)) {
    for (const [index, element] of value.entries()) {
      const found = improperTextAt(element, [...path, index]);
      if (found) return found;
    }
    return null;
  }
  if (typeof value === 'object' && value !== null) {
    for (const [name, member] of Object.entries(value)) {
      if (!isPlainText(name)) return [...path, name];
      const found = improperTextAt(member, [...path, name]);
      if (found) return found;
    }
  }
  return null;
}
