import type { BankMatch, MediaSignals } from '../../../api';
import { VPDQ_MATCH_POLICY } from '../vpdq';
import type { MediaAnalysis } from './types';

type VideoAnalysis = Extract<MediaAnalysis, { kind: 'video' }>;

/** What an item view shows of an analysed video: never a frame, only facts, counts and scores over time. */
export function videoSignals(analysis: VideoAnalysis, bankMatches: BankMatch[]): MediaSignals {
  const { classifier } = analysis;
  const timed = 'unavailable' in classifier ? { timeline: [], peaks: [] } : { timeline: classifier.timeline, peaks: classifier.peaks };
  return {
    sha256: analysis.sha256,
    status: 'analysed',
    classifier: 'unavailable' in classifier ? classifier : { models: classifier.models, scores: classifier.scores },
    video: {
      durationSeconds: analysis.durationSeconds,
      width: analysis.width,
      height: analysis.height,
      fps: analysis.fps,
      hasAudio: analysis.hasAudio,
      vpdq: { frames: analysis.vpdq.length, usableFrames: analysis.vpdq.filter((f) => f.quality >= VPDQ_MATCH_POLICY.qualityTolerance).length },
      ...timed,
    },
    bankMatches,
  };
}
