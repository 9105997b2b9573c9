import { ApiError, previewRequestSchema, type ReviewItem } from '../../api';
import {
  type PreviewCache,
  PreviewRefusedError,
  renderLens,
  renderPreview,
  stillOf,
  type VideoKeyframes,
  videoKeyframes,
  type VideoSource,
} from '../media';
import { type AnalysisService, childSafetyMatch } from '../signals';
import { checkAccess, type Session, type Sessions } from '../auth';
import { checkClearAllowed, clearServed } from '../reveal';
import { currentAssignment } from '../review';
import type { Store } from '../store';
import { ensureMedia, type UpstreamClient } from '../sync';
import type { Reviewer, Wellness } from '../wellness';

export interface PreviewDeps {
  store: Store;
  client: UpstreamClient;
  sessions: Sessions;
  clock: () => Date;
  analysis: AnalysisService;
  /** Rendered previews by file; shared with retention, which makes it forget purged files. */
  cache: PreviewCache;
  wellness: Wellness;
  log: (line: string) => void;
  /** The platform's ffmpeg and the video policy, to draw a video's storyboard. */
  video: VideoSource;
}

export const reviewerOf = (session: Session): Reviewer => ({ id: session.account.id, teamId: session.account.teamId });

/**
 * Hash before render (DESIGN.md): nothing of an image is drawn until it has been analysed and
 * matched. A child-safety bank match is never rendered, not even blurred; neither is a file the
 * analysis could not read, since nothing is known about what it shows.
 */
async function refuseUnlessSafeToRender(analysis: AnalysisService, sha256: string, bytes: Buffer, mimeType: string): Promise<{ video: boolean }> {
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
  return { video: result.kind === 'video' };
}

/**
 * Preview cache entries of a video's storyboard and of each keyframe live under the file's SHA-256
 * with the frame appended after the cache's separator, so forgetting the file forgets them all.
 */
const cacheIdOf = (sha256: string, frame: number | undefined): string => (frame === undefined ? sha256 : `${sha256}|frame${frame}`);

/** Videos whose keyframes stay decoded: the one on screen and the next, warmed ahead. */
const RECENT_VIDEOS = 2;

const refusedPreview = (error: unknown): never => {
  if (error instanceof PreviewRefusedError) throw new ApiError('forbidden', `This image cannot be previewed: ${error.failure.message}`);
  throw error;
};

/**
 * Serves previews of the images of items in the caller's current batch, decided by core: the
 * wellness policy says what tier and colour each image is served at and how far a request may go
 * from that, and every preview served is recorded as exposure (one served ahead, from the decision
 * that puts it on screen). The clear image and lens regions
 * are served only under an open reveal of that image (reveal.begin), and never cached.
 */
