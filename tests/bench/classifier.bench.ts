// ms per image for the nsfwjs MobileNetV2: ours (ONNX on onnxruntime-node, via loadClassifier, so
// preprocessing included) vs nsfwjs on @tensorflow/tfjs-backend-wasm, in one process, at batch 1
// and batch 8, ours at 1 and 2 threads.
// The contenders take turns within each round (in an order that rotates from round to round)
// rather than each running all its samples in one stretch: on a machine shared with other work the
// load drifts over the seconds a stretch lasts, and turns expose every contender to the same load.
// A turn's first call is not timed: the other contenders' turns have pushed this one's weights
// out of the cache, and a first call after them cost ours 1.14-1.19x a repeated call's CPU time.
// Besides wall time it records the process's CPU time per sample, which another process's load
// inflates far less; it is a fair comparison only between single-threaded contenders (ours at 1
// thread and the peer, whose wasm build runs one thread: the bench checks it).
// Run: npm run bench -- classifier
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import * as nsfwjs from 'nsfwjs';
import { type ClassifierImage, loadClassifier } from '../../electron/core/signals/classifier';
import { convertNsfwjsMobileNetV2 } from '../../models/nsfwjs/convert';
import { makeFixtures, REPO_ROOT, SIZE, toUnitFloats } from '../unit/classifier/fixtures';

const ROUNDS = 9;
const WARMUP = 1;
/** Timed calls in a turn, after its untimed first call. */
const TIMED_CALLS = 3;
const GOAL = 12;

interface Contender {
  label: string;
  images: number;
  run: () => Promise<unknown>;
  wall: number[];
  cpu: number[];
}

const loadAverage = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');

convertNsfwjsMobileNetV2();
const fixtures = (await makeFixtures()).slice(0, 8).map((f) => f.image);
const one: ClassifierImage[] = [fixtures[0]!];

const wasmDir = path.dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm'));
setWasmPaths(`${wasmDir}${path.sep}`);
await tf.setBackend('wasm');
if (await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT')) {
  throw new Error('tfjs-backend-wasm would run its multithreaded build here; the peer is meant to be its single-threaded one');
}
const nsfw = await nsfwjs.load('MobileNetV2');

console.log(
  `\nclassifier bench: ${ROUNDS} rounds after ${WARMUP} warm-up, each contender one turn a round (an untimed call, then ${TIMED_CALLS} timed), median ms per image`,
);
console.log(
  `machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'}), SHARED with other engineers' builds: figures are noisy (load average ${loadAverage()})`,
);
console.log(`peer: tfjs-backend-wasm, SIMD ${String(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'))}, one thread\n`);

const contenders: Contender[] = [];
const add = (label: string, images: number, run: () => Promise<unknown>) => {
  const contender = { label, images, run, wall: [], cpu: [] };
  contenders.push(contender);
  return contender;
};

const manifest = path.join(REPO_ROOT, 'models', 'nsfw-mobilenet-v2.manifest.json');
const classifiers = await Promise.all([1, 2].map((threads) => loadClassifier(manifest, { intraOpNumThreads: threads })));
const ours = [1, 2].map((threads, i) => {
  const classifier = classifiers[i]!;
  return {
    b1: add(`ours onnxruntime-node, ${threads} thread(s), batch 1`, 1, () => classifier.classify(one)),
    b8: add(`ours onnxruntime-node, ${threads} thread(s), batch 8`, 8, () => classifier.classify(fixtures)),
  };
});

const pixels = fixtures.map((image) => tf.tensor3d(image.data, [SIZE, SIZE, 3], 'int32'));
const peer1 = add(`nsfwjs tfjs-backend-wasm, batch 1 (nsfw.infer)`, 1, async () => {
  const prediction = nsfw.infer(pixels[0]!);
  await prediction.data();
  prediction.dispose();
});
const batch8 = tf.tensor4d(toUnitFloats(fixtures), [8, SIZE, SIZE, 3]);
const peer8 = add('nsfwjs tfjs-backend-wasm, batch 8 (model.predict)', 8, async () => {
  const prediction = nsfw.model.predict(batch8) as tf.Tensor;
  await prediction.data();
  prediction.dispose();
});

for (let round = 0; round < WARMUP + ROUNDS; round++) {
  for (let turn = 0; turn < contenders.length; turn++) {
    const contender = contenders[(round + turn) % contenders.length]!;
    await contender.run();
    for (let call = 0; call < TIMED_CALLS; call++) {
      const cpuStart = process.cpuUsage();
      const start = performance.now();
      await contender.run();
      const wall = performance.now() - start;
      const cpu = process.cpuUsage(cpuStart);
      if (round < WARMUP) continue;
      contender.wall.push(wall / contender.images);
      contender.cpu.push((cpu.user + cpu.system) / 1000 / contender.images);
    }
  }
}
await Promise.all(classifiers.map((c) => c.dispose()));

const median = (samples: readonly number[]) => [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)]!;
for (const c of contenders) {
  const sorted = [...c.wall].sort((a, b) => a - b);
  console.log(
    `  ${c.label.padEnd(52)} ${median(c.wall).toFixed(2).padStart(8)} ms/image  (min ${sorted[0]!.toFixed(2)}, max ${sorted.at(-1)!.toFixed(2)})  cpu ${median(c.cpu).toFixed(2)} ms`,
  );
}

console.log(`\nratio (nsfwjs wasm / ours) of the medians, wall time, goal >= ${GOAL}x at 1 thread, batch 1:`);
ours.forEach(({ b1, b8 }, i) => {
  const r1 = median(peer1.wall) / median(b1.wall);
  const r8 = median(peer8.wall) / median(b8.wall);
  const verdict = i === 0 ? (r1 >= GOAL ? '  (goal met)' : '  (goal NOT met)') : '';
  console.log(`  ${i + 1} thread(s): batch 1 ${r1.toFixed(1)}x, batch 8 ${r8.toFixed(1)}x${verdict}`);
});
const [single] = ours;
console.log(
  `CPU-time ratio, 1 thread: batch 1 ${(median(peer1.cpu) / median(single!.b1.cpu)).toFixed(1)}x, batch 8 ${(median(peer8.cpu) / median(single!.b8.cpu)).toFixed(1)}x`,
);
console.log(`load average at the end: ${loadAverage()}`);
