/**
 * Exposes the typed API to the sandboxed renderer as window.workstation. Nothing else crosses:
 * no ipcRenderer, no Node. The renderer cannot tell this from the browser-mode client.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { WorkstationApi, WorkstationEvent } from '../api';
import type { IpcReply } from '../main/ipc';

const api: WorkstationApi = {
  async call(name, input) {
    const reply = (await ipcRenderer.invoke('workstation:call', name, input)) as IpcReply;
    // contextBridge keeps only the message of a thrown Error; a plain body keeps code and field,
    // and the renderer turns it back into an ApiError.
    if (!reply.ok) throw reply.error;
    return reply.value as never;
  },
  subscribe(listener) {
    const handler = (_event: IpcRendererEvent, payload: WorkstationEvent) => listener(payload);
    ipcRenderer.on('workstation:event', handler);
    return () => ipcRenderer.removeListener('workstation:event', handler);
  },
  async previewUrl(request) {
    const query = new URLSearchParams({ tier: request.tier, grayscale: request.grayscale ? '1' : '0' });
    if (request.revealId !== undefined) query.set('revealId', request.revealId);
    return `workstation-media://preview/${encodeURIComponent(request.itemId)}/${request.sha256}?${query.toString()}`;
  },
  releasePreviewUrl() {
    // Protocol URLs hold no memory in the renderer; nothing to give back.
  },
};

contextBridge.exposeInMainWorld('workstation', api);
