/**
 * Test videos made on the spot with the packaged ffmpeg from lavfi sources (never downloaded),
 * deterministically: one encoder thread, bit-exact flags, no metadata. Each is kept in a cache
 * folder keyed by its recipe, so a suite makes each once.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { resolveVideoTools, type VideoTools } from '../../electron/core/platform/videoTools';

export const videoTools: VideoTools = resolveVideoTools('packaged');

const CACHE = path.join(os.tmpdir(), 'workstation-video-fixtures');

const DETERMINISTIC = ['-threads', '1', '-fflags', '+bitexact', '-flags', '+bitexact', '-map_metadata', '-1'];

/** Runs ffmpeg with these inputs and output options into a file of this extension; returns its bytes. */
export function ffmpegMake(inputs: readonly string[], output: readonly string[], extension: string): Buffer {
  const args = ['-hide_banner', '-v', 'error', '-nostdin', ...inputs, ...DETERMINISTIC, ...output];
  const key = createHash('sha256')
    .update(JSON.stringify([videoTools.ffmpeg, args]))
    .digest('hex')
    .slice(0, 24);
  const file = path.join(CACHE, `${key}.${extension}`);
  if (!existsSync(file)) {
    mkdirSync(CACHE, { recursive: true });
    // Another test file may be making the same video: write aside, then rename into place.
    const partial = `${file}.${process.pid}.part.${extension}`;
    execFileSync(videoTools.ffmpeg, [...args, '-y', partial], { stdio: ['ignore', 'ignore', 'pipe'] });
    renameSync(partial, file);
  }
  return readFileSync(file);
}

export interface TestVideoOptions {
  seconds: number;
  width?: number;
  height?: number;
  fps?: number;
  audio?: boolean;
  /** lavfi source taking size, rate and duration: testsrc2 (moving pattern), testsrc, smptebars... */
  source?: string;
  /** moov at the front (-movflags +faststart), as web-served MP4s are. */
  faststart?: boolean;
  container?: 'mp4' | 'mkv' | 'webm';
}

/** An H.264 (VP8 for WebM) video of a moving test pattern, with a sine tone when asked. */
export function testVideo(options: TestVideoOptions): Buffer {
  const { seconds, width = 320, height = 240, fps = 30, audio = false, source = 'testsrc2', faststart = false, container = 'mp4' } = options;
  const inputs = ['-f', 'lavfi', '-i', `${source}=size=${width}x${height}:rate=${fps}:duration=${seconds}`];
  if (audio) inputs.push('-f', 'lavfi', '-i', `sine=frequency=440:duration=${seconds}`);
  const video = container === 'webm' ? ['-c:v', 'libvpx', '-b:v', '300k'] : ['-c:v', 'libx264', '-preset', 'veryfast', '-pix_fmt', 'yuv420p'];
  const sound = audio ? (container === 'webm' ? ['-c:a', 'libvorbis'] : ['-c:a', 'aac']) : [];
  const layout = faststart && container === 'mp4' ? ['-movflags', '+faststart'] : [];
  return ffmpegMake(inputs, [...video, ...sound, ...layout], container);
}

/** Sound only, in an MP4 (M4A) container. */
export function audioOnly(seconds: number): Buffer {
  return ffmpegMake(['-f', 'lavfi', '-i', `sine=frequency=330:duration=${seconds}`], ['-c:a', 'aac'], 'm4a');
}

/**
 * A small AVI whose headers claim frames of width x height: ffprobe reports the claim (or, past
 * what any decoder takes, says the size is invalid), and nothing that large exists in the file.
 */
export function claimedSizeAvi(width: number, height: number): Buffer {
  const avi = Buffer.from(
    ffmpegMake(['-f', 'lavfi', '-i', 'testsrc2=size=64x48:rate=10:duration=1'], ['-c:v', 'rawvideo', '-pix_fmt', 'bgr24', '-f', 'avi'], 'avi'),
  );
  const avih = avi.indexOf('avih') + 8;
  avi.writeUInt32LE(width, avih + 32);
  avi.writeUInt32LE(height, avih + 36);
  const strf = avi.indexOf('strf') + 8;
  avi.writeInt32LE(width, strf + 4);
  avi.writeInt32LE(height, strf + 8);
  return avi;
}

/** A 2-second Matroska video whose segment header claims it runs `seconds`. */
export function claimedDurationMkv(seconds: number): Buffer {
  const mkv = Buffer.from(testVideo({ seconds: 2, width: 64, height: 48, container: 'mkv' }));
  const duration = mkv.indexOf(Buffer.from([0x44, 0x89, 0x88]));
  if (duration < 0) throw new Error('the Matroska fixture has no 8-byte Duration element');
  mkv.writeDoubleBE(seconds * 1000, duration + 3);
  return mkv;
}

/** An ffconcat list naming local files (ffmpeg's concat demuxer would open each). */
export function concatList(files: readonly string[]): Buffer {
  return Buffer.from(`ffconcat version 1.0\n${files.map((f) => `file '${f}'\n`).join('')}`);
}

/** An HLS playlist whose segments are these URLs or paths. */
export function hlsPlaylist(segments: readonly string[]): Buffer {
  return Buffer.from(`#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:10\n${segments.map((s) => `#EXTINF:10.0,\n${s}\n`).join('')}#EXT-X-ENDLIST\n`);
}

/** An ISO-BMFF file whose "ftyp" box is followed by an HLS playlist: it sniffs as MP4, but is not one. */
export function playlistDisguisedAsMp4(segments: readonly string[]): Buffer {
  const ftyp = Buffer.alloc(20);
  ftyp.writeUInt32BE(20, 0);
  ftyp.write('ftypisom', 4, 'latin1');
  ftyp.writeUInt32BE(512, 12);
  ftyp.write('isom', 16, 'latin1');
  return Buffer.concat([ftyp, hlsPlaylist(segments)]);
}

/**
 * An executable that never exits: stands for an ffmpeg or ffprobe hung on a hostile file. It
 * writes its pid (kept through exec) to pidFile, so a test can check it was killed.
 */
export function hangingTool(dir: string): { file: string; pidFile: string } {
  const file = path.join(dir, 'hanging-tool');
  const pidFile = path.join(dir, 'hanging-tool.pid');
  writeFileSync(file, `#!/bin/sh\necho $$ > '${pidFile}'\nexec sleep 600\n`);
  chmodSync(file, 0o755);
  return { file, pidFile };
}

/** Whether a process with this pid still exists. */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
