import sharp, { type Sharp } from 'sharp';
import {
  classifyDecodeError,
  inspectImage,
  logRefusal,
  resolveLimits,
  resolveLogger,
  type DecodeLimits,
  type DecodeOptions,
  type UnanalysableReason,
} from '../decode';
import { displaySize, type DisplaySize } from './display-size';
import { normalisePreviewOptions } from './preview-options';
import { PreviewRefusedError } from './preview-refused-error';
import { blurSigma, PIXELATE_BLOCK } from './tiers';
import type { PreviewOptions, RenderedPreview } from './types';

const FLATTEN_BACKGROUND = '#ffffff';
const LOSSY_QUALITY = 80;

/** First frame, upright, resized and opaque: every tier starts here. Shrink-on-load keeps big JPEGs cheap. */
function uprightAtSize(bytes: Buffer, size: DisplaySize, limits: DecodeLimits): Sharp {
  return sharp(bytes, { failOn: 'error', limitInputPixels: limits.maxPixels, pages: 1 })
    .timeout({ seconds: limits.timeoutSeconds })
    .autoOrient()
    .resize({ width: size.width, height: size.height, fit: 'fill' })
    .flatten({ background: FLATTEN_BACKGROUND });
}

/**
 * Lossless where exactness is what the moderator is promised: lossy WebP's chroma would tint a
 * grayscale preview, and its ringing would soften pixelate block edges back into detail.
 */
function encode(image: Sharp, options: PreviewOptions): Sharp {
  const grey = options.grayscale ? image.grayscale() : image;
  const lossless = options.grayscale || options.tier === 'pixelate';
  return grey.webp(lossless ? { lossless: true, effort: 2 } : { quality: LOSSY_QUALITY });
}

/** sharp runs its blur after its resize, so the blur only ever touches preview-sized pixels. */
function smoothed(bytes: Buffer, size: DisplaySize, options: PreviewOptions, limits: DecodeLimits): Sharp {
  const image = uprightAtSize(bytes, size, limits);
  const sigma = blurSigma(options.tier, Math.max(size.width, size.height));
  return encode(sigma === undefined ? image : image.blur(sigma), options);
}

async function pixelated(bytes: Buffer, size: DisplaySize, options: PreviewOptions, limits: DecodeLimits): Promise<Sharp> {
  const blocks = {
    width: Math.max(1, Math.round(size.width / PIXELATE_BLOCK)),
    height: Math.max(1, Math.round(size.height / PIXELATE_BLOCK)),
  };
  const { data, info } = await uprightAtSize(bytes, blocks, limits).raw().toBuffer({ resolveWithObject: true });
  const enlarged = sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } }).resize({
    width: size.width,
    height: size.height,
    fit: 'fill',
    kernel: 'nearest',
  });
  return encode(enlarged, options);
}

/**
 * Renders what a reviewer sees in place of the original: upright, at most maxSize on the longest
 * side, blurred or pixelated per tier, optionally grayscale, as WebP. Input that decodeImage would
 * refuse is refused here too (PreviewRefusedError), so nothing unsafe is ever rendered.
 */
export async function renderPreview(bytes: Buffer, options: PreviewOptions, decodeOptions: DecodeOptions = {}): Promise<RenderedPreview> {
  const wanted = normalisePreviewOptions(options);
  const limits = resolveLimits(decodeOptions.limits);
  const refuse = (failure: UnanalysableReason, cause?: unknown): PreviewRefusedError => {
    const facts = { operation: 'preview', context: decodeOptions.context, size: bytes.length };
    logRefusal(resolveLogger(decodeOptions.log), facts, failure, cause);
    return new PreviewRefusedError(failure, cause === undefined ? undefined : { cause });
  };

  const inspected = await inspectImage(bytes, undefined, limits);
  if (!inspected.ok) throw refuse(inspected.failure, inspected.cause);
  const size = displaySize(inspected.header, wanted.maxSize);

  try {
    const pipeline =
      wanted.tier === 'pixelate' ? await pixelated(bytes, size, wanted, limits) : smoothed(bytes, size, wanted, limits);
    const { data, info } = await pipeline.toBuffer({ resolveWithObject: true });
    return { mimeType: 'image/webp', bytes: data, width: info.width, height: info.height, tier: wanted.tier, grayscale: wanted.grayscale };
  } catch (error) {
    throw refuse(classifyDecodeError(error, inspected.header.format, bytes), error);
  }
}
