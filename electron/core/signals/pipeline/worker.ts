/**
 * Entry of one analysis worker thread (piscina loads it by file name). Each thread keeps its own
 * classifier sessions and PDQ buffers, loaded once and reused for every task.
 */
import { parentPort, threadId, workerData } from 'node:worker_threads';
import sharp from 'sharp';
import { analyseMedia } from './analyseMedia';
import { classifierCascade } from './classifierCascade';
import type { AnalysisTask, WarmedUp, WorkerConfig } from './workerProtocol';
import type { MediaAnalysis } from './types';

const config = workerData as WorkerConfig;
const classifier = classifierCascade(config.models);

function analyse(task: AnalysisTask): Promise<MediaAnalysis> {
  const bytes = Buffer.from(task.bytes.buffer, task.bytes.byteOffset, task.bytes.byteLength);
  return analyseMedia(bytes, task.declaredMime, { classifier, video: config.video, context: task.context });
}

/**
 * A thread's first image pays for compiling the code, starting libvips and onnxruntime's first
 * runs (allocations, weight packing): about half a second here. One made-up image pays it as the
 * thread starts instead of the moderator's first item; piscina holds tasks until this resolves.
 */
async function warmedUp(): Promise<typeof analyse> {
  const image = await sharp({ create: { width: 320, height: 240, channels: 3, background: { r: 90, g: 120, b: 150 } } })
    .png()
    .toBuffer();
  await analyseMedia(image, 'image/png', { classifier, video: config.video, context: 'the warm-up image' });
  parentPort?.postMessage({ warmedUp: threadId } satisfies WarmedUp);
  return analyse;
}

export default warmedUp();
