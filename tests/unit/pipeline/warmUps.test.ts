import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import { expect, test } from 'vitest';
import { trackWarmUps } from '../../../electron/core/signals/pipeline/warmUps';

const SLOW_WARM_UP = path.join(path.dirname(fileURLToPath(import.meta.url)), 'support', 'slowWarmUpWorker.mjs');

// A thread terminated inside its warm-up's native onnxruntime run takes the whole process down with it.
test('closing the pool while its threads warm up waits for every warm-up to finish before terminating them', async () => {
  const flags = new Int32Array(new SharedArrayBuffer(8));
  const slot = new Int32Array(new SharedArrayBuffer(4));
  const piscina = new Piscina({ filename: SLOW_WARM_UP, minThreads: 2, maxThreads: 2, workerData: { flags, slot } });
  await piscina.close();
  expect([...flags]).not.toEqual([1, 1]);

  const flagsAfter = new Int32Array(new SharedArrayBuffer(8));
  const slotAfter = new Int32Array(new SharedArrayBuffer(4));
  const tracked = new Piscina({ filename: SLOW_WARM_UP, minThreads: 2, maxThreads: 2, workerData: { flags: flagsAfter, slot: slotAfter } });
  await trackWarmUps(tracked).closeAfterWarmUps();
  expect([...flagsAfter]).toEqual([1, 1]);
});
