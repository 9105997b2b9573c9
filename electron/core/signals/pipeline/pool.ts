import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
// Held open by the main thread so libvips is not unloaded under a worker that exits (lovell/sharp#2263).
import 'sharp';
import type { MediaAnalysis } from './types';
import { resolveWorkerEntry } from './workerEntry';
import type { AnalysisTask, WorkerConfig } from './workerProtocol';

export interface AnalysisPoolOptions {
  /** The classifier's manifest (JSON); a missing or broken model leaves the classifier unavailable, hashing goes on. */
  manifestPath: string;
  /** Worker threads; default one per core (os.availableParallelism()). */
  threads?: number;
}

export interface AnalysisPool {
  readonly threads: number;
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
  const entry = resolveWorkerEntry();
  const workerData: WorkerConfig = { manifestPath: options.manifestPath };
  const piscina = new Piscina<AnalysisTask, MediaAnalysis>({
    filename: entry.filename,
    execArgv: entry.execArgv,
    minThreads: threads,
    maxThreads: threads,
    // Workers hold a loaded model: keep them rather than reload it after a quiet minute.
    idleTimeout: Number.POSITIVE_INFINITY,
    workerData,
  });
  return {
    threads,
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
    close: () => piscina.close(),
  };
}
