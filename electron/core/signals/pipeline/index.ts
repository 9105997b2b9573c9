/**
 * The analysis pipeline: one media file in, its content hashes, PDQ signature and the classifier
 * cascade's scores out (or why it could not be analysed), run on a pool of worker threads.
 */
export { analyseMedia, type AnalyseOptions } from './analyseMedia';
export { analyseVideo, type VideoAnalysisOptions } from './analyseVideo';
export type { VideoClassifierOutcome, VideoClassifierTimeline } from './videoTimeline';
export {
  createAnalysisService,
  PIPELINE_VERSION,
  type AnalysedMedia,
  type AnalysisService,
  type AnalysisServiceDeps,
  type AnalysisServiceStore,
} from './analysisService';
export { cascadeOutcome, classifierCascade, NO_MODEL, type ClassifierSlot } from './classifierCascade';
export { AnalysisWorkerError, createAnalysisPool, type AnalysisPool, type AnalysisPoolOptions } from './pool';
export { AnalysisWorkerMissingError, BUNDLED_WORKER_FILE } from './workerEntry';
export type { CascadeScore, ClassifierOutcome, MediaAnalysis, ModelRun } from './types';
