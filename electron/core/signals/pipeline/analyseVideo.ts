import { contentHashes, type DecodeOptions, readVideo, type VideoLimits, type VideoToolPaths } from '../../media';
import { PdqHasher } from '../pdq';
import { hashFrame, type VpdqFrame } from '../vpdq';
import type { ClassifierSlot } from './classifierCascade';
import type { ClassifierOutcome, MediaAnalysis } from './types';
import { videoClassifierOutcome } from './videoTimeline';

export interface VideoAnalysisOptions {
  /** The platform's ffmpeg and ffprobe, or why there are none. */
  tools: VideoToolPaths | { unavailable: string };
  limits?: Partial<VideoLimits>;
}

// One per thread: its buffers fit a 4K frame and are kept between frames and videos.
const hasher = new PdqHasher();

/**
 * A video's facts, its vPDQ hash list (one full-size PDQ a second, as Meta's reference) and the
 * image classifier's scores over the same frames. All
 * or nothing: frames hashed before a refusal (a timeout, a cut-short file) are dropped with it.
 */
export async function analyseVideo(
  bytes: Buffer,
  declaredMime: string | undefined,
  options: VideoAnalysisOptions & { classifier: ClassifierSlot; context?: string; log?: DecodeOptions['log'] },
): Promise<MediaAnalysis> {
  const identity = contentHashes(bytes);
  const vpdq: VpdqFrame[] = [];
  const scored: Array<{ timestampSeconds: number; outcome: ClassifierOutcome }> = [];
  const read = await readVideo(bytes, declaredMime, options, async (frame) => {
    vpdq.push(hashFrame(hasher, frame));
    // A model that failed once is not asked again for every remaining frame.
    if (scored.some((s) => 'unavailable' in s.outcome)) return;
    const image = { data: frame.data, width: frame.width, height: frame.height, channels: 3 as const };
    scored.push({ timestampSeconds: frame.timestampSeconds, outcome: await options.classifier.classify(image) });
  });
  if (!read.ok) return { ...identity, status: 'unanalysable', reason: read.failure };
  const { header } = read;
  return {
    ...identity,
    status: 'analysed',
    kind: 'video',
    format: header.container,
    codec: header.codec,
    width: header.width,
    height: header.height,
    fps: header.fps,
    durationSeconds: header.durationSeconds,
    hasAudio: header.hasAudio,
    vpdq,
    classifier: videoClassifierOutcome(scored),
  };
}
