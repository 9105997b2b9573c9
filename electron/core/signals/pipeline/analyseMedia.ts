import {
  classifyDecodeError,
  contentHashes,
  type DecodeOptions,
  inspectImage,
  logRefusal,
  resolveLimits,
  resolveLogger,
  sniffMediaType,
  type UnanalysableReason,
} from '../../media';
import { DIHEDRAL_NAMES, pdqHashWithDihedral, type PdqSignature, preshrinkNearest, toHex } from '../pdq';
import { analyseVideo, type VideoAnalysisOptions } from './analyseVideo';
import { classifierImageOf } from './classifierInput';
import type { ClassifierSlot } from './classifierCascade';
import { decodeStoredPixels } from './storedPixels';
import type { MediaAnalysis } from './types';

export interface AnalyseOptions extends DecodeOptions {
  classifier: ClassifierSlot;
  /** Without it a video is refused as unanalysable, saying video analysis is not set up. */
  video?: VideoAnalysisOptions;
}

const NO_VIDEO_TOOLS: VideoAnalysisOptions = { tools: { unavailable: 'no ffmpeg was configured for this analysis.' } };

/**
 * Decodes once, then content hashes, PDQ with its dihedral hashes and classifier scores. Bad
 * input never throws: it comes back 'unanalysable' with the decoder's reason for the moderator.
 */
export async function analyseMedia(bytes: Buffer, declaredMime: string | undefined, options: AnalyseOptions): Promise<MediaAnalysis> {
  if (sniffMediaType(bytes).kind === 'video') {
    return analyseVideo(bytes, declaredMime, {
      ...(options.video ?? NO_VIDEO_TOOLS),
      classifier: options.classifier,
      context: options.context,
      log: options.log,
    });
  }
  const identity = contentHashes(bytes);
  const limits = resolveLimits(options.limits);
  const unanalysable = (reason: UnanalysableReason, cause?: unknown): MediaAnalysis => {
    const facts = { operation: 'analysis', context: options.context, declaredMime, size: bytes.length };
    logRefusal(resolveLogger(options.log), facts, reason, cause);
    return { ...identity, status: 'unanalysable', reason };
  };

  const inspected = await inspectImage(bytes, declaredMime, limits);
  if (!inspected.ok) return unanalysable(inspected.failure, inspected.cause);
  const { header } = inspected;

  let pixels;
  try {
    pixels = await decodeStoredPixels(bytes, header, limits);
  } catch (error) {
    return unanalysable(classifyDecodeError(error, header.format, bytes), error);
  }
  // Meta's CLI pre-shrink: bit-exact with its hashes and a fixed cost however large the photo.
  const pdq = pdqHashWithDihedral(preshrinkNearest(pixels));
  const signature: PdqSignature = {
    hash: toHex(pdq.hash),
    quality: pdq.quality,
    dihedral: Object.fromEntries(DIHEDRAL_NAMES.map((name) => [name, toHex(pdq.dihedral[name])])) as PdqSignature['dihedral'],
  };
  return {
    ...identity,
    status: 'analysed',
    kind: 'image',
    format: header.format,
    width: pixels.width,
    height: pixels.height,
    pdq: signature,
    classifier: await options.classifier.classify(classifierImageOf(pixels)),
  };
}
