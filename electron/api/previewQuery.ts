/**
 * A preview request as a URL query, written by both renderer clients and read by both hosts
 * (the web server's /preview route and Electron's media protocol), so the four agree by design.
 */
import type { PreviewRequest } from './types';

/** A malformed escape is kept as typed: validation then refuses it as a 400, never a crash. */
function decoded(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export function previewPath(request: PreviewRequest): string {
  const query = new URLSearchParams({ tier: request.tier, grayscale: request.grayscale ? '1' : '0' });
  if (request.revealId !== undefined) query.set('revealId', request.revealId);
  return `${encodeURIComponent(request.itemId)}/${request.sha256}?${query.toString()}`;
}

/** The request a host received, unchecked: the preview service validates it with previewRequestSchema. */
export function previewRequestOf(pathAfterRoute: string, query: URLSearchParams): unknown {
  const [itemId, sha256] = pathAfterRoute.replace(/^\/+/, '').split('/').map(decoded);
  return {
    itemId,
    sha256,
    tier: query.get('tier'),
    grayscale: query.get('grayscale') !== '0',
    revealId: query.get('revealId') ?? undefined,
  } satisfies Record<keyof PreviewRequest, unknown>;
}
