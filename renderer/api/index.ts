/**
 * Which WorkstationApi this window has, decided once at startup: the preload's when running in
 * Electron, otherwise the browser-mode client talking to the host that served this page.
 */
import type { WorkstationApi } from '../../electron/api';
import { takeLaunchToken } from './launchToken';
import { createWebClient } from './webClient';

declare global {
  interface Window {
    /** Set by the Electron preload through contextBridge; absent in browser mode. */
    workstation?: WorkstationApi;
  }
}

export type ApiConnection = { kind: 'ready'; api: WorkstationApi } | { kind: 'missing_token' };

export function connectWorkstationApi(win: Window): ApiConnection {
  if (win.workstation) return { kind: 'ready', api: win.workstation };
  const token = takeLaunchToken({ location: win.location, history: win.history, storage: win.sessionStorage });
  if (token === null) return { kind: 'missing_token' };
  return { kind: 'ready', api: createWebClient({ origin: win.location.origin, token }) };
}
