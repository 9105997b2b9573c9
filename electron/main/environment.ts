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
