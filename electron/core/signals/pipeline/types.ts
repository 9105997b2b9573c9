import type { LabelScore } from '../classifier';
import type { ImageFormat, UnanalysableReason, VideoContainer } from '../../media';
import type { PdqSignature } from '../pdq';
import type { VpdqFrame } from '../vpdq';
import type { VideoClassifierOutcome } from './videoTimeline';

/** One model of the cascade on one image: its scores, or why it gave none. */
export type ModelRun = { modelId: string; name: string; scores: LabelScore[] } | { modelId: string; name: string; unavailable: string };

/** A label's score as the policy reads it, with the model that gave it. */
export type CascadeScore = LabelScore & { modelId: string };

/**
 * The classifier cascade on one image: every model that ran, in cascade order, and per label the
 * score of the last model that gave one. Unavailable when no model gave scores.
 */
export type ClassifierOutcome = { models: ModelRun[]; scores: CascadeScore[] } | { unavailable: string };

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