export function createPreviewService(deps: PreviewDeps) {
  const { cache } = deps;
  const recentKeyframes = new Map<string, Promise<VideoKeyframes>>();

  /** Stepping or playing through a video reads it once, not once a keyframe. */
  function keyframesOf(sha256: string, bytes: Buffer): Promise<VideoKeyframes> {
    const known = recentKeyframes.get(sha256);
    const keyframes = known ?? videoKeyframes(bytes, { ...deps.video, log: deps.log });
    recentKeyframes.delete(sha256);
    recentKeyframes.set(sha256, keyframes);
    if (!known) {
      keyframes.catch(() => {
        if (recentKeyframes.get(sha256) === keyframes) recentKeyframes.delete(sha256);
      });
    }
    for (const oldest of recentKeyframes.keys()) {
      if (recentKeyframes.size <= RECENT_VIDEOS) break;
      recentKeyframes.delete(oldest);
    }
    return keyframes;
  }

  /**
   * What previews are drawn from: an image's own bytes, or a video's storyboard (or one keyframe)
   * as a still, so the same tiers, grayscale, lens and caps apply. Only after the file was
   * analysed and matched, and never for a child-safety match.
   */
  async function safeSource(session: Session, sha256: string, frame: number | undefined): Promise<Buffer> {
    const media = await ensureMedia(deps, session.token, sha256).catch((error: unknown) => {
      throw new ApiError('upstream_unavailable', `The image could not be fetched: ${(error as Error).message}`);
    });
    const { video } = await refuseUnlessSafeToRender(deps.analysis, sha256, media.bytes, media.mimeType);
    if (!video) {
      if (frame !== undefined) throw new ApiError('bad_request', 'frame picks a keyframe of a video; this file is an image.', 'frame');
      return media.bytes;
    }
    return (await stillOf(await keyframesOf(sha256, media.bytes).catch(refusedPreview), frame)).png;
  }

  async function preview(rawRequest: unknown): Promise<{ mimeType: string; bytes: Buffer }> {
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
    const who = reviewerOf(session);
    deps.wellness.checkReview(who, 'This preview');
    if (request.ahead === true && deps.wellness.aheadOf(who, request.itemId) === null) {
      throw new ApiError('conflict', 'A preview ahead is served only for the item queue.ahead read after the current one.', 'ahead');
    }
    const revealKind = request.tier === 'clear' ? 'hold_full' : request.lens !== undefined ? 'hover_region' : null;
    const revealId = revealKind === null ? null : request.revealId!;
    if (revealKind !== null)
      checkClearAllowed(deps, session.account.id, { itemId: request.itemId, sha256: request.sha256, revealId: revealId!, kind: revealKind });
    const source = await safeSource(session, request.sha256, request.frame);
    const decision = deps.wellness.decideView(who, item.item, request.sha256, request);
    const { view, maxSize } = decision;
    let rendered: { mimeType: string; bytes: Buffer; width: number; height: number };
    let shown = view;
    if (view.kind === 'clear') {
      rendered = await renderPreview(source, { tier: 'clear', grayscale: view.grayscale, maxSize }).catch(refusedPreview);
    } else if (view.kind === 'lens') {
      const lens = await renderLens(source, { tier: view.tier, grayscale: view.grayscale, maxSize, lens: decision.lens! }).catch(refusedPreview);
      rendered = lens;
      shown = { ...view, areaFraction: lens.areaFraction };
    } else {
      const options = { tier: view.tier, grayscale: view.grayscale, maxSize };
      rendered = await cache
        .getOrRender(cacheIdOf(request.sha256, request.frame), options, () => renderPreview(source, options))
        .catch(refusedPreview);
    }
    const served = {
      itemId: item.id,
      sha256: request.sha256,
      classified: decision.classified,
      view: shown,
      width: rendered.width,
      height: rendered.height,
      lens: decision.lens,
      revealId,
    };
    // Ahead, the moderator is still on the item before: on the record from its decision, not now.
    if (request.ahead === true) {
      deps.wellness.servedAhead(who, served);
      return { mimeType: rendered.mimeType, bytes: rendered.bytes };
    }
    deps.wellness.served(who, served);
    if (revealId !== null) clearServed(deps, revealId);
    deps.wellness.reviewed(who);
    return { mimeType: rendered.mimeType, bytes: rendered.bytes };
  }

  /**
   * Renders the default previews of an item into the cache, serving and recording nothing, so the
   * next item paints at once without the renderer asking for (and being charged with) its images
   * before they are on screen. Failures only mean it paints later.
   */
  async function warm(session: Session, item: ReviewItem): Promise<void> {
    for (const ref of item.media) {
      if (deps.analysis.mediaSignals(ref.sha256).status !== 'analysed') continue;
      try {
        const source = await safeSource(session, ref.sha256, undefined);
        const { view, maxSize } = deps.wellness.decideView(reviewerOf(session), item, ref.sha256, {
          itemId: item.id,
          sha256: ref.sha256,
          tier: 'default',
        });
        if (view.kind !== 'tier') continue;
        const options = { tier: view.tier, grayscale: view.grayscale, maxSize };
        await cache.getOrRender(ref.sha256, options, () => renderPreview(source, options));
      } catch (error) {
        if (!(error instanceof ApiError)) deps.log(`[core] warming the preview of ${ref.sha256} failed: ${(error as Error).message}`);
      }
    }
  }

  return { preview, warm };
}

export type PreviewService = ReturnType<typeof createPreviewService>;
