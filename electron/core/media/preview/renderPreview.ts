import sharp, { type Sharp } from 'sharp';
import {
  classifyDecodeError,
  inspectImage,
  logRefusal,
  resolveLimits,
  resolveLogger,
  type DecodeLimits,
  type DecodeOptions,
  type ImageFormat,
  type UnanalysableReason,
} from '../decode';
import { displaySize, type DisplaySize } from './displaySize';
import { normalisePreviewOptions } from './previewOptions';
import { PreviewRefusedError } from './previewRefusedError';
import { gaussianBlur, type RawRaster, resizeBilinear, resizeNearest } from './rasterFilters';
import { blurSigma, PIXELATE_BLOCK } from './tiers';
import type { LensOptions, PreviewOptions, PreviewTier, RenderedLens, RenderedPreview } from './types';

const FLATTEN_BACKGROUND = '#ffffff';
const LOSSY_QUALITY = 80;
/**
 * libwebp's fastest lossless settings: method 0 gives the same pixels as effort 2 (lossless either
 * way) at a third of the encoding time, and quality, which in lossless mode trades bytes for time
 * and never pixels, at its lowest took a further 0.3 of the 2.6 ms a default preview's encoding
 * cost, with files no larger (2.6 kB against 2.8 kB at the default 80).
 */
const LOSSLESS = { lossless: true, effort: 0, quality: 1 } as const;

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
  const lossless = options.grayscale || options.tier === 'pixelate';
  return image.webp(lossless ? LOSSLESS : { quality: LOSSY_QUALITY });
}

/**
 * Drawn small by sharp, read out raw, enlarged (and for the smooth tiers blurred) in this thread,
 * then handed back to sharp to encode. At these sizes (60x45 for the heavy tier at 240 px)
 * libvips's blur and enlargement cost 2.5 of the default preview's 10 ms of CPU, nearly all of it
 * fixed cost per operation rather than work. Grey again in the last pass: raw single-band input
 * would otherwise come out as three bands, unlike the one-pass tiers the lens mixes it with.
 */
async function scaledUp(small: Sharp, grayscale: boolean, enlarge: (raster: RawRaster) => RawRaster): Promise<Sharp> {
  const { data, info } = await small.raw().toBuffer({ resolveWithObject: true });
  const large = enlarge({ data, width: info.width, height: info.height, channels: info.channels });
  return grey(sharp(large.data, { raw: { width: large.width, height: large.height, channels: large.channels } }), grayscale);
}

/** size divided by factor, at least one pixel a side. */
function shrunk(size: DisplaySize, factor: number): DisplaySize {
  return { width: Math.max(1, Math.round(size.width / factor)), height: Math.max(1, Math.round(size.height / factor)) };
}

/**
 * A blur of sigma s leaves nothing that an image 1/k the size could not hold while s/k stays a
 * few pixels, so strong blurs are drawn at the size where sigma is WORKING_SIGMA px or more and
 * scaled up (bilinear: the blurred image is smooth at that scale). The heavy tier at 240 px
 * (sigma 19.2) is blurred at 60 px with sigma 4.8, and a 1 MP JPEG is decoded at 1/8 scale for it:
 * drawn at 240 px, sharp decoded it at 1/2 (it halves its shrink-on-load when the shrink's integer
 * part equals it: 4.81 -> 1/4 -> 1/2), and the full-size blur was most of the preview's CPU time.
 */
const WORKING_SIGMA = 4;

/** Each sharp pipeline converts to grey before it resizes, so grey is set where the pixels are first read. */
function grey(image: Sharp, grayscale: boolean): Sharp {
  return grayscale ? image.grayscale() : image;
}

function smoothed(bytes: Buffer, size: DisplaySize, options: PreviewOptions, limits: DecodeLimits, format: ImageFormat): Promise<Sharp> {
  const longSide = Math.max(size.width, size.height);
  const sigma = blurSigma(options.tier, longSide);
  const image = (at: DisplaySize) => grey(uprightAtSize(bytes, at, limits), options.grayscale);
  if (sigma === undefined) return Promise.resolve(image(size));
  const factor = Math.floor(sigma / WORKING_SIGMA);
  // Only a JPEG is decoded at the smaller scale; any other format is decoded whole either way, and
  // drawn small it loses the last grey level between near-identical video keyframes (PNG stills).
  if (factor <= 1 || format !== 'jpeg') return Promise.resolve(image(size).blur(sigma));
  const working = shrunk(size, factor);
  const workingSigma = (sigma * Math.max(working.width, working.height)) / longSide;
  return scaledUp(image(working), options.grayscale, (raster) => resizeBilinear(gaussianBlur(raster, workingSigma), raster, size));
}

