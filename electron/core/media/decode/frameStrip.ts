import { decodeFrame } from './decodeFrame';
import { classifyDecodeError, failures } from './failures';
import { inspectImage } from './inspect';
import { resolveLimits } from './limits';
import { logRefusal, resolveLogger } from './refusalLog';
import type { DecodedFrame, DecodeOptions, FrameStripResult, UnanalysableReason } from './types';

/** Evenly spread frame indices, always including the first and (when there is room) the last. */
export function sampleFrameIndices(frameCount: number, wanted: number): number[] {
  if (wanted >= frameCount) return Array.from({ length: frameCount }, (_, i) => i);
  if (wanted === 1) return [0];
  return Array.from({ length: wanted }, (_, i) => Math.round((i * (frameCount - 1)) / (wanted - 1)));
}

/**
 * Up to maxFrames frames spread across an animation (a still image gives one frame), so classifiers
 * see more than a harmless opening frame. All frames together stay within the per-image pixel
 * limit, so a long animation costs no more memory than one large still.
 */
export async function decodeFrameStrip(bytes: Buffer, maxFrames: number, options: DecodeOptions = {}): Promise<FrameStripResult> {
  if (!Number.isInteger(maxFrames) || maxFrames < 1) {
    throw new RangeError(`decodeFrameStrip: maxFrames must be a whole number of at least 1, got ${maxFrames}`);
  }
  const limits = resolveLimits(options.limits);
  const log = resolveLogger(options.log);
  const refuse = (failure: UnanalysableReason, cause?: unknown): FrameStripResult => {
    logRefusal(log, { operation: 'frame-strip', context: options.context, size: bytes.length }, failure, cause);
    return { ok: false, failure };
  };

  try {
    const inspected = await inspectImage(bytes, undefined, limits);
    if (!inspected.ok) return refuse(inspected.failure, inspected.cause);
    const { header } = inspected;
    const affordable = Math.max(1, Math.floor(limits.maxPixels / (header.width * header.height)));
    const frames: DecodedFrame[] = [];
    for (const index of sampleFrameIndices(header.frameCount, Math.min(maxFrames, affordable))) {
      try {
        frames.push({ index, image: await decodeFrame(bytes, header, index, limits) });
      } catch (error) {
        return refuse(classifyDecodeError(error, header.format, bytes), error);
      }
    }
    return { ok: true, frames };
  } catch (error) {
    return refuse(failures.corrupt(undefined, 'the decoder failed unexpectedly'), error);
  }
}
