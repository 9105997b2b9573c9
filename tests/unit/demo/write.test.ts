import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { ReviewItem } from '@workstation/protocol';
import { afterEach, expect, test } from 'vitest';
import { generateDemoData, writeDemoData } from '../../../upstream/demo';
import { CliArgumentError, parseIntegerFlag } from '../../../upstream/demo/cliArgs';

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

test('writes items.json and one file per media hash whose content hashes to its name', async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'demo-write-'));
  const data = await generateDemoData({ seed: 4, size: 10 });
  const written = await writeDemoData(data, dir);
  const items = JSON.parse(await readFile(written.itemsFile, 'utf8')) as ReviewItem[];
  expect(items).toEqual(data.items);
  const files = await readdir(written.mediaDir);
  expect(files).toHaveLength(data.media.size);
  for (const file of files) {
    const bytes = await readFile(path.join(written.mediaDir, file));
    expect(file.split('.')[0]).toBe(createHash('sha256').update(bytes).digest('hex'));
  }
});

test('integer flags fall back to their default and reject anything but digits', () => {
  expect(parseIntegerFlag('size', undefined, 200)).toBe(200);
  expect(parseIntegerFlag('size', '12', 200)).toBe(12);
  expect(() => parseIntegerFlag('size', '1e3', 200)).toThrow(CliArgumentError);
  expect(() => parseIntegerFlag('seed', '-4', 1)).toThrow('--seed must be a whole number, got "-4"');
});
