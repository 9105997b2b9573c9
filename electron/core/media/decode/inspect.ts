import sharp, { type Metadata } from 'sharp';
import { parseDeclaredMime } from './declaredMime';
import { classifyDecodeError, failures, formatName } from './failures';
import { sniffMediaType } from './sniff';
import type { DecodeLimits, ImageFormat, InspectResult } from './types';

function describeActual(format: ImageFormat): string {
  return `a ${formatName(format)} image`;
}

function validOrientation(value: number | undefined): number {
  return value !== undefined && Number.isInteger(value) && value >= 1 && value <= 8 ? value : 1;
}

/**
 * Every check that can be made without decoding pixels: size, real type, declared type, and the
 * dimensions the header claims. A decompression bomb is refused here, before any pixel buffer exists.
 */
export async function inspectImage(bytes: Buffer, declaredMime: string | undefined, limits: DecodeLimits): Promise<InspectResult> {
  if (bytes.length === 0) return { ok: false, failure: failures.empty() };
  if (bytes.length > limits.maxBytes) return { ok: false, failure: failures.tooManyBytes(bytes.length, limits) };

  const sniffed = sniffMediaType(bytes);
  if (sniffed.kind === 'svg') return { ok: false, failure: failures.svg() };
  if (sniffed.kind === 'other' || sniffed.kind === 'video') return { ok: false, failure: failures.unsupported(sniffed.name) };
  if (sniffed.kind === 'unknown') return { ok: false, failure: failures.unsupported(undefined) };
  const { format } = sniffed;

  const declared = parseDeclaredMime(declaredMime);
  if (declared.kind !== 'unspecified' && !(declared.kind === 'image' && declared.format === format)) {
    return { ok: false, failure: failures.typeMismatch(declaredMime ?? '', describeActual(format)) };
  }

  let metadata: Metadata;
  try {
    metadata = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch (error) {
    return { ok: false, failure: classifyDecodeError(error, format, bytes), cause: error };
  }
  if (metadata.format !== format) {
    return {
      ok: false,
      failure: failures.corrupt(format, 'its header does not match its type'),
      cause: `sniffed ${format}, decoder chose ${metadata.format}`,
    };
  }

  const { width, height } = metadata;
  if (width * height > limits.maxPixels) return { ok: false, failure: failures.tooManyPixels(width, height, limits) };
  if (width < limits.minSide || height < limits.minSide) return { ok: false, failure: failures.tooSmall(width, height, limits) };

  return {
    ok: true,
    header: {
      format,
      width,
      height,
      orientation: validOrientation(metadata.orientation),
      frameCount: metadata.pages ?? 1,
      grey: metadata.space === 'b-w',
    },
  };
}
