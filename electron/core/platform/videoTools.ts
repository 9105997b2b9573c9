import { accessSync, constants } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/** The ffmpeg and ffprobe binaries video analysis runs, and where they came from (for the log). */
export interface VideoTools {
  ffmpeg: string;
  ffprobe: string;
  origin: 'packaged' | 'system' | 'configured';
}

/**
 * Which binaries to use: the ones shipped inside @ffmpeg-installer/@ffprobe-installer (default,
 * the same build everywhere), the system's on PATH (a distribution that keeps its own patched
 * ffmpeg), or two explicit paths.
 */
export type VideoToolsChoice = 'packaged' | 'system' | { ffmpeg: string; ffprobe: string };

export class VideoToolsUnavailableError extends Error {
  override readonly name = 'VideoToolsUnavailableError';
}

const require = createRequire(import.meta.url);

/**
 * Inside an Electron package the installer packages resolve into app.asar, which no child process
 * can execute from; electron-builder unpacks them beside it (asarUnpack).
 */
function outsideAsar(file: string): string {
  return file.replace(/app\.asar([\\/])/, 'app.asar.unpacked$1');
}

function packagedBinary(pkg: '@ffmpeg-installer/ffmpeg' | '@ffprobe-installer/ffprobe'): string {
  try {
    return outsideAsar((require(pkg) as { path: string }).path);
  } catch (error) {
    // The installer packages throw plain strings (an unsupported platform, a missing binary).
    const detail = error instanceof Error ? error.message : String(error);
    throw new VideoToolsUnavailableError(`The ffmpeg shipped with the app (${pkg}) is not usable on this computer: ${detail}`);
  }
}

function executable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(name: string, searchPath: string): string {
  const names = process.platform === 'win32' ? [`${name}.exe`, name] : [name];
  for (const dir of searchPath.split(path.delimiter).filter(Boolean)) {
    for (const candidate of names) {
      const file = path.join(dir, candidate);
      if (executable(file)) return file;
    }
  }
  throw new VideoToolsUnavailableError(
    `The system's ${name} was chosen for video analysis but none is on PATH; install ffmpeg or choose the packaged one.`,
  );
}

/** Throws VideoToolsUnavailableError, naming what is missing, when the chosen binaries cannot be found. */
export function resolveVideoTools(choice: VideoToolsChoice = 'packaged', searchPath: string = process.env.PATH ?? ''): VideoTools {
  if (choice === 'packaged') {
    return { ffmpeg: packagedBinary('@ffmpeg-installer/ffmpeg'), ffprobe: packagedBinary('@ffprobe-installer/ffprobe'), origin: 'packaged' };
  }
  if (choice === 'system') return { ffmpeg: onPath('ffmpeg', searchPath), ffprobe: onPath('ffprobe', searchPath), origin: 'system' };
  for (const file of [choice.ffmpeg, choice.ffprobe]) {
    if (!executable(file)) throw new VideoToolsUnavailableError(`The configured video tool ${file} does not exist or is not executable.`);
  }
  return { ffmpeg: choice.ffmpeg, ffprobe: choice.ffprobe, origin: 'configured' };
}

/** WORKSTATION_FFMPEG=system picks the system's binaries; anything else, or nothing, the packaged ones. */
export function videoToolsChoiceFromEnv(value: string | undefined): VideoToolsChoice {
  return value === 'system' ? 'system' : 'packaged';
}
