export { renderLens, renderPreview } from './renderPreview';
export { createPreviewCache, type PreviewCache, type PreviewCacheOptions, type PreviewCacheStats } from './previewCache';
export { PreviewRefusedError } from './previewRefusedError';
export { MAX_PREVIEW_SIZE, MIN_PREVIEW_SIZE, normalisePreviewOptions } from './previewOptions';
export type { LensOptions, PreviewOptions, PreviewTier, RenderedLens, RenderedPreview } from './types';
export { renderStoryboard, stillOf, STORYBOARD_FRAMES, videoKeyframes, type VideoKeyframes, type VideoSource, type VideoStill } from './storyboard';
