import { type Classifier, loadClassifier } from '../classifier';
import type { ClassifierImage } from '../classifier';
import type { ClassifierOutcome } from './types';

/** One thread's classifier, loaded on first use; a model that cannot load is reported, not retried per image. */
export interface ClassifierSlot {
  classify(image: ClassifierImage): Promise<ClassifierOutcome>;
  dispose(): Promise<void>;
}

export function classifierSlot(manifestPath: string): ClassifierSlot {
  let loading: Promise<Classifier | { unavailable: string }> | null = null;
  const load = () =>
    (loading ??= loadClassifier(manifestPath, { intraOpNumThreads: 1 }).catch((error: unknown) => ({
      unavailable: `The image classifier is unavailable, so no classifier scores are shown: ${(error as Error).message}`,
    })));
  return {
    async classify(image) {
      const classifier = await load();
      if ('unavailable' in classifier) return classifier;
      try {
        const [result] = await classifier.classify([image]);
        return { modelId: classifier.manifest.id, scores: result!.scores };
      } catch (error) {
        return { unavailable: `The image classifier failed on this image: ${(error as Error).message}` };
      }
    },
    async dispose() {
      const classifier = await loading;
      if (classifier && !('unavailable' in classifier)) await classifier.dispose();
    },
  };
}
