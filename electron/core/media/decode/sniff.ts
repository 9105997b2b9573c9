import type { ImageFormat, VideoContainer } from './types';

export type SniffedType =
  | { kind: 'image'; format: ImageFormat }
  /** A container video analysis opens; `name` is for messages where only an image will do. */
  | { kind: 'video'; container: VideoContainer; name: string }
  | { kind: 'svg' }
  /** Recognised, but not something we analyse; `name` goes into the moderator-facing message. */
  | { kind: 'other'; name: string }
  | { kind: 'unknown' };

const MARKUP_WINDOW = 4096;

function has(bytes: Buffer, signature: readonly number[] | string, offset = 0): boolean {
  const expected = typeof signature === 'string' ? [...signature].map((c) => c.charCodeAt(0)) : signature;
  if (bytes.length < offset + expected.length) return false;
  return expected.every((value, i) => bytes[offset + i] === value);
}

/** The start of the file read as text: SVG may arrive as UTF-8 or UTF-16, with or without a BOM. */
function leadingText(bytes: Buffer): string {
  const head = bytes.subarray(0, MARKUP_WINDOW);
  if (has(head, [0xff, 0xfe])) return head.subarray(2).toString('utf16le');
  if (has(head, [0xfe, 0xff])) {
    const body = Buffer.from(head.subarray(2, 2 + ((head.length - 2) & ~1)));
    return body.swap16().toString('utf16le');
  }
  if (has(head, [0xef, 0xbb, 0xbf])) return head.subarray(3).toString('utf8');
  return head.toString('utf8');
}

function sniffMarkup(bytes: Buffer): SniffedType | undefined {
  const text = leadingText(bytes).trimStart();
  if (!text.startsWith('<')) return undefined;
  if (/<svg[\s>/]/i.test(text) || /<!DOCTYPE\s+svg/i.test(text)) return { kind: 'svg' };
  return { kind: 'other', name: 'a text document (XML or HTML)' };
}

function sniffIsoMedia(bytes: Buffer): SniffedType | undefined {
  if (!has(bytes, 'ftyp', 4)) return undefined;
  const brand = bytes.subarray(8, 12).toString('latin1');
  if (['avif', 'avis', 'heic', 'heix', 'hevc', 'mif1', 'msf1'].includes(brand)) {
    return { kind: 'other', name: 'an AVIF or HEIC image' };
  }
  return { kind: 'video', container: 'mp4', name: 'a video (MP4 or QuickTime)' };
}

/** The real type from magic bytes; the declared MIME type and file name are never trusted. */
export function sniffMediaType(bytes: Buffer): SniffedType {
  if (has(bytes, [0xff, 0xd8, 0xff])) return { kind: 'image', format: 'jpeg' };
  if (has(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { kind: 'image', format: 'png' };
  if (has(bytes, 'GIF87a') || has(bytes, 'GIF89a')) return { kind: 'image', format: 'gif' };
  if (has(bytes, 'RIFF') && has(bytes, 'WEBP', 8)) return { kind: 'image', format: 'webp' };
  if (has(bytes, 'RIFF') && has(bytes, 'AVI ', 8)) return { kind: 'video', container: 'avi', name: 'a video (AVI)' };
  if (has(bytes, [0x1a, 0x45, 0xdf, 0xa3])) return { kind: 'video', container: 'matroska', name: 'a video (WebM or Matroska)' };
  if (has(bytes, [0x49, 0x49, 0x2a, 0x00]) || has(bytes, [0x4d, 0x4d, 0x00, 0x2a])) {
    return { kind: 'other', name: 'a TIFF image' };
  }
  if (has(bytes, 'BM')) return { kind: 'other', name: 'a BMP image' };
  if (has(bytes, '%PDF')) return { kind: 'other', name: 'a PDF document' };
  if (has(bytes, [0x1f, 0x8b])) return { kind: 'other', name: 'a gzip archive (possibly a compressed SVG)' };
  if (has(bytes, [0x50, 0x4b, 0x03, 0x04])) return { kind: 'other', name: 'a ZIP archive' };
  return sniffIsoMedia(bytes) ?? sniffMarkup(bytes) ?? { kind: 'unknown' };
}
