import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { DemoData } from './types';

const EXTENSION = { 'image/jpeg': 'jpg', 'image/png': 'png', 'video/mp4': 'mp4' } as const;

export interface WrittenDemo {
  itemsFile: string;
  mediaDir: string;
  mediaFiles: number;
}

/** Writes `<dir>/items.json` (the ReviewItem array) and `<dir>/media/<sha256>.<jpg|png>`. */
export async function writeDemoData(data: DemoData, dir: string): Promise<WrittenDemo> {
  const mediaDir = path.join(dir, 'media');
  await mkdir(mediaDir, { recursive: true });
  const itemsFile = path.join(dir, 'items.json');
  await writeFile(itemsFile, `${JSON.stringify(data.items, null, 2)}\n`);
  for (const [sha256, file] of data.media) {
    await writeFile(path.join(mediaDir, `${sha256}.${EXTENSION[file.mimeType]}`), file.bytes);
  }
  return { itemsFile, mediaDir, mediaFiles: data.media.size };
}
