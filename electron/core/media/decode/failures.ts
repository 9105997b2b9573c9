import type { DecodeLimits, ImageFormat, UnanalysableCode, UnanalysableReason } from './types';
import { endsEarly } from './truncation';

const FORMAT_NAME: Record<ImageFormat, string> = { jpeg: 'JPEG', png: 'PNG', webp: 'WebP', gif: 'GIF' };
const SUPPORTED = 'JPEG, PNG, WebP or GIF';

function reason(code: UnanalysableCode, message: string): UnanalysableReason {
  return { code, message };
}

function megabytes(bytes: number): string {
  return (bytes / (1024 * 1024)).toFixed(1);
}

function megapixels(pixels: number): string {
  return (pixels / 1_000_000).toFixed(1);
}

export function formatName(format: ImageFormat): string {
  return FORMAT_NAME[format];
}

export const failures = {
  empty: () => reason('empty', 'The file is empty (0 bytes): there is nothing to review. Ask for the item to be fetched again.'),
  tooManyBytes: (size: number, limits: DecodeLimits) =>
    reason(
      'too_many_bytes',
      `The file is ${megabytes(size)} MB, over the ${megabytes(limits.maxBytes)} MB limit for on-device analysis, so it was not opened.`,
    ),
  svg: () =>
    reason('svg_refused', 'The file is an SVG drawing. SVG can carry scripts and links to other content, so it is never opened or shown here.'),
  unsupported: (what: string | undefined) =>
    reason(
      'unsupported_type',
      what
        ? `The file is ${what}, which on-device analysis does not handle (it needs ${SUPPORTED}).`
        : `The file is not a recognisable image (on-device analysis needs ${SUPPORTED}).`,
    ),
  typeMismatch: (declaredMime: string, actual: string) =>
    reason(
      'type_mismatch',
      `The file claims to be "${declaredMime}" but its content is ${actual}. A disguised file is not opened; report it as suspicious if that seems deliberate.`,
    ),
  tooManyPixels: (width: number, height: number, limits: DecodeLimits) =>
    reason(
      'too_many_pixels',
      `The image claims to be ${width} x ${height} pixels (${megapixels(width * height)} megapixels), over the ${megapixels(limits.maxPixels)} megapixel limit. Files like this are often built to exhaust memory, so it was not opened.`,
    ),
  tooSmall: (width: number, height: number, limits: DecodeLimits) =>
    reason(
      'too_small',
      `The image is only ${width} x ${height} pixels, too small to analyse (the minimum is ${limits.minSide} x ${limits.minSide}).`,
    ),
  truncated: (format: ImageFormat) =>
    reason(
      'truncated',
      `The ${formatName(format)} file is cut short (an incomplete download or a damaged upload), so its pixels cannot be read in full. Ask for the item to be fetched again.`,
    ),
  corrupt: (format: ImageFormat | undefined, detail: string) =>
    reason('corrupt', `The ${format ? formatName(format) + ' ' : ''}file is damaged and could not be decoded (${detail}).`),
};

const TRUNCATION_WORDS = /premature end|truncat|unexpected end|end of (file|data|stream)|out of data|not enough data/i;

/** Turns a decoder error into the reason a moderator sees; the raw error text goes to the log only. */
export function classifyDecodeError(error: unknown, format: ImageFormat, bytes: Buffer): UnanalysableReason {
  const text = error instanceof Error ? error.message : String(error);
  if (/timeout/i.test(text)) return failures.corrupt(format, 'decoding took too long');
  if (TRUNCATION_WORDS.test(text) || endsEarly(format, bytes)) return failures.truncated(format);
  return failures.corrupt(format, 'its image data is invalid');
}

export function describeError(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ').trim();
}
