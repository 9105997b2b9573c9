/**
 * vPDQ, Meta's video hash: PDQ with its quality on frames sampled once per second, and the match
 * of two hash lists by the share of each one's frames found in the other.
 */
export { formatVpdq, hashFrame, packFrames, parseVpdq, VpdqFormatError, type PackedFrames, type VpdqFrame } from './frames';
export { compareVpdq, isVpdqMatch, percentages, VPDQ_MATCH_POLICY, type VpdqComparison, type VpdqMatchPolicy } from './match';
export { VpdqBankIndex, type VpdqBankMatch, type VpdqHashFrame } from './bankIndex';
