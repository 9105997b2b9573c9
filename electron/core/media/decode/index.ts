export { decodeImage } from './decode-image';
export { decodeFrameStrip } from './frame-strip';
export { inspectImage } from './inspect';
export { sniffMediaType } from './sniff';
export { contentHashes, type ContentHashes } from './content-hashes';
export { DEFAULT_DECODE_LIMITS, resolveLimits } from './limits';
export { logRefusal, resolveLogger } from './refusal-log';
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
  VideoContainer,
} from './types';
