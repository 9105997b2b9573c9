/**
 * Media: reading image files safely (sniffing, bounded decoding, content hashes) and rendering
 * the protected previews a moderator sees (blur tiers, grayscale, size caps). What an image
 * shows is the signals service's question; this one only reads and draws pixels.
 */
export {
  classifyDecodeError,
  contentHashes,
  decodeFrameStrip,
  decodeImage,
  inspectImage,
  logRefusal,
  resolveLimits,
  resolveLogger,
  type DecodeLimits,
  type DecodeOptions,
  type ImageFormat,
  type ImageHeader,
  type UnanalysableReason,
} from './decode';
export { createPreviewCache, PreviewRefusedError, renderLens, renderPreview, type PreviewCache, type PreviewOptions } from './preview';
