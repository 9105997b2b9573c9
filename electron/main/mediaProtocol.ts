import { protocol } from 'electron';
import { ApiError, httpStatusOf, previewRequestOf } from '../api';
import type { Core } from '../core';

export const MEDIA_SCHEME = 'workstation-media';

/** Must run before app 'ready': the scheme is privileged so <img> can load from it under the CSP. */
export function registerMediaScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: MEDIA_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

/** workstation-media://preview/<itemId>/<sha256>?tier=default[&grayscale=1][&lens=x,y,r][&revealId=...] -> the preview core decides on and records (clear or a lens only under an open reveal). */
export function handleMediaProtocol(core: Core): void {
  protocol.handle(MEDIA_SCHEME, async (request) => {
    const url = new URL(request.url);
    try {
      if (url.hostname !== 'preview') throw new ApiError('not_found', `Unknown media route ${url.hostname}`);
      const image = await core.preview(previewRequestOf(url.pathname, url.searchParams));
      return new Response(new Uint8Array(image.bytes), { headers: { 'content-type': image.mimeType, 'cache-control': 'no-store' } });
    } catch (error) {
      const apiError = error instanceof ApiError ? error : new ApiError('internal', (error as Error).message);
      return new Response(apiError.message, { status: httpStatusOf[apiError.code] });
    }
  });
}
