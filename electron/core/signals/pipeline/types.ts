import type { LabelScore } from '../classifier';
import type { ImageFormat, UnanalysableReason } from '../../media';
import type { PdqSignature } from '../pdq';

export type ClassifierOutcome = { modelId: string; scores: LabelScore[] } | { unavailable: string };

interface ContentIdentity {
  sha256: string;
  md5: string;
}

/** What on-device analysis learned about one media file; computed once per SHA-256. */
export type MediaAnalysis =
  | (ContentIdentity & {
      status: 'analysed';
      format: ImageFormat;
      width: number;
      height: number;
      pdq: PdqSignature;
      classifier: ClassifierOutcome;
    })
  | (ContentIdentity & { status: 'unanalysable'; reason: UnanalysableReason });
