/**
 * Which WorkstationApi this window has, decided once at startup: the IPC client over the preload's
 * bridge when running in Electron, otherwise the browser-mode client talking to the host that
 * served this page. The two sit side by side and check replies the same way (replies.ts).
 */
import type { IpcBridge, WorkstationApi } from '../../electron/api';
import { createIpcClient } from './ipcClient';
import { takeLaunchToken } from './launchToken';
import { createWebClient } from './webClient';

declare global {
  interface Window {
    /** Set by the Electron preload through contextBridge; absent in browser mode. */
    workstationIpc?: IpcBridge;
  }
}

export type ApiConnection = { kind: 'ready'; api: WorkstationApi } | { kind: 'missing_token' };

export function connectWorkstationApi(win: Window): ApiConnection {
  if (win.workstationIpc) return { kind: 'ready', api: createIpcClient(win.workstationIpc) };
  const token = takeLaunchToken({ location: win.location, history: win.history, storage: win.sessionStorage });
  if (token === null) return { kind: 'missing_token' };
  return { kind: 'ready', api: createWebClient({ origin: win.location.origin, token }) };
}
