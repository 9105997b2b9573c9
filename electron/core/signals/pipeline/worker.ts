/**
 * Entry of one analysis worker thread (piscina loads it by file name). Each thread keeps its own
 * classifier sessions and PDQ buffers, loaded once and reused for every task.
 */
import { workerData } from 'node:worker_threads';
import { analyseMedia } from './analyseMedia';
import { classifierCascade } from './classifierCascade';
import type { AnalysisTask, WorkerConfig } from './workerProtocol';
import type { MediaAnalysis } from './types';

const config = workerData as WorkerConfig;
const classifier = classifierCascade(config.models);

export default function analyse(task: AnalysisTask): Promise<MediaAnalysis> {
  const bytes = Buffer.from(task.bytes.buffer, task.bytes.byteOffset, task.bytes.byteLength);
  return analyseMedia(bytes, task.declaredMime, { classifier, video: config.video, context: task.context });
}
