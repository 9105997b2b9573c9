import { ApiError, previewRequestSchema } from '../api';
import { createPreviewCache, renderPreview } from './analysis';
import { checkAccess, type Sessions } from './auth';
import { currentAssignment } from './review';
import type { Store } from './store';
import { ensureMedia, type UpstreamClient } from './sync';

export interface PreviewDeps {
  store: Store;
  client: UpstreamClient;
  sessions: Sessions;
  clock: () => Date;
}

/** Thumbnails stay at or under 240 px (shared/research/wellness.md): detail a moderator does not need is exposure. */
const PREVIEW_MAX_SIZE = 240;

/**
 * Serves a blurred preview of one image of an item in the caller's current batch. The clear image
 * is not reachable through here: there is no 'clear' tier in the request schema.
 */
export function createPreviewService(deps: PreviewDeps) {
  const cache = createPreviewCache({ maxBytes: 64 * 1024 * 1024 });
  return async function preview(rawRequest: unknown): Promise<{ mimeType: string; bytes: Buffer }> {
    const parsed = previewRequestSchema.safeParse(rawRequest);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ApiError('bad_request', `Preview request invalid: ${issue?.message ?? 'bad input'}`, issue?.path.join('.'));
    }
    const request = parsed.data;
    const session = deps.sessions.current();
    checkAccess(['moderator'], session?.account ?? null, 'preview');
    const assignment = session ? currentAssignment(deps.store, session.account.id) : null;
    const item = assignment ? deps.store.item(assignment.id, request.itemId) : null;
    if (!session || !item || !item.item.media.some((m) => m.sha256 === request.sha256)) {
      throw new ApiError('not_found', 'That image is not part of an item in your current batch.');
    }
    const media = await ensureMedia(deps, session.token, request.sha256).catch((error: unknown) => {
      throw new ApiError('upstream_unavailable', `The image could not be fetched: ${(error as Error).message}`);
    });
    const rendered = await cache.getOrRender(
      request.sha256,
      { tier: request.tier, grayscale: request.grayscale, maxSize: PREVIEW_MAX_SIZE },
      () => renderPreview(media.bytes, { tier: request.tier, grayscale: request.grayscale, maxSize: PREVIEW_MAX_SIZE }),
    );
    return { mimeType: rendered.mimeType, bytes: rendered.bytes };
  };
}
