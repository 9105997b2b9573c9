/**
 * Electron main: app lifecycle, the window, the media protocol and the IPC transport. Everything
 * else is core, exactly as browser mode hosts it.
 */
import { app, BrowserWindow, dialog, session } from 'electron';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCore, type Core } from '../core';
import { contentSecurityPolicy } from '../web';
import { forwardEvents, registerIpc } from './ipc';
import { handleMediaProtocol, registerMediaScheme } from './mediaProtocol';
import { createElectronPlatform } from './platform';
import { resolveAutoUpdate, resolveUpstreamUrl } from './environment';
import { denyWindowOpen, refuseNavigation, refusePermission, SECURE_WEB_PREFERENCES } from './security';
import { startAutoUpdate } from './updates';

const here = path.dirname(fileURLToPath(import.meta.url));
const rendererIndex = path.join(here, '../renderer/index.html');
const log = (line: string) => process.stdout.write(`${line}\n`);

registerMediaScheme();

let core: Core | null = null;

async function boot(): Promise<void> {
  const upstream = resolveUpstreamUrl(process.env);
  if ('refusal' in upstream) {
    process.stderr.write(`${upstream.refusal}\n`);
    dialog.showErrorBox('Moderator Workstation cannot start', upstream.refusal);
    app.exit(1);
    return;
  }
  // Packaged, the manifests and the built model ship as resources; unpackaged, they are in the project.
  const modelsDir = app.isPackaged ? path.join(process.resourcesPath, 'models') : path.join(app.getAppPath(), 'models');
  core = await createCore({
    platform: createElectronPlatform(log),
    upstreamUrl: upstream.url,
    modelsDir,
  });
  handleMediaProtocol(core);
  registerIpc(core, (_sender, frameUrl) => frameUrl.startsWith('file://'));

  session.defaultSession.setPermissionRequestHandler(refusePermission);
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [contentSecurityPolicy()] } });
  });

  const win = new BrowserWindow({
    width: 1440,
    height: 900,
    title: 'Moderator Workstation',
    backgroundColor: '#15171a',
    webPreferences: { ...SECURE_WEB_PREFERENCES, preload: path.join(here, '../preload/index.cjs') },
  });
  const stopEvents = forwardEvents(core, win.webContents);
  win.on('closed', stopEvents);
  await win.loadFile(rendererIndex);
  if (app.isPackaged) startAutoUpdate(resolveAutoUpdate(process.env), log);
}

// Every web contents, including any a future window or a compromised renderer might create.
app.on('web-contents-created', (_event, contents) => {
  contents.setWindowOpenHandler(denyWindowOpen);
  contents.on('will-navigate', refuseNavigation);
  contents.on('will-attach-webview', refuseNavigation);
});

app.whenReady().then(boot, (error: unknown) => log(`[main] could not start: ${String(error)}`));

app.on('window-all-closed', () => app.quit());
app.on('before-quit', () => {
  void core?.close();
});
