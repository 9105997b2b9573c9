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

/** A worker's word, on its parent port, that its warm-up is over: from then on it may be terminated. */
export interface WarmedUp {
  warmedUp: number;
}

export function isWarmedUp(message: unknown): message is WarmedUp {
  return typeof message === 'object' && message !== null && typeof (message as Partial<WarmedUp>).warmedUp === 'number';
}
