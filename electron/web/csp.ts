/**
 * The renderer's Content-Security-Policy, shared by both hosts: scripts and styles only from the
 * app itself, previews only as blob: (browser mode) or the media protocol (Electron), and network
 * only back to the host that served the page.
 */
export function contentSecurityPolicy(connectSources: readonly string[] = []): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' blob: workstation-media:",
    "font-src 'self'",
    `connect-src 'self' ${connectSources.join(' ')}`.trim(),
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}
