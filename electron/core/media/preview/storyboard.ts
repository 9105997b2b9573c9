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
/** A keyframe shown on its own: previews are at most 1024 px wide. */
const KEYFRAME_MAX_WIDTH = 1024;
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

interface Cell {
  data: Buffer;
  width: number;
  height: number;
}

/** A video's keyframes, each at most 1024 px wide in raw RGB: every still of the video is drawn from these. */
export interface VideoKeyframes {
  cells: readonly Cell[];
}

/**
 * Reads a video's keyframes (up to 9 of its sampled seconds, spread over its length) in one
 * bounded ffmpeg read, the same as analysis (one frame a second); each kept keyframe is shrunk as
 * it arrives, so memory stays at the keyframes whatever the length.
 */
export async function videoKeyframes(bytes: Buffer, source: VideoSource): Promise<VideoKeyframes> {
  const cells = new Map<number, Cell>();
  let wanted: Set<number> | null = null;
  let second = 0;
  const read = await readVideo(bytes, undefined, { ...source, context: 'storyboard' }, async (decoded, header) => {
    if (wanted === null) {
      const expected = Math.max(1, Math.ceil((header.durationSeconds * header.fps) / frameModulus(header.fps, 1)));
      wanted = new Set(keyframeSeconds(expected));
    }
    const at = second++;
    if (!wanted.has(at)) return;
    const { data, info } = await sharp(decoded.data, { raw: { width: decoded.width, height: decoded.height, channels: 3 } })
      .resize({ width: Math.min(decoded.width, KEYFRAME_MAX_WIDTH) })
      .raw()
      .toBuffer({ resolveWithObject: true });
    cells.set(at, { data, width: info.width, height: info.height });
  });
  if (!read.ok) throw new PreviewRefusedError(read.failure);
  if (cells.size === 0) throw new PreviewRefusedError({ code: 'corrupt', message: 'The video has no keyframe to show.' });
  return { cells: [...cells.keys()].sort((a, b) => a - b).map((at) => cells.get(at)!) };
}

const rawInput = (cell: Cell) => ({ raw: { width: cell.width, height: cell.height, channels: 3 as const } });

/** The video as one still: its storyboard (the keyframes in a 3-column grid), or keyframe `frame` of it. */
export async function stillOf(keyframes: VideoKeyframes, frame?: number): Promise<VideoStill> {
  const { cells } = keyframes;
  if (frame !== undefined) {
    const cell = cells[Math.min(frame, cells.length - 1)]!;
    return { png: await sharp(cell.data, rawInput(cell)).png().toBuffer(), keyframes: cells.length };
  }
  const shrunk = await Promise.all(
    cells.map(async (cell) => {
      const { data, info } = await sharp(cell.data, rawInput(cell)).resize({ width: CELL_WIDTH }).raw().toBuffer({ resolveWithObject: true });
      return { data, width: info.width, height: info.height };
    }),
  );
  const { width, height } = shrunk[0]!;
  const rows = Math.ceil(shrunk.length / COLUMNS);
  const columns = Math.min(COLUMNS, shrunk.length);
  const grid = sharp({
    create: { width: columns * width + (columns - 1) * GAP, height: rows * height + (rows - 1) * GAP, channels: 3, background: '#000' },
  }).composite(
    shrunk.map((cell, i) => ({
      input: cell.data,
      ...rawInput(cell),
      left: (i % COLUMNS) * (width + GAP),
      top: Math.floor(i / COLUMNS) * (height + GAP),
    })),
  );
  return { png: await grid.png().toBuffer(), keyframes: cells.length };
}

/** A video's storyboard, or one keyframe, rendered as a preview: blurred, grayscale and sized as the options say. */
export async function renderStoryboard(bytes: Buffer, source: VideoSource, options: PreviewOptions & { frame?: number }): Promise<RenderedPreview> {
  const still = await stillOf(await videoKeyframes(bytes, source), options.frame);
  return renderPreview(still.png, options);
}
