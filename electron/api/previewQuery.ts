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
  const query = new URLSearchParams({ tier: request.tier ?? 'default' });
  if (request.grayscale !== undefined) query.set('grayscale', request.grayscale ? '1' : '0');
  if (request.lens !== undefined) query.set('lens', [request.lens.x, request.lens.y, request.lens.r].map((n) => n.toFixed(4)).join(','));
  if (request.revealId !== undefined) query.set('revealId', request.revealId);
  if (request.frame !== undefined) query.set('frame', String(request.frame));
  if (request.ahead === true) query.set('ahead', '1');
  return `${encodeURIComponent(request.itemId)}/${request.sha256}?${query.toString()}`;
}

/** "x,y,r" as numbers; anything else is passed on as typed, for validation to refuse. */
function lensOf(text: string | null): unknown {
  if (text === null) return undefined;
  const parts = text.split(',');
  const numbers = parts.map(Number);
  return parts.length === 3 && numbers.every(Number.isFinite) ? { x: numbers[0], y: numbers[1], r: numbers[2] } : text;
}

/** The request a host received, unchecked: the preview service validates it with previewRequestSchema. */
export function previewRequestOf(pathAfterRoute: string, query: URLSearchParams): unknown {
  const [itemId, sha256] = pathAfterRoute.replace(/^\/+/, '').split('/').map(decoded);
  const grayscale = query.get('grayscale');
  return {
    itemId,
    sha256,
    tier: query.get('tier') ?? undefined,
    grayscale: grayscale === null ? undefined : grayscale !== '0',
    lens: lensOf(query.get('lens')),
    revealId: query.get('revealId') ?? undefined,
    frame: query.get('frame') === null ? undefined : Number(query.get('frame')),
    ahead: query.get('ahead') === null ? undefined : query.get('ahead') === '1',
  } satisfies Record<keyof PreviewRequest, unknown>;
}
