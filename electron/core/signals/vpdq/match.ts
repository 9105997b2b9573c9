import { hammingDistance } from '../pdq';
import { type PackedFrames, packFrames, type VpdqFrame } from './frames';

/**
 * vPDQ match parameters. The rule is that of Meta's C++ tool (match-hashes-brute): frames with
 * quality below qualityTolerance are dropped, two frames match when their distance is strictly
 * below distanceTolerance, and duplicate hashes all count (no dedup), so our percentages equal
 * the reference's on tests/fixtures/vpdq. The verdict is vpdq/README.md's example: a match when
 * the target's frames are at least targetMatchPct found, whatever share of the query's is.
 */
export interface VpdqMatchPolicy {
  distanceTolerance: number;
  qualityTolerance: number;
  queryMatchPct: number;
  targetMatchPct: number;
}

export const VPDQ_MATCH_POLICY: Readonly<VpdqMatchPolicy> = { distanceTolerance: 31, qualityTolerance: 50, queryMatchPct: 0, targetMatchPct: 80 };

export interface VpdqComparison {
  /** Share (0..100) of the query's usable frames with a match among the target's. */
  queryMatchPct: number;
  /** Share (0..100) of the target's usable frames with a match among the query's. */
  targetMatchPct: number;
  isMatch: boolean;
}

export function isVpdqMatch(queryMatchPct: number, targetMatchPct: number, policy: VpdqMatchPolicy = VPDQ_MATCH_POLICY): boolean {
  return queryMatchPct >= policy.queryMatchPct && targetMatchPct >= policy.targetMatchPct;
}

function usable(frames: PackedFrames, qualityTolerance: number): PackedFrames {
  const keep = frames.qualities.map((q) => q >= qualityTolerance);
  return { hashes: frames.hashes.filter((_, i) => keep[i]), qualities: frames.qualities.filter((_, i) => keep[i]) };
}

/** Both percentages by comparing every usable frame with every other: the reference's brute force. */
type HashList = ReadonlyArray<Pick<VpdqFrame, 'hash' | 'quality'>> | PackedFrames;

export function compareVpdq(query: HashList, target: HashList, policy: VpdqMatchPolicy = VPDQ_MATCH_POLICY): VpdqComparison {
  const q = usable(Array.isArray(query) ? packFrames(query) : (query as PackedFrames), policy.qualityTolerance);
  const t = usable(Array.isArray(target) ? packFrames(target) : (target as PackedFrames), policy.qualityTolerance);
  if (q.hashes.length === 0 || t.hashes.length === 0) return { queryMatchPct: 0, targetMatchPct: 0, isMatch: false };
  const queryFound = new Uint8Array(q.hashes.length);
  const targetFound = new Uint8Array(t.hashes.length);
  for (let i = 0; i < q.hashes.length; i++) {
    for (let j = 0; j < t.hashes.length; j++) {
      if (hammingDistance(q.hashes[i]!, t.hashes[j]!) < policy.distanceTolerance) {
        queryFound[i] = 1;
        targetFound[j] = 1;
      }
    }
  }
  return percentages(queryFound, targetFound, policy);
}

/** Turns per-frame found flags into the two percentages and the verdict. */
export function percentages(queryFound: Uint8Array, targetFound: Uint8Array, policy: VpdqMatchPolicy = VPDQ_MATCH_POLICY): VpdqComparison {
  const share = (found: Uint8Array) => (found.length === 0 ? 0 : (100 * found.reduce((sum, v) => sum + v, 0)) / found.length);
  const queryMatchPct = share(queryFound);
  const targetMatchPct = share(targetFound);
  return { queryMatchPct, targetMatchPct, isMatch: isVpdqMatch(queryMatchPct, targetMatchPct, policy) };
}
