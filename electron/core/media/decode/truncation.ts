import type { ImageFormat } from './types';

const PNG_SIGNATURE_LENGTH = 8;
const PNG_CHUNK_OVERHEAD = 12;

function pngEndsBeforeIend(bytes: Buffer): boolean {
  let offset = PNG_SIGNATURE_LENGTH;
  while (offset + PNG_CHUNK_OVERHEAD <= bytes.length) {
    const length = bytes.readUInt32BE(offset);
    const type = bytes.toString('latin1', offset + 4, offset + 8);
    const next = offset + PNG_CHUNK_OVERHEAD + length;
    if (next > bytes.length) return true;
    if (type === 'IEND') return false;
    offset = next;
  }
  return true;
}

/**
 * Whether the container stops before its own end marker. Only consulted after a decoder has
 * failed, to tell "cut short" from "damaged": libpng reports both as the same read error.
 */
export function endsEarly(format: ImageFormat, bytes: Buffer): boolean {
  switch (format) {
    case 'png':
      return pngEndsBeforeIend(bytes);
    case 'jpeg':
      return !(bytes.at(-2) === 0xff && bytes.at(-1) === 0xd9);
    case 'gif':
      return bytes.at(-1) !== 0x3b;
    case 'webp':
      return bytes.length < 12 || bytes.readUInt32LE(4) + 8 > bytes.length;
  }
}
