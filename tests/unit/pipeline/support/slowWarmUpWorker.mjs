// A worker whose warm-up takes a while, then marks its slot in the shared flags and says it is warmed up.
import { setTimeout as sleep } from 'node:timers/promises';
import { parentPort, threadId, workerData } from 'node:worker_threads';

const { flags, slot } = workerData;
const mine = Atomics.add(slot, 0, 1);
await sleep(300);
Atomics.store(flags, mine, 1);
parentPort.postMessage({ warmedUp: threadId });

export default () => 'done';
