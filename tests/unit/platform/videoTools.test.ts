import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { resolveVideoTools, VideoToolsUnavailableError, videoToolsChoiceFromEnv } from '../../../electron/core/platform/videoTools';

const dir = mkdtempSync(path.join(os.tmpdir(), 'video-tools-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function executable(name: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, '#!/bin/sh\n');
  chmodSync(file, 0o755);
  return file;
}

describe('which ffmpeg the platform gives video analysis', () => {
  test('by default the binaries shipped inside the npm packages', () => {
    const tools = resolveVideoTools();
    expect(tools.origin).toBe('packaged');
    expect(tools.ffmpeg).toMatch(/@ffmpeg-installer/);
    expect(tools.ffprobe).toMatch(/@ffprobe-installer/);
  });

  test("the system's, found on PATH, where configured so", () => {
    executable('ffmpeg');
    executable('ffprobe');
    expect(resolveVideoTools('system', `/nonexistent${path.delimiter}${dir}`)).toEqual({
      ffmpeg: path.join(dir, 'ffmpeg'),
      ffprobe: path.join(dir, 'ffprobe'),
      origin: 'system',
    });
  });

  test("the system's chosen where there is none: an error naming what is missing", () => {
    expect(() => resolveVideoTools('system', '/nonexistent')).toThrow(VideoToolsUnavailableError);
    expect(() => resolveVideoTools('system', '/nonexistent')).toThrow(/ffmpeg .* none is on PATH/);
  });

  test('explicit paths must be executable', () => {
    const ffmpeg = executable('my-ffmpeg');
    expect(() => resolveVideoTools({ ffmpeg, ffprobe: path.join(dir, 'missing') })).toThrow(/missing does not exist or is not executable/);
  });

  test('WORKSTATION_FFMPEG=system picks the system, anything else the packaged binaries', () => {
    expect(videoToolsChoiceFromEnv('system')).toBe('system');
    expect(videoToolsChoiceFromEnv(undefined)).toBe('packaged');
    expect(videoToolsChoiceFromEnv('whatever')).toBe('packaged');
  });
});
