/**
 * The analysis pipeline: one media file in, its content hashes, PDQ signature and classifier
 * scores out (or why it could not be analysed), run on a pool of worker threads.
 */
export { analyseMedia, type AnalyseOptions } from './analyseMedia';
export {
  createAnalysisService,
  PIPELINE_VERSION,
  type AnalysedMedia,
  type AnalysisService,
  type AnalysisServiceDeps,
  type AnalysisServiceStore,
} from './analysisService';
export { classifierSlot, type ClassifierSlot } from './classifierSlot';
export { AnalysisWorkerError, createAnalysisPool, type AnalysisPool, type AnalysisPoolOptions } from './pool';
export { AnalysisWorkerMissingError, BUNDLED_WORKER_FILE } from './workerEntry';
export type { ClassifierOutcome, MediaAnalysis } from './types';
