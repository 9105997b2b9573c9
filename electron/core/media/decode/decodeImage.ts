import { decodeFrame } from './decodeFrame';
import { classifyDecodeError, failures } from './failures';
import { inspectImage } from './inspect';
import { resolveLimits } from './limits';
import { logRefusal, resolveLogger } from './refusalLog';
import type { DecodeOptions, DecodeResult, UnanalysableReason } from './types';

/**
 * Decodes the first frame of an untrusted image for analysis. Bad input never throws: it resolves
 * to { ok: false } with a reason a moderator can read, and one line goes to the log.
 */
export async function decodeImage(bytes: Buffer, declaredMime?: string, options: DecodeOptions = {}): Promise<DecodeResult> {
  const limits = resolveLimits(options.limits);
  const log = resolveLogger(options.log);
  const refuse = (failure: UnanalysableReason, cause?: unknown): DecodeResult => {
    logRefusal(log, { operation: 'decode', context: options.context, declaredMime, size: bytes.length }, failure, cause);
    return { ok: false, failure };
  };

  try {
    const inspected = await inspectImage(bytes, declaredMime, limits);
    if (!inspected.ok) return refuse(inspected.failure, inspected.cause);
    try {
      return { ok: true, image: await decodeFrame(bytes, inspected.header, 0, limits) };
    } catch (error) {
      return refuse(classifyDecodeError(error, inspected.header.format, bytes), error);
    }
  } catch (error) {
    return refuse(failures.corrupt(undefined, 'the decoder failed unexpectedly'), error);
  }
}
