import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { ClassifierError, ModelFileMissingError } from './errors';
import { type LoadedManifest, readManifest } from './manifest';

const MANIFEST_SUFFIX = '.manifest.json';

/**
 * Every *.manifest.json in the models folder whose manifest is valid, whose .onnx file exists and
 * whose runsWhen names a model that loads and labels that model gives. Each one refused is logged
 * once, naming its file and why, and the others run. Returned in cascade order: a model comes
 * after the model its runsWhen names. The models are not opened here: a corrupt .onnx is found by
 * the worker that loads it and shows as that model being unavailable.
 */
export function discoverModels(dir: string, log: (line: string) => void): LoadedManifest[] {
  let files: string[];
  try {
    files = readdirSync(dir)
      .filter((f) => f.endsWith(MANIFEST_SUFFIX))
      .sort();
  } catch (error) {
    log(`[models] the models folder ${dir} cannot be read, so no image classifier runs: ${(error as Error).message}`);
    return [];
  }
  const refuse = (manifestPath: string, problem: string) => log(`[models] refused ${manifestPath}: ${problem}; the other models run without it`);

  const candidates: LoadedManifest[] = [];
  for (const file of files) {
    const manifestPath = path.join(dir, file);
    try {
      const loaded = readManifest(manifestPath);
      if (!existsSync(loaded.modelPath)) throw new ModelFileMissingError(loaded.modelPath, manifestPath);
      const twin = candidates.find((c) => c.manifest.id === loaded.manifest.id);
      if (twin) {
        refuse(manifestPath, `its id ${loaded.manifest.id} is already taken by ${twin.manifestPath}`);
        continue;
      }
      candidates.push(loaded);
    } catch (error) {
      if (!(error instanceof ClassifierError)) throw error;
      refuse(manifestPath, error.message);
    }
  }

  // A model is accepted once the model its runsWhen names is; whatever is left names one that never is.
  const accepted: LoadedManifest[] = [];
  let pending = candidates;
  for (let progress = true; progress;) {
    progress = false;
    const waiting: LoadedManifest[] = [];
    for (const candidate of pending) {
      const { runsWhen } = candidate.manifest;
      if (!runsWhen) {
        accepted.push(candidate);
        progress = true;
        continue;
      }
      const first = accepted.find((a) => a.manifest.id === runsWhen.model);
      if (!first) {
        waiting.push(candidate);
        continue;
      }
      progress = true;
      const unknown = Object.keys(runsWhen.uncertain).filter((label) => !first.manifest.labels.some((l) => l.name === label));
      if (unknown.length > 0)
        refuse(candidate.manifestPath, `runsWhen names label(s) ${unknown.join(', ')}, which model ${first.manifest.id} does not give`);
      else accepted.push(candidate);
    }
    pending = waiting;
  }
  for (const candidate of pending) {
    refuse(
      candidate.manifestPath,
      `runsWhen names model ${candidate.manifest.runsWhen!.model}, which is not among the models that load (missing, refused, or waiting on this one)`,
    );
  }
  if (accepted.length === 0) log(`[models] no usable *${MANIFEST_SUFFIX} in ${dir}, so no image classifier runs`);
  for (const { manifest, manifestPath } of accepted) {
    const when = manifest.runsWhen
      ? `when ${manifest.runsWhen.model} is unsure (${Object.entries(manifest.runsWhen.uncertain)
          .map(([label, [low, high]]) => `${label} ${low}..${high}`)
          .join(', ')})`
      : 'on every image';
    log(`[models] image classifier ${manifest.id} (${path.basename(manifestPath)}) runs ${when}`);
  }
  return accepted;
}
