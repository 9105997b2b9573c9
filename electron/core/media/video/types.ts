import type { VideoContainer } from '../decode/types';

/** What video analysis allows; anything beyond is refused from the probe, before a frame is decoded. */
export interface VideoLimits {
  maxBytes: number;
  maxDurationSeconds: number;
  /** Width x height of one frame, as the stream claims it. */
  maxPixels: number;
  minSide: number;
  maxFrameRate: number;
  /** Wall-clock cap on ffprobe reading the container's header. */
  probeTimeoutSeconds: number;
  /** Wall-clock cap on decoding every frame; ffmpeg is killed when it runs out. */
  decodeTimeoutSeconds: number;
  /** Address space each ffmpeg/ffprobe process may take (POSIX); a single allocation is capped at a quarter. */
  maxMemoryBytes: number;
}

/** The binaries to run; the host's Platform chooses them. */
export interface VideoToolPaths {
  ffmpeg: string;
  ffprobe: string;
}

/** What ffprobe said about a file that passed every check short of decoding. */
export interface VideoHeader {
  container: VideoContainer;
  codec: string;
  width: number;
  height: number;
  /** avg_frame_rate (r_frame_rate when that is 0), as Meta's vPDQ reads it. */
  fps: number;
  durationSeconds: number;
  hasAudio: boolean;
}

/** One decoded frame, full size, tightly packed RGB24. */
export interface VideoFrame {
  /** 0-based index in decoder output order, as vPDQ numbers frames. */
  frameNumber: number;
  /** frameNumber / fps in float32, rounded to milliseconds as the vPDQ reference prints it. */
  timestampSeconds: number;
  width: number;
  height: number;
  data: Uint8Array;
}
