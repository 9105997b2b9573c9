export { renderLens, renderPreview } from './render-preview';
export { createPreviewCache, type PreviewCache, type PreviewCacheOptions, type PreviewCacheStats } from './preview-cache';
export { PreviewRefusedError } from './preview-refused-error';
export { MAX_PREVIEW_SIZE, MIN_PREVIEW_SIZE, normalisePreviewOptions } from './preview-options';
export type { LensOptions, PreviewOptions, PreviewTier, RenderedLens, RenderedPreview } from './types';
export { renderStoryboard, STORYBOARD_FRAMES, videoStill, type VideoSource, type VideoStill } from './storyboard';
