import { fromHex, type PdqHash, PdqHasher, toHex } from '../pdq';

/** One hashed frame of a video, as a line of Meta's .vpdq file. */
export interface VpdqFrame {
  frameNumber: number;
  /** PDQ quality 0..100; the matcher ignores frames below its quality tolerance. */
  quality: number;
  /** 64 lowercase hex digits. */
  hash: string;
  timestampSeconds: number;
}

export class VpdqFormatError extends Error {
  override readonly name = 'VpdqFormatError';
}

/**
 * PDQ of a full-size frame, as vPDQ's reference hashes it: no 512 pre-shrink (that is the photo
 * tool's), the whole frame through the box filter.
 */
export function hashFrame(
  hasher: PdqHasher,
  frame: { frameNumber: number; timestampSeconds: number; width: number; height: number; data: Uint8Array },
): VpdqFrame {
  const { hash, quality } = hasher.hash({ data: frame.data, width: frame.width, height: frame.height, channels: 3 });
  return { frameNumber: frame.frameNumber, quality, hash: toHex(hash), timestampSeconds: frame.timestampSeconds };
}

/** Reads Meta's .vpdq text: `frameNumber,quality,hashHex,timestampSeconds` per line. */
export function parseVpdq(text: string): VpdqFrame[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line, index) => {
      const [frame, quality, hash, timestamp] = line.split(',');
      const frameNumber = Number(frame);
      const q = Number(quality);
      const t = Number(timestamp);
      if (
        !Number.isInteger(frameNumber) ||
        frameNumber < 0 ||
        !Number.isInteger(q) ||
        q < 0 ||
        q > 100 ||
        !Number.isFinite(t) ||
        !/^[0-9a-fA-F]{64}$/.test(hash ?? '')
      ) {
        throw new VpdqFormatError(`Line ${index + 1} of a vPDQ hash list is not "frameNumber,quality,hash,timestamp": "${line.slice(0, 100)}"`);
      }
      return { frameNumber, quality: q, hash: hash!.toLowerCase(), timestampSeconds: t };
    });
}

/** Writes Meta's .vpdq text, byte for byte as the reference prints it. */
export function formatVpdq(frames: readonly VpdqFrame[]): string {
  return frames.map((f) => `${f.frameNumber},${f.quality},${f.hash},${f.timestampSeconds.toFixed(3)}\n`).join('');
}

/** Frames with their hashes unpacked once, for matching. */
export interface PackedFrames {
  hashes: PdqHash[];
  qualities: number[];
}

export function packFrames(frames: readonly Pick<VpdqFrame, 'hash' | 'quality'>[]): PackedFrames {
  return { hashes: frames.map((f) => fromHex(f.hash)), qualities: frames.map((f) => f.quality) };
}
