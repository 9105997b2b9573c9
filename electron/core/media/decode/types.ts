export type ImageFormat = 'jpeg' | 'png' | 'webp' | 'gif';

/** The video containers analysis opens, recognised by their magic bytes before ffmpeg sees the file. */
export type VideoContainer = 'mp4' | 'matroska' | 'avi';

export interface DecodedImage {
  format: ImageFormat;
  width: number;
  height: number;
  channels: 3;
  /** Raw interleaved RGB as stored, NOT orientation-corrected: hashes must see the stored pixels. */
  data: Buffer;
  /** EXIF orientation 1..8 (1 when absent), for display code to apply. */
  orientation: number;
  frameCount: number;
}

export type UnanalysableCode =
  | 'empty'
  | 'truncated'
  | 'type_mismatch'
  | 'unsupported_type'
  | 'svg_refused'
  | 'too_many_pixels'
  | 'too_many_bytes'
  | 'too_small'
  | 'corrupt'
  | 'no_video_stream'
  | 'too_long'
  | 'frame_rate_too_high'
  | 'timed_out'
  | 'video_tools_unavailable';

export interface UnanalysableReason {
  code: UnanalysableCode;
  /** Written for a moderator: says what is wrong with the file, not what the code did. */
  message: string;
}

export type DecodeResult = { ok: true; image: DecodedImage } | { ok: false; failure: UnanalysableReason };

export interface DecodedFrame {
  /** Zero-based position of this frame in the animation. */
  index: number;
  image: DecodedImage;
}

export type FrameStripResult = { ok: true; frames: DecodedFrame[] } | { ok: false; failure: UnanalysableReason };

export interface DecodeLimits {
  maxBytes: number;
  /** Width x height of one frame, checked from the header before any pixel is decoded. */
  maxPixels: number;
  /** Both sides must be at least this long; smaller images carry too little to analyse. */
  minSide: number;
  /** Wall-clock cap on one decode, so a pathological file cannot hold a worker forever. */
  timeoutSeconds: number;
}

export type DecodeLogger = (line: string) => void;

export interface DecodeOptions {
  limits?: Partial<DecodeLimits>;
  log?: DecodeLogger;
  /** Who the bytes belong to (item id, media sha256), repeated in the log line. */
  context?: string;
}

/** What the header says about an image that passed every check short of decoding pixels. */
export interface ImageHeader {
  format: ImageFormat;
  width: number;
  height: number;
  orientation: number;
  frameCount: number;
  /** Stored as grey (libvips' 'b-w' space): analysis keeps it one channel, as Meta's reference reads it. */
  grey: boolean;
}

export type InspectResult =
  | { ok: true; header: ImageHeader }
  /** `cause` is the underlying decoder error, for the log line only. */
  | { ok: false; failure: UnanalysableReason; cause?: unknown };
