import { ipcMain, type WebContents } from 'electron';
import { ApiError, IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL, type IpcReply } from '../api';
import type { Core } from '../core';

/**
 * The Electron transport: one invoke channel dispatching into the same core entry point as the web
 * host (which validates with the same schemas), and one channel pushing events (electron/api/ipc.ts).
 */
export function registerIpc(core: Core, isTrustedSender: (sender: WebContents, frameUrl: string) => boolean): void {
  ipcMain.handle(IPC_CALL_CHANNEL, async (event, name: unknown, input: unknown): Promise<IpcReply> => {
    if (!isTrustedSender(event.sender, event.senderFrame?.url ?? '')) {
      return { ok: false, error: { code: 'forbidden', message: 'Calls are accepted only from the workstation window.' } };
    }
    try {
      return { ok: true, value: await core.dispatch(String(name), input) };
    } catch (error) {
      const apiError = error instanceof ApiError ? error : new ApiError('internal', (error as Error).message);
      return { ok: false, error: apiError.toBody() };
    }
  });
}

export function forwardEvents(core: Core, target: WebContents): () => void {
  return core.subscribe((event) => {
    if (!target.isDestroyed()) target.send(IPC_EVENT_CHANNEL, event);
  });
}
