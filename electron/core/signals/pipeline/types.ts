import type { LabelScore } from '../classifier';
import type { ImageFormat, UnanalysableReason, VideoContainer } from '../../media';
import type { PdqSignature } from '../pdq';
import type { VpdqFrame } from '../vpdq';
import type { VideoClassifierOutcome } from './videoTimeline';

export type ClassifierOutcome = { modelId: string; scores: LabelScore[] } | { unavailable: string };

interface ContentIdentity {
  sha256: string;
  md5: string;
}

/** What on-device analysis learned about one media file; computed once per SHA-256. */
export type MediaAnalysis =
  | (ContentIdentity & {
      status: 'analysed';
      kind: 'image';
      format: ImageFormat;
      width: number;
      height: number;
      pdq: PdqSignature;
      classifier: ClassifierOutcome;
    })
  | (ContentIdentity & {
      status: 'analysed';
      kind: 'video';
      format: VideoContainer;
      codec: string;
      width: number;
      height: number;
      fps: number;
      durationSeconds: number;
      hasAudio: boolean;
      /** Every sampled frame (one a second), in order: Meta's vPDQ hash list. */
      vpdq: VpdqFrame[];
      classifier: VideoClassifierOutcome;
    })
  | (ContentIdentity & { status: 'unanalysable'; reason: UnanalysableReason });
