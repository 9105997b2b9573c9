import { ApiError, previewRequestSchema } from '../../api';
import { type PreviewCache, PreviewRefusedError, renderPreview } from '../media';
import { type AnalysisService, childSafetyMatch } from '../signals';
import { checkAccess, type Sessions } from '../auth';
import { checkClearAllowed, clearServed } from '../reveal';
import { currentAssignment } from '../review';
import type { Store } from '../store';
import { ensureMedia, type UpstreamClient } from '../sync';

export interface PreviewDeps {
  store: Store;
  client: UpstreamClient;
  sessions: Sessions;
  clock: () => Date;
  analysis: AnalysisService;
  /** Rendered previews by file; shared with retention, which makes it forget purged files. */
  cache: PreviewCache;
}

/** Thumbnails stay at or under 240 px (docs/research/wellness.md): detail a moderator does not need is exposure. */
const PREVIEW_MAX_SIZE = 240;

/**
 * Hash before render (DESIGN.md): nothing of an image is drawn until it has been analysed and
 * matched. A child-safety bank match is never rendered, not even blurred; neither is a file the
 * analysis could not read, since nothing is known about what it shows.
 */
async function refuseUnlessSafeToRender(analysis: AnalysisService, sha256: string, bytes: Buffer, mimeType: string): Promise<void> {
  const { analysis: result, banks } = await analysis.analysed(sha256, bytes, mimeType).catch((error: unknown) => {
    throw new ApiError('internal', `The image could not be analysed, so it is not shown: ${(error as Error).message}`);
  });
  const match = childSafetyMatch(banks);
  if (match) {
    throw new ApiError(
      'forbidden',
      `This image matched the child-safety hash bank '${match.bank}' (entry ${match.entryId}), so it is never shown, not even blurred. ` +
        'Confirm the match from its details and escalate it without viewing.',
    );
  }
  if (result.status === 'unanalysable') {
    throw new ApiError('forbidden', `This image is not shown because it could not be analysed: ${result.reason.message}`);
  }
}

/**
 * Serves a blurred preview of one image of an item in the caller's current batch. The clear image
 * is served only under an open reveal of that image (reveal.begin), is logged as shown, and is
 * never cached: it leaves memory with the response.
 */
export function createPreviewService(deps: PreviewDeps) {
  const { cache } = deps;
  return async function preview(rawRequest: unknown): Promise<{ mimeType: string; bytes: Buffer }> {
    const parsed = previewRequestSchema.safeParse(rawRequest);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ApiError('bad_request', `Preview request invalid: ${issue?.message ?? 'bad input'}`, issue?.path.join('.'));
    }
    const request = parsed.data;
    const session = deps.sessions.current();
    checkAccess(['moderator'], session?.account ?? null, 'preview');
    deps.sessions.touch();
    const assignment = session ? currentAssignment(deps.store, session.account.id) : null;
    const item = assignment ? deps.store.item(assignment.id, request.itemId) : null;
    if (!session || !item || !item.item.media.some((m) => m.sha256 === request.sha256)) {
      throw new ApiError('not_found', 'That image is not part of an item in your current batch.');
    }
    const revealId = request.tier === 'clear' ? request.revealId : undefined;
    if (revealId !== undefined) checkClearAllowed(deps, session.account.id, { itemId: request.itemId, sha256: request.sha256, revealId });
    const media = await ensureMedia(deps, session.token, request.sha256).catch((error: unknown) => {
      throw new ApiError('upstream_unavailable', `The image could not be fetched: ${(error as Error).message}`);
    });
    await refuseUnlessSafeToRender(deps.analysis, request.sha256, media.bytes, media.mimeType);
    const options = { tier: request.tier, grayscale: request.grayscale, maxSize: PREVIEW_MAX_SIZE };
    const render = () => renderPreview(media.bytes, options);
    const rendered = await (revealId === undefined ? cache.getOrRender(request.sha256, options, render) : render()).catch((error: unknown) => {
      if (error instanceof PreviewRefusedError) {
        throw new ApiError('forbidden', `This image cannot be previewed: ${error.failure.message}`);
      }
      throw error;
    });
    if (revealId !== undefined) clearServed(deps, revealId);
    return { mimeType: rendered.mimeType, bytes: rendered.bytes };
  };
}
