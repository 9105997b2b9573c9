import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** Memory-backed where the OS has it, so clear media bytes never reach a disk. */
function tempRoot(): string {
  return process.platform === 'linux' && existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir();
}

/**
 * ffmpeg must seek (an MP4's index is often at its end), so it reads a file, not a pipe: the bytes
 * go into a folder only this user can open, and the folder is gone before this resolves.
 */
export async function withTempFile<T>(bytes: Uint8Array, use: (file: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(path.join(tempRoot(), 'workstation-video-'));
  try {
    const file = path.join(dir, 'input');
    await writeFile(file, bytes, { mode: 0o600 });
    return await use(file);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
