/**
 * The Electron WorkstationApi, over the raw bridge the preload exposes: calls by IPC invoke,
 * events by IPC, previews from the workstation-media:// protocol that main serves from core.
 * Replies are checked against the contract like the browser-mode client's.
 */
import { ApiError, eventSchema, previewPath, type IpcBridge, type WorkstationApi, type WorkstationEvent } from '../../electron/api';
import { checkedOutput, isErrorBody } from './replies';

export function createIpcClient(bridge: IpcBridge): WorkstationApi {
  return {
    async call(name, input) {
      const reply = await bridge.invoke(name, input);
      if (reply.ok) return checkedOutput(name, reply.value);
      throw isErrorBody(reply.error)
        ? ApiError.fromBody(reply.error)
        : new ApiError(
            'internal',
            `The workstation answered ${name} with an error this version cannot read. Restart the app; if it persists, report it.`,
          );
    },
    subscribe(listener: (event: WorkstationEvent) => void) {
      // Events are hints to re-read state through calls, so one that does not fit is dropped.
      return bridge.onEvent((payload) => {
        const parsed = eventSchema.safeParse(payload);
        if (parsed.success) listener(parsed.data);
      });
    },
    previewUrl: async (request) => `workstation-media://preview/${previewPath(request)}`,
    // Protocol URLs hold no memory in the renderer; nothing to give back.
    releasePreviewUrl: () => undefined,
  };
}