function pixelated(bytes: Buffer, size: DisplaySize, options: PreviewOptions, limits: DecodeLimits): Promise<Sharp> {
  return scaledUp(grey(uprightAtSize(bytes, shrunk(size, PIXELATE_BLOCK), limits), options.grayscale), options.grayscale, (raster) =>
    resizeNearest(raster, size),
  );
}

/** The image at a tier, upright and at size, grey if asked, not yet encoded. */
function atTier(bytes: Buffer, size: DisplaySize, options: PreviewOptions, limits: DecodeLimits, format: ImageFormat): Promise<Sharp> {
  return options.tier === 'pixelate' ? pixelated(bytes, size, options, limits) : smoothed(bytes, size, options, limits, format);
}

/** Inspects the bytes (refusing what decodeImage would refuse) and runs render at the display size. */
async function rendered<T>(
  bytes: Buffer,
  maxSize: number,
  decodeOptions: DecodeOptions,
  render: (size: DisplaySize, limits: DecodeLimits, format: ImageFormat) => Promise<T>,
): Promise<T> {
  const limits = resolveLimits(decodeOptions.limits);
  const refuse = (failure: UnanalysableReason, cause?: unknown): PreviewRefusedError => {
    const facts = { operation: 'preview', context: decodeOptions.context, size: bytes.length };
    logRefusal(resolveLogger(decodeOptions.log), facts, failure, cause);
    return new PreviewRefusedError(failure, cause === undefined ? undefined : { cause });
  };
  const inspected = await inspectImage(bytes, undefined, limits);
  if (!inspected.ok) throw refuse(inspected.failure, inspected.cause);
  try {
    return await render(displaySize(inspected.header, maxSize), limits, inspected.header.format);
  } catch (error) {
    throw refuse(classifyDecodeError(error, inspected.header.format, bytes), error);
  }
}

/**
 * Renders what a reviewer sees in place of the original: upright, at most maxSize on the longest
 * side, blurred or pixelated per tier, optionally grayscale, as WebP. Input that decodeImage would
 * refuse is refused here too (PreviewRefusedError), so nothing unsafe is ever rendered.
 */
export async function renderPreview(bytes: Buffer, options: PreviewOptions, decodeOptions: DecodeOptions = {}): Promise<RenderedPreview> {
  const wanted = normalisePreviewOptions(options);
  return rendered(bytes, wanted.maxSize, decodeOptions, async (size, limits, format) => {
    const { data, info } = await encode(await atTier(bytes, size, wanted, limits, format), wanted).toBuffer({ resolveWithObject: true });
    return { mimeType: 'image/webp', bytes: data, width: info.width, height: info.height, tier: wanted.tier, grayscale: wanted.grayscale };
  });
}

/**
 * The preview at a blurred tier with one circle clear: the hover lens, drawn here so the renderer
 * never holds more of the clear image than the circle. The circle has a hard edge, so the pixels
 * served clear are exactly the ones counted in areaFraction. Always lossless: lossy WebP would
 * smear detail from inside the circle across its edge.
 */
export async function renderLens(bytes: Buffer, options: LensOptions, decodeOptions: DecodeOptions = {}): Promise<RenderedLens> {
  const wanted = normalisePreviewOptions(options);
  return rendered(bytes, wanted.maxSize, decodeOptions, async (size, limits, format) => {
    // The same atTier as renderPreview's (grey included): the pixels around the circle are the blurred preview's exactly.
    const pixelsAt = async (tier: PreviewTier) =>
      (await atTier(bytes, size, { ...wanted, tier }, limits, format)).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    const [base, clear] = await Promise.all([pixelsAt(wanted.tier), pixelsAt('clear')]);
    const { width, height, channels } = base.info;
    const out = Buffer.from(base.data);
    const cx = options.lens.x * width;
    const cy = options.lens.y * height;
    const radius = options.lens.r * Math.min(width, height);
    let inside = 0;
    for (let y = 0; y < height; y += 1) {
      const dy = y + 0.5 - cy;
      for (let x = 0; x < width; x += 1) {
        const dx = x + 0.5 - cx;
        if (dx * dx + dy * dy > radius * radius) continue;
        inside += 1;
        const at = (y * width + x) * channels;
        clear.data.copy(out, at, at, at + channels);
      }
    }
    const data = await sharp(out, { raw: { width, height, channels } }).webp(LOSSLESS).toBuffer();
    return {
      mimeType: 'image/webp',
      bytes: data,
      width,
      height,
      tier: wanted.tier,
      grayscale: wanted.grayscale,
      areaFraction: inside / (width * height),
    };
  });
}
