/**
 * Demo videos, made with ffmpeg (the packaged binary) from frames drawn here: short clips of the
 * random scenes, and a fixed clip of the hash-bank pattern that the demo child-safety bank lists
 * by its vPDQ, with an edited copy of it (cropped, a logo on it, grayscale) that must still match.
 * One encoder thread and bit-exact flags make the bytes the same on every run of one ffmpeg build.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import ffmpegInstaller from '@ffmpeg-installer/ffmpeg';
import { renderHashBankFrame, renderSceneFrame } from './images';
import type { Random } from './random';

const run = promisify(execFile);

export const DEMO_VIDEO_WIDTH = 640;
export const DEMO_VIDEO_HEIGHT = 360;
const FPS = 24;
/** Seconds of the hash-bank clip: one pattern step a second. */
export const HASH_BANK_VIDEO_SECONDS = 12;

export interface RenderedVideo {
  bytes: Buffer;
  mimeType: 'video/mp4';
  width: number;
  height: number;
}

const DETERMINISTIC = ['-threads', '1', '-fflags', '+bitexact', '-flags', '+bitexact', '-map_metadata', '-1'];
const H264 = ['-c:v', 'libx264', '-preset', 'veryfast', '-pix_fmt', 'yuv420p', '-movflags', '+faststart'];

async function inScratch<T>(use: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'demo-video-'));
  try {
    return await use(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Encoded clips are kept in the temp folder by what went into them (ffmpeg build, arguments,
 * input bytes): every upstream start seeds the same clips, and encoding is the slow part.
 */
const CACHE = path.join(os.tmpdir(), 'workstation-demo-videos');

async function cached(inputs: ReadonlyArray<Buffer | string>, make: () => Promise<Buffer>): Promise<Buffer> {
  const key = createHash('sha256');
  for (const input of [ffmpegInstaller.path, ...inputs]) key.update(input).update('\0');
  const file = path.join(CACHE, `${key.digest('hex').slice(0, 32)}.mp4`);
  try {
    return await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const bytes = await make();
  await mkdir(CACHE, { recursive: true });
  // Written aside and renamed, so a reader in another process never sees half a clip.
  const partial = `${file}.${process.pid}.partial`;
  await writeFile(partial, bytes);
  await rename(partial, file);
  return bytes;
}

async function ffmpeg(args: readonly string[], output: string): Promise<Buffer> {
  await run(ffmpegInstaller.path, ['-hide_banner', '-v', 'error', '-nostdin', ...args, ...DETERMINISTIC, '-y', output], { maxBuffer: 1 << 20 });
  return readFile(output);
}

/** An MP4 holding each PNG for one second, at 30 fps, with a sine tone when toneHz is given. */
async function encodeSeconds(frames: readonly Buffer[], toneHz: number | null): Promise<Buffer> {
  return cached([`seconds fps=${FPS} tone=${toneHz}`, ...H264, ...frames], () =>
    inScratch(async (dir) => {
      await Promise.all(frames.map((png, i) => writeFile(path.join(dir, `f${String(i).padStart(4, '0')}.png`), png)));
      const seconds = frames.length;
      const audio = toneHz === null ? [] : ['-f', 'lavfi', '-i', `sine=frequency=${toneHz}:sample_rate=44100:duration=${seconds}`];
      const audioOut = toneHz === null ? [] : ['-c:a', 'aac', '-b:a', '64k', '-shortest'];
      return ffmpeg(
        ['-framerate', '1', '-i', path.join(dir, 'f%04d.png'), ...audio, '-vf', `fps=${FPS}`, ...H264, ...audioOut],
        path.join(dir, 'out.mp4'),
      );
    }),
  );
}

/** A 5-30 s clip of random scenes, each held 1-4 s; some with sound. */
export async function renderSceneVideo(rng: Random): Promise<RenderedVideo> {
  const seconds = rng.int(5, 30);
  const toneHz = rng.chance(0.5) ? rng.int(220, 880) : null;
  const frames: Buffer[] = [];
  while (frames.length < seconds) {
    const still = await renderSceneFrame(rng.fork(frames.length), DEMO_VIDEO_WIDTH, DEMO_VIDEO_HEIGHT);
    for (let hold = rng.int(1, 4); hold > 0 && frames.length < seconds; hold--) frames.push(still);
  }
  return { bytes: await encodeSeconds(frames, toneHz), mimeType: 'video/mp4', width: DEMO_VIDEO_WIDTH, height: DEMO_VIDEO_HEIGHT };
}

let hashBankVideo: Promise<RenderedVideo> | null = null;
let editedHashBankVideo: Promise<RenderedVideo> | null = null;

/** The child-safety stand-in as a clip, the same whatever the seed; made once per process. */
export function renderHashBankVideo(): Promise<RenderedVideo> {
  hashBankVideo ??= (async () => {
    const frames = await Promise.all(
      Array.from({ length: HASH_BANK_VIDEO_SECONDS }, (_, step) => renderHashBankFrame(step + 1, DEMO_VIDEO_WIDTH, DEMO_VIDEO_HEIGHT)),
    );
    return { bytes: await encodeSeconds(frames, null), mimeType: 'video/mp4' as const, width: DEMO_VIDEO_WIDTH, height: DEMO_VIDEO_HEIGHT };
  })();
  return hashBankVideo;
}

/**
 * The hash-bank clip as a re-upload would change it: 3 pixels cropped from every side and scaled
 * back, a translucent badge (the re-uploader's logo) in a corner, grayscale. vPDQ must still find
 * it in the bank: 11 of its 12 frames stay within the distance tolerance.
 */
export function renderEditedHashBankVideo(): Promise<RenderedVideo> {
  editedHashBankVideo ??= (async () => {
    const original = await renderHashBankVideo();
    const filter = `crop=iw-6:ih-6:3:3,scale=${DEMO_VIDEO_WIDTH}:${DEMO_VIDEO_HEIGHT},drawbox=x=iw-48:y=8:w=40:h=16:color=0x1d3557@0.6:t=fill,hue=s=0`;
    const bytes = await cached([filter, ...H264, original.bytes], () =>
      inScratch(async (dir) => {
        const input = path.join(dir, 'original.mp4');
        await writeFile(input, original.bytes);
        return ffmpeg(['-i', input, '-vf', filter, ...H264], path.join(dir, 'edited.mp4'));
      }),
    );
    return { bytes, mimeType: 'video/mp4' as const, width: DEMO_VIDEO_WIDTH, height: DEMO_VIDEO_HEIGHT };
  })();
  return editedHashBankVideo;
}
