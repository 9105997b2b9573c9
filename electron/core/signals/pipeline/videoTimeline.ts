import type { LabelScore } from '../classifier';
import type { CascadeScore, ClassifierOutcome, ModelRun } from './types';

/** Scores over time: per sampled frame, the probability of each label in `scores` order. */
export interface VideoClassifierTimeline {
  /** Per model that ran on some frame: each label's highest probability over the frames it ran on. */
  models: ModelRun[];
  /** Per label: its highest probability over all frames, from the model that gave it, flagged when that reaches the label's threshold. */
  scores: CascadeScore[];
  timeline: Array<{ timestampSeconds: number; probabilities: number[] }>;
  /** Where flagged labels peak: local maxima at or above threshold, highest first, a few per label. */
  peaks: Array<{ label: string; probability: number; timestampSeconds: number }>;
}

export type VideoClassifierOutcome = VideoClassifierTimeline | { unavailable: string };

const PEAKS_PER_LABEL = 3;

type Scored = Extract<ClassifierOutcome, { scores: CascadeScore[] }>;

/** Each label at its highest probability among these scores (all of one label set, in its order). */
function maxima<S extends LabelScore>(scoreLists: ReadonlyArray<readonly S[]>): S[] {
  const best = new Map<string, S>();
  for (const scores of scoreLists) {
    for (const score of scores) {
      const known = best.get(score.label);
      if (!known || score.probability > known.probability) best.set(score.label, score);
    }
  }
  return [...best.values()].map((s) => ({ ...s, flagged: s.category !== 'none' && s.probability >= s.threshold }));
}

/** Builds the timeline from each sampled frame's outcome; the first unavailable outcome stands for the whole video. */
export function videoClassifierOutcome(frames: ReadonlyArray<{ timestampSeconds: number; outcome: ClassifierOutcome }>): VideoClassifierOutcome {
  const unavailable = frames.find((f) => 'unavailable' in f.outcome);
  if (unavailable && 'unavailable' in unavailable.outcome) return unavailable.outcome;
  const scored = frames as ReadonlyArray<{ timestampSeconds: number; outcome: Scored }>;
  if (scored.length === 0) return { unavailable: 'The video has no sampled frame to classify.' };
  const scores = maxima(scored.map((f) => f.outcome.scores));
  // A label a later model adds on some frames only reads 0 on the others.
  const timeline = scored.map((f) => ({
    timestampSeconds: f.timestampSeconds,
    probabilities: scores.map((s) => f.outcome.scores.find((fs) => fs.label === s.label)?.probability ?? 0),
  }));
  const runs = scored.flatMap((f) => f.outcome.models);
  const models: ModelRun[] = [...new Map(runs.map((r) => [r.modelId, r])).values()].map((last) => {
    const ran = runs.filter((r): r is Extract<ModelRun, { scores: LabelScore[] }> => r.modelId === last.modelId && 'scores' in r);
    return ran.length === 0 ? last : { modelId: last.modelId, name: last.name, scores: maxima(ran.map((r) => r.scores)) };
  });
  const peaks = scores.flatMap((label, l) => {
    if (!label.flagged) return [];
    const series = timeline.map((t) => t.probabilities[l]!);
    return timeline
      .filter((t, i) => series[i]! >= label.threshold && series[i]! >= (series[i - 1] ?? -1) && series[i]! > (series[i + 1] ?? -1))
      .map((t) => ({ label: label.label, probability: t.probabilities[l]!, timestampSeconds: t.timestampSeconds }))
      .sort((a, b) => b.probability - a.probability || a.timestampSeconds - b.timestampSeconds)
      .slice(0, PEAKS_PER_LABEL);
  });
  return { models, scores, timeline, peaks };
}
