/** What the pool hands each worker at start (workerData) and with each task. */
export interface WorkerConfig {
  manifestPath: string;
}

export interface AnalysisTask {
  bytes: Uint8Array;
  declaredMime: string | undefined;
  /** Who the bytes belong to, repeated in any refusal log line. */
  context: string | undefined;
}
