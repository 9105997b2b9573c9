/**
 * The analysis pipeline: one media file in, its content hashes, PDQ signature and classifier
 * scores out (or why it could not be analysed), run on a pool of worker threads.
 */
export { analyseMedia, type AnalyseOptions } from './analyse-media';
export { analyseVideo, type VideoAnalysisOptions } from './analyse-video';
export type { VideoClassifierOutcome, VideoClassifierTimeline } from './video-timeline';
export {
  createAnalysisService,
  PIPELINE_VERSION,
  type AnalysedMedia,
  type AnalysisService,
  type AnalysisServiceDeps,
  type AnalysisServiceStore,
} from './analysis-service';
export { classifierSlot, type ClassifierSlot } from './classifier-slot';
export { AnalysisWorkerError, createAnalysisPool, type AnalysisPool, type AnalysisPoolOptions } from './pool';
export { AnalysisWorkerMissingError, BUNDLED_WORKER_FILE } from './worker-entry';
export type { ClassifierOutcome, MediaAnalysis } from './types';
