import type { LabelScore } from '../classifier';
import type { ImageFormat, UnanalysableReason } from '../decode';
import type { DihedralName } from '../pdq';

/** A PDQ hash as text (64 hex digits) so it crosses threads and the store unchanged. */
export interface PdqSignature {
  hash: string;
  quality: number;
  /** The hashes of the 7 rotations and mirror images, so turned or flipped copies match too. */
  dihedral: Record<DihedralName, string>;
}

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
