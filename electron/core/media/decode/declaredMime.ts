import type { ImageFormat } from './types';

export type DeclaredType = { kind: 'image'; format: ImageFormat } | { kind: 'svg' } | { kind: 'other' } | { kind: 'unspecified' };

const IMAGE_MIME: Record<string, ImageFormat> = {
  'image/jpeg': 'jpeg',
  'image/jpg': 'jpeg',
  'image/pjpeg': 'jpeg',
  'image/png': 'png',
  'image/apng': 'png',
  'image/x-png': 'png',
  'image/webp': 'webp',
  'image/gif': 'gif',
};

/** Senders that do not know the type say octet-stream; that is no claim, so it cannot mismatch. */
const NO_CLAIM = new Set(['', 'application/octet-stream', 'binary/octet-stream']);

export function parseDeclaredMime(declared: string | undefined): DeclaredType {
  if (declared === undefined) return { kind: 'unspecified' };
  const essence = (declared.split(';')[0] ?? '').trim().toLowerCase();
  if (NO_CLAIM.has(essence)) return { kind: 'unspecified' };
  if (essence === 'image/svg+xml') return { kind: 'svg' };
  const format = IMAGE_MIME[essence];
  return format ? { kind: 'image', format } : { kind: 'other' };
}
