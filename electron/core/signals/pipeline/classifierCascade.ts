import {
  type Classifier,
  type ClassifierImage,
  type ClassifierManifest,
  type LabelScore,
  type LoadedManifest,
  openClassifier,
  type RunsWhen,
} from '../classifier';
import type { CascadeScore, ClassifierOutcome, ModelRun } from './types';

/** One thread's classifiers, loaded as the thread starts; a model that cannot load is reported, not retried per image. */
export interface ClassifierSlot {
  classify(image: ClassifierImage): Promise<ClassifierOutcome>;
  dispose(): Promise<void>;
}

export const NO_MODEL =
  'No image classifier is installed (no usable *.manifest.json with its .onnx file in the models folder), so no classifier scores are shown.';

interface CascadeStage {
  manifest: ClassifierManifest;
  /** Opens the model once; a failure is kept as the reason it gives no scores. */
  load(): Promise<Classifier | { unavailable: string }>;
  run(image: ClassifierImage): Promise<ModelRun>;
  dispose(): Promise<void>;
}

/**
 * These models as one cascade, in the order given (discoverModels' order: a model after the one
 * its runsWhen names). A model without runsWhen runs on every image; one with it only when the
 * model it names ran on this image and was unsure, so a slow second model costs its run time on
 * the uncertain images alone. Every model starts loading at once, so the first image of a shift
 * (the moderator's first item) does not wait for a model to load.
 */
export function classifierCascade(models: readonly LoadedManifest[]): ClassifierSlot {
  const stages = models.map(stage);
  for (const s of stages) void s.load();
  return {
    async classify(image) {
      const runs: ModelRun[] = [];
      for (const { manifest, run } of stages) {
        if (manifest.runsWhen && !uncertain(manifest.runsWhen, runs)) continue;
        runs.push(await run(image));
      }
      return cascadeOutcome(runs);
    },
    async dispose() {
      await Promise.all(stages.map((s) => s.dispose()));
    },
  };
}

function stage(model: LoadedManifest): CascadeStage {
  const { manifest } = model;
  const { id: modelId, name } = manifest;
  let loading: Promise<Classifier | { unavailable: string }> | null = null;
  const load = () =>
    (loading ??= openClassifier(model, { intraOpNumThreads: 1 }).catch((error: unknown) => ({
      unavailable: `The image classifier ${modelId} is unavailable, so it gives no scores: ${(error as Error).message}`,
    })));
  return {
    manifest,
    load,
    async run(image) {
      const classifier = await load();
      if ('unavailable' in classifier) return { modelId, name, unavailable: classifier.unavailable };
      try {
        const [result] = await classifier.classify([image]);
        return { modelId, name, scores: result!.scores };
      } catch (error) {
        return { modelId, name, unavailable: `The image classifier ${modelId} failed on this image: ${(error as Error).message}` };
      }
    },
    async dispose() {
      const classifier = await loading;
      if (classifier && !('unavailable' in classifier)) await classifier.dispose();
    },
  };
}

/** Whether the model runsWhen names gave any of its labels a probability inside that label's band. */
export function uncertain(runsWhen: RunsWhen, runs: readonly ModelRun[]): boolean {
  const first = runs.find((r) => r.modelId === runsWhen.model);
  if (!first || !('scores' in first)) return false;
  return first.scores.some((score) => {
    const band = runsWhen.uncertain[score.label];
    return band !== undefined && score.probability >= band[0] && score.probability <= band[1];
  });
}

/** Per label, the score of the last model that gave one, kept in the order labels first appeared. */
export function cascadeOutcome(runs: readonly ModelRun[]): ClassifierOutcome {
  const scored = runs.filter((r): r is Extract<ModelRun, { scores: LabelScore[] }> => 'scores' in r);
  if (scored.length === 0) {
    const failed = runs.find((r): r is Extract<ModelRun, { unavailable: string }> => 'unavailable' in r);
    return { unavailable: failed?.unavailable ?? NO_MODEL };
  }
  const byLabel = new Map<string, CascadeScore>();
  for (const run of scored) for (const score of run.scores) byLabel.set(score.label, { ...score, modelId: run.modelId });
  return { models: [...runs], scores: [...byLabel.values()] };
}
