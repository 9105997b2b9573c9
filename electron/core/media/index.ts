/**
 * Media: reading image and video files safely (sniffing, bounded decoding, content hashes) and rendering
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
  sniffMediaType,
  type DecodeLimits,
  type DecodeOptions,
  type ImageFormat,
  type ImageHeader,
  type UnanalysableReason,
  type VideoContainer,
} from './decode';
export {
  DEFAULT_VIDEO_LIMITS,
  frameModulus,
  readVideo,
  resolveVideoLimits,
  timestampOf,
  type ReadVideoOptions,
  type ReadVideoResult,
  type VideoFrame,
  type VideoHeader,
  type VideoLimits,
  type VideoToolPaths,
} from './video';
export {
  createPreviewCache,
  PreviewRefusedError,
  renderLens,
  renderPreview,
  renderStoryboard,
  stillOf,
  STORYBOARD_FRAMES,
  videoKeyframes,
  type PreviewCache,
  type PreviewOptions,
  type VideoKeyframes,
  type VideoSource,
} from './preview';
