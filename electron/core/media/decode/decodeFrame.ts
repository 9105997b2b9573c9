import sharp from 'sharp';
import type { DecodedImage, DecodeLimits, ImageHeader } from './types';

/** Transparent areas are composited on white, the background the item would usually be seen on. */
const FLATTEN_BACKGROUND = '#ffffff';

/**
 * Decodes one frame to stored-orientation RGB. failOn 'error' aborts on truncation and decoder
 * errors but tolerates the harmless warnings many real cameras and editors leave behind.
 */
export async function decodeFrame(bytes: Buffer, header: ImageHeader, page: number, limits: DecodeLimits): Promise<DecodedImage> {
  const { data, info } = await sharp(bytes, { failOn: 'error', limitInputPixels: limits.maxPixels, page, pages: 1 })
    .flatten({ background: FLATTEN_BACKGROUND })
    .toColourspace('srgb')
    .timeout({ seconds: limits.timeoutSeconds })
    .raw({ depth: 'uchar' })
    .toBuffer({ resolveWithObject: true });
  if (info.channels !== 3 || data.length !== info.width * info.height * 3) {
    throw new Error(`decoder produced ${info.channels} channels at ${info.width}x${info.height}, expected RGB`);
  }
  return {
    format: header.format,
    width: info.width,
    height: info.height,
    channels: 3,
    data,
    orientation: header.orientation,
    frameCount: header.frameCount,
  };
}
