import type { MediaSignals } from '../../electron/api';

type LabelScore = { label: string; probability: number; threshold: number; category: string; flagged: boolean };

/** The classifier signal of a cascade in which only `modelId` ran: every score the policy reads is its own. */
export function singleModelSignal(modelId: string, scores: LabelScore[]): NonNullable<MediaSignals['classifier']> {
  return { models: [{ modelId, name: modelId, scores }], scores: scores.map((s) => ({ ...s, modelId })) };
}
