export { decodeImage } from './decodeImage';
export { decodeFrameStrip } from './frameStrip';
export { inspectImage } from './inspect';
export { contentHashes, type ContentHashes } from './contentHashes';
export { DEFAULT_DECODE_LIMITS, resolveLimits } from './limits';
export { logRefusal, resolveLogger } from './refusalLog';
export { classifyDecodeError } from './failures';
export type {
  DecodedFrame,
  DecodedImage,
  DecodeLimits,
  DecodeLogger,
  DecodeOptions,
  DecodeResult,
  FrameStripResult,
  ImageFormat,
  ImageHeader,
  InspectResult,
  UnanalysableCode,
  UnanalysableReason,
} from './types';
