import type { WorkstationEvent } from '../../api';

/** Core's outgoing events; each transport subscribes once and forwards them to its renderer. */
export function createEventHub(log: (line: string) => void) {
  const listeners = new Set<(event: WorkstationEvent) => void>();
  return {
    emit(event: WorkstationEvent): void {
      for (const listener of listeners) {
        try {
          listener(event);
        } catch (error) {
          log(`[core] an event listener failed on ${event.type}: ${(error as Error).message}`);
        }
      }
    },
    subscribe(listener: (event: WorkstationEvent) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
