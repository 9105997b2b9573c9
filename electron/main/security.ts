/**
 * The window's security settings in one place, as data and pure functions, so a test can check
 * them (and find them in the built bundle) without an Electron binary.
 */
import type { WebPreferences } from 'electron';

/** Everything Electron can open towards Node or remote content, closed. */
export const SECURE_WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  navigateOnDragDrop: false,
  spellcheck: false,
} as const satisfies WebPreferences;

/** No new windows at all: the app links nowhere, and reported content must not open a browser. */
export const denyWindowOpen = (): { action: 'deny' } => ({ action: 'deny' });

/** The window shows the bundled renderer only; any navigation away from it is refused. */
export const refuseNavigation = (event: { preventDefault(): void }): void => event.preventDefault();

/** The renderer asks for no device, notification or clipboard permission; every request is refused. */
export const refusePermission = (_webContents: unknown, _permission: string, callback: (granted: boolean) => void): void => callback(false);
