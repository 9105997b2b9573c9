import type { LabelScore } from '../classifier';
import type { ClassifierOutcome } from './types';

/** Scores over time: per sampled frame, the probability of each label in the model's label order. */
export interface VideoClassifierTimeline {
  modelId: string;
  /** Per label: its highest probability over all frames, flagged when that reaches the label's threshold. */
  scores: LabelScore[];
  timeline: Array<{ timestampSeconds: number; probabilities: number[] }>;
  /** Where flagged labels peak: local maxima at or above threshold, highest first, a few per label. */
  peaks: Array<{ label: string; probability: number; timestampSeconds: number }>;
}

export type VideoClassifierOutcome = VideoClassifierTimeline | { unavailable: string };

const PEAKS_PER_LABEL = 3;

/** Builds the timeline from each sampled frame's outcome; the first unavailable outcome stands for the whole video. */
export function videoClassifierOutcome(frames: ReadonlyArray<{ timestampSeconds: number; outcome: ClassifierOutcome }>): VideoClassifierOutcome {
  const unavailable = frames.find((f) => 'unavailable' in f.outcome);
  if (unavailable && 'unavailable' in unavailable.outcome) return unavailable.outcome;
  const scored = frames as ReadonlyArray<{ timestampSeconds: number; outcome: Extract<ClassifierOutcome, { scores: LabelScore[] }> }>;
  const first = scored[0];
  if (!first) return { unavailable: 'The video has no sampled frame to classify.' };
  const labels = first.outcome.scores;
  const timeline = scored.map((f) => ({ timestampSeconds: f.timestampSeconds, probabilities: f.outcome.scores.map((s) => s.probability) }));
  const scores = labels.map((label, l) => {
    const probability = Math.max(...timeline.map((t) => t.probabilities[l]!));
    return { ...label, probability, flagged: label.category !== 'none' && probability >= label.threshold };
  });
  const peaks = labels.flatMap((label, l) => {
    if (!scores[l]!.flagged) return [];
    const series = timeline.map((t) => t.probabilities[l]!);
    return timeline
      .filter((t, i) => series[i]! >= label.threshold && series[i]! >= (series[i - 1] ?? -1) && series[i]! > (series[i + 1] ?? -1))
      .map((t) => ({ label: label.label, probability: t.probabilities[l]!, timestampSeconds: t.timestampSeconds }))
      .sort((a, b) => b.probability - a.probability || a.timestampSeconds - b.timestampSeconds)
      .slice(0, PEAKS_PER_LABEL);
  });
  return { modelId: first.outcome.modelId, scores, timeline, peaks };
}
