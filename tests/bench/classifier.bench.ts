// ms per image for the nsfwjs MobileNetV2: ours (ONNX on onnxruntime-node, via loadClassifier) vs
// nsfwjs on @tensorflow/tfjs-backend-wasm, in one process, at batch 1 and batch 8.
// Run: npx tsx tests/bench/classifier.bench.ts
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import * as nsfwjs from 'nsfwjs';
import { type ClassifierImage, loadClassifier } from '../../electron/core/signals/classifier';
import { convertNsfwjsMobileNetV2 } from '../../models/nsfwjs/convert';
import { makeFixtures, REPO_ROOT, SIZE, toUnitFloats } from '../unit/classifier/fixtures';

const RUNS = 9;
const WARMUP = 2;
const GOAL = 12;

async function median(label: string, imagesPerRun: number, run: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < WARMUP; i++) await run();
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await run();
    samples.push((performance.now() - start) / imagesPerRun);
  }
  samples.sort((a, b) => a - b);
  const mid = samples[Math.floor(samples.length / 2)]!;
  console.log(`  ${label.padEnd(52)} ${mid.toFixed(2).padStart(8)} ms/image  (min ${samples[0]!.toFixed(2)}, max ${samples.at(-1)!.toFixed(2)})`);
  return mid;
}

convertNsfwjsMobileNetV2();
const fixtures = (await makeFixtures()).slice(0, 8).map((f) => f.image);
const one: ClassifierImage[] = [fixtures[0]!];

const wasmDir = path.dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm'));
setWasmPaths(`${wasmDir}${path.sep}`);
await tf.setBackend('wasm');
const nsfw = await nsfwjs.load('MobileNetV2');

console.log(`\nclassifier bench: ${RUNS} runs after ${WARMUP} warm-up, median ms per image`);
console.log(
  `machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'}), SHARED with other engineers' builds: figures are noisy (load average ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')})\n`,
);

const ours: Record<string, number> = {};
for (const threads of [1, 2]) {
  const classifier = await loadClassifier(path.join(REPO_ROOT, 'models', 'nsfw-mobilenet-v2.manifest.json'), {
    intraOpNumThreads: threads,
  });
  ours[`1x${threads}`] = await median(`ours onnxruntime-node, ${threads} thread(s), batch 1`, 1, () => classifier.classify(one));
  ours[`8x${threads}`] = await median(`ours onnxruntime-node, ${threads} thread(s), batch 8`, 8, () => classifier.classify(fixtures));
  await classifier.dispose();
}

const pixels = fixtures.map((image) => tf.tensor3d(image.data, [SIZE, SIZE, 3], 'int32'));
const peer1 = await median(`nsfwjs tfjs-backend-wasm, batch 1 (${tf.getBackend()})`, 1, async () => {
  const prediction = nsfw.infer(pixels[0]!);
  await prediction.data();
  prediction.dispose();
});
const batch8 = tf.tensor4d(toUnitFloats(fixtures), [8, SIZE, SIZE, 3]);
const peer8 = await median('nsfwjs tfjs-backend-wasm, batch 8 (model.predict)', 8, async () => {
  const prediction = nsfw.model.predict(batch8) as tf.Tensor;
  await prediction.data();
  prediction.dispose();
});

console.log(`\nratio (nsfwjs wasm / ours), goal >= ${GOAL}x at 1 thread, batch 1:`);
for (const threads of [1, 2]) {
  const r1 = peer1 / ours[`1x${threads}`]!;
  const r8 = peer8 / ours[`8x${threads}`]!;
  const verdict = threads === 1 ? (r1 >= GOAL ? '  (goal met)' : '  (goal NOT met)') : '';
  console.log(`  ${threads} thread(s): batch 1 ${r1.toFixed(1)}x, batch 8 ${r8.toFixed(1)}x${verdict}`);
}
