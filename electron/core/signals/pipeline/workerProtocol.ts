import type { LoadedManifest } from '../classifier';
import type { VideoAnalysisOptions } from './analyseVideo';

/** What the pool hands each worker at start (workerData) and with each task. */
export interface WorkerConfig {
  /** The classifier cascade, in order, as discoverModels checked it. */
  models: LoadedManifest[];
  video: VideoAnalysisOptions;
}

export interface AnalysisTask {
  bytes: Uint8Array;
  declaredMime: string | undefined;
  /** Who the bytes belong to, repeated in any refusal log line. */
  context: string | undefined;
}
