import electronUpdater from 'electron-updater';
import type { AutoUpdate } from './environment';

/** Checks the deployer's feed once at start when auto-update is on; the update installs when the app quits. */
export function startAutoUpdate(setting: AutoUpdate, log: (line: string) => void): void {
  if (!setting.enabled) {
    log(`[update] ${setting.reason}`);
    return;
  }
  const { autoUpdater } = electronUpdater;
  autoUpdater.setFeedURL({ provider: 'generic', url: setting.feed });
  autoUpdater.autoInstallOnAppQuit = true;
  log(`[update] checking ${setting.feed} for a newer version`);
  autoUpdater
    .checkForUpdatesAndNotify()
    .catch((error: unknown) => log(`[update] the update check failed (the app goes on as it is): ${String(error)}`));
}
