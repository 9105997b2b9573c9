import sharp from 'sharp';
import { STORYBOARD_KEYFRAMES } from '../../../api';
import type { DecodeLogger } from '../decode';
import { frameModulus, readVideo, type VideoLimits, type VideoToolPaths } from '../video';
import { PreviewRefusedError } from './previewRefusedError';
import { renderPreview } from './renderPreview';
import type { PreviewOptions, RenderedPreview } from './types';

/** A storyboard is at most this many keyframes (the API's limit on frame), in a grid of COLUMNS columns. */
export const STORYBOARD_FRAMES = STORYBOARD_KEYFRAMES;
const COLUMNS = 3;
/** Each cell's width: a 1024 px clear storyboard needs no more. */
const CELL_WIDTH = 342;
const GAP = 4;

export interface VideoSource {
  tools: VideoToolPaths | { unavailable: string };
  limits?: Partial<VideoLimits>;
  log?: DecodeLogger;
}

export interface VideoStill {
  /** The clear still (the keyframe grid, or one keyframe) as PNG: for the preview renderer only, never served as is. */
  png: Buffer;
  /** How many keyframes the storyboard holds; `frame` steps through 0 to keyframes - 1. */
  keyframes: number;
}

/** Which of the sampled seconds the storyboard shows: evenly spread, the first always. */
function keyframeSeconds(sampled: number): number[] {
  if (sampled <= STORYBOARD_FRAMES) return Array.from({ length: sampled }, (_, i) => i);
  return Array.from({ length: STORYBOARD_FRAMES }, (_, i) => Math.round((i * (sampled - 1)) / (STORYBOARD_FRAMES - 1)));
}

/**
 * The video as one still: its storyboard (up to 9 keyframes spread over its length, in a 3-column
 * grid), or keyframe `frame` of it. The same bounded ffmpeg read as analysis (one frame a second);
 * each kept keyframe is shrunk to a cell as it arrives, so memory stays at a few cells.
 */
export async function videoStill(bytes: Buffer, source: VideoSource, frame?: number): Promise<VideoStill> {
  const cells = new Map<number, { data: Buffer; width: number; height: number }>();
  let wanted: Set<number> | null = null;
  let keyframes: number[] = [];
  let second = 0;
  const read = await readVideo(bytes, undefined, { ...source, context: 'storyboard' }, async (decoded, header) => {
    if (wanted === null) {
      const expected = Math.max(1, Math.ceil((header.durationSeconds * header.fps) / frameModulus(header.fps, 1)));
      keyframes = keyframeSeconds(expected);
      wanted = new Set(frame === undefined ? keyframes : [keyframes[Math.min(frame, keyframes.length - 1)]!]);
    }
    const at = second++;
    if (!wanted.has(at)) return;
    const width = frame === undefined ? CELL_WIDTH : Math.min(decoded.width, 1024);
    const { data, info } = await sharp(decoded.data, { raw: { width: decoded.width, height: decoded.height, channels: 3 } })
      .resize({ width })
      .raw()
      .toBuffer({ resolveWithObject: true });
    cells.set(at, { data, width: info.width, height: info.height });
  });
  if (!read.ok) throw new PreviewRefusedError(read.failure);
  const shown = keyframes.filter((s) => cells.has(s));
  if (shown.length === 0) throw new PreviewRefusedError({ code: 'corrupt', message: 'The video has no keyframe to show.' });
  if (frame !== undefined) {
    const cell = cells.get(shown[0]!)!;
    return {
      png: await sharp(cell.data, { raw: { width: cell.width, height: cell.height, channels: 3 } })
        .png()
        .toBuffer(),
      keyframes: keyframes.length,
    };
  }
  const { width, height } = cells.get(shown[0]!)!;
  const rows = Math.ceil(shown.length / COLUMNS);
  const columns = Math.min(COLUMNS, shown.length);
  const grid = sharp({
    create: { width: columns * width + (columns - 1) * GAP, height: rows * height + (rows - 1) * GAP, channels: 3, background: '#000' },
  }).composite(
    shown.map((s, i) => {
      const cell = cells.get(s)!;
      return {
        input: cell.data,
        raw: { width: cell.width, height: cell.height, channels: 3 as const },
        left: (i % COLUMNS) * (width + GAP),
        top: Math.floor(i / COLUMNS) * (height + GAP),
      };
    }),
  );
  return { png: await grid.png().toBuffer(), keyframes: keyframes.length };
}

/** A video's storyboard, or one keyframe, rendered as a preview: blurred, grayscale and sized as the options say. */
export async function renderStoryboard(bytes: Buffer, source: VideoSource, options: PreviewOptions & { frame?: number }): Promise<RenderedPreview> {
  const still = await videoStill(bytes, source, options.frame);
  return renderPreview(still.png, options);
}
