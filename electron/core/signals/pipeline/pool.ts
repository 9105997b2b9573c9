import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
// Held open by the main thread so libvips is not unloaded under a worker that exits (lovell/sharp#2263).
import sharp from 'sharp';
import type { LoadedManifest } from '../classifier';
import type { VideoAnalysisOptions } from './analyseVideo';
import type { MediaAnalysis } from './types';
import { trackWarmUps } from './warmUps';
import { resolveWorkerEntry } from './workerEntry';
import type { AnalysisTask, WorkerConfig } from './workerProtocol';

export interface AnalysisPoolOptions {
  /** The classifier cascade (discoverModels); a broken model is unavailable, the others and hashing go on. */
  models: readonly LoadedManifest[];
  /** Worker threads; default one per core (os.availableParallelism()). */
  threads?: number;
  /** ffmpeg and ffprobe (or why there are none) and video limits; without them videos come back unanalysable. */
  video?: VideoAnalysisOptions;
}

export interface AnalysisPool {
  readonly threads: number;
  /** Ids of the cascade's models, in order: an analysis made with other models is made again. */
  readonly models: readonly string[];
  /** Rejects only when a worker itself fails (AnalysisWorkerError); bad images resolve as 'unanalysable'. */
  analyse(bytes: Buffer, declaredMime?: string, context?: string): Promise<MediaAnalysis>;
  close(): Promise<void>;
}

export class AnalysisWorkerError extends Error {
  override readonly name = 'AnalysisWorkerError';
}

/** Runs analyseMedia on worker threads so decoding, hashing and inference never block the main thread. */
export function createAnalysisPool(options: AnalysisPoolOptions): AnalysisPool {
  const threads = options.threads ?? availableParallelism();
  // libvips settings are per process. Each worker thread is already one core's worth of work: a
  // libvips pool per pipeline on top (its default off glibc is one thread per core) would
  // oversubscribe the cores. No operation repeats on the same input, so libvips' operation cache only holds memory.
  sharp.concurrency(1);
  sharp.cache(false);
  const entry = resolveWorkerEntry();
  const workerData: WorkerConfig = {
    models: [...options.models],
    video: options.video ?? { tools: { unavailable: 'no ffmpeg was configured for the analysis pool.' } },
  };
  const piscina = new Piscina<AnalysisTask, MediaAnalysis>({
    filename: entry.filename,
    execArgv: entry.execArgv,
    minThreads: threads,
    maxThreads: threads,
    // Workers hold a loaded model: keep them rather than reload it after a quiet minute.
    idleTimeout: Number.POSITIVE_INFINITY,
    workerData,
  });
  const warmUps = trackWarmUps(piscina);
  return {
    threads,
    models: options.models.map((m) => m.manifest.id),
    async analyse(bytes, declaredMime, context) {
      try {
        return await piscina.run({ bytes, declaredMime, context });
      } catch (error) {
        throw new AnalysisWorkerError(
          `An analysis worker failed on ${context ?? 'a media file'}; the pool has replaced it: ${(error as Error).message}`,
          { cause: error },
        );
      }
    },
    close: () => warmUps.closeAfterWarmUps(),
  };
}
