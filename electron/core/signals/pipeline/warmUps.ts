import type { Worker } from 'node:worker_threads';
import type { Piscina } from 'piscina';
import { isWarmedUp } from './workerProtocol';

/**
 * Terminating a thread while it is inside a native call (a warm-up's onnxruntime run) aborts the
 * whole process ("terminate called after throwing an instance of 'Napi::Error'"). piscina's close
 * waits for tasks, not for a thread's warm-up, so this close first waits for each thread's word
 * that its warm-up is over (or for the thread to have exited).
 */
export function trackWarmUps<T, R>(piscina: Piscina<T, R>): { closeAfterWarmUps(): Promise<void> } {
  const warmed = new Set<number>();
  const waiting = new Map<number, () => void>();
  piscina.on('message', (message: unknown) => {
    if (!isWarmedUp(message)) return;
    warmed.add(message.warmedUp);
    waiting.get(message.warmedUp)?.();
  });
  const warmedOrGone = (thread: Worker): Promise<void> =>
    warmed.has(thread.threadId)
      ? Promise.resolve()
      : new Promise((resolve) => {
          waiting.set(thread.threadId, resolve);
          thread.once('exit', () => resolve());
        });
  return {
    async closeAfterWarmUps() {
      await Promise.all(piscina.threads.map(warmedOrGone));
      await piscina.close();
    },
  };
}
