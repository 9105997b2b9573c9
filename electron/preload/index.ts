/**
 * Exposes raw IPC to the sandboxed renderer as window.workstationIpc: one invoke channel and one
 * event channel, nothing else (no ipcRenderer, no Node). The renderer's IPC client checks every
 * reply against the contract, exactly as its browser-mode client does.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
// From the IPC module alone: a sandboxed preload can require nothing but 'electron', so all it uses is bundled in.
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL, type IpcBridge, type IpcReply } from '../api/ipc';

const bridge: IpcBridge = {
  invoke: (name, input) => ipcRenderer.invoke(IPC_CALL_CHANNEL, name, input) as Promise<IpcReply>,
  onEvent(listener) {
    const handler = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(IPC_EVENT_CHANNEL, handler);
    return () => ipcRenderer.removeListener(IPC_EVENT_CHANNEL, handler);
  },
};

contextBridge.exposeInMainWorld('workstationIpc', bridge);
