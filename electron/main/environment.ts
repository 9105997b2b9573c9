/**
 * Which upstream the desktop app syncs with. It starts none of its own: `npm start` runs the
 * reference upstream beside it and passes its address in UPSTREAM_URL, an organisation points it
 * at its own review service the same way. No 'electron' import, so it is tested without Electron.
 */
export const NO_UPSTREAM =
  "No upstream is configured: set UPSTREAM_URL to the address of your organisation's review service (npm start sets it to the reference upstream).";

export function resolveUpstreamUrl(env: Readonly<Record<string, string | undefined>>): { url: string } | { refusal: string } {
  const value = env.UPSTREAM_URL?.trim();
  if (!value) return { refusal: NO_UPSTREAM };
  if (!URL.canParse(value) || !/^https?:$/.test(new URL(value).protocol)) {
    return {
      refusal: `UPSTREAM_URL is "${value}", which is not an http:// or https:// address: set it to the address of your organisation's review service.`,
    };
  }
  return { url: value };
}

export type AutoUpdate = { enabled: false; reason: string } | { enabled: true; feed: string };

/**
 * Auto-update is off unless the deployer turns it on (WORKSTATION_AUTO_UPDATE=on) and names an
 * https feed (WORKSTATION_UPDATE_FEED, where `npm run package` publishes): managed workstations
 * usually update through their organisation's own tooling, and an update must never arrive unasked.
 */
export function resolveAutoUpdate(env: Readonly<Record<string, string | undefined>>): AutoUpdate {
  if (env.WORKSTATION_AUTO_UPDATE?.trim() !== 'on')
    return { enabled: false, reason: 'Auto-update is off (set WORKSTATION_AUTO_UPDATE=on and WORKSTATION_UPDATE_FEED to turn it on).' };
  const feed = env.WORKSTATION_UPDATE_FEED?.trim() ?? '';
  if (!URL.canParse(feed) || new URL(feed).protocol !== 'https:') {
    return { enabled: false, reason: `Auto-update stays off: WORKSTATION_UPDATE_FEED is "${feed}", which is not an https:// address.` };
  }
  return { enabled: true, feed };
}
