import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { type LoadedManifest, readManifest } from '../../../electron/core/signals/classifier';
import { blackBilevelPng } from '../decode/fixtures';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const MANIFEST = path.join(REPO_ROOT, 'models/nsfw-mobilenet-v2.manifest.json');
/** The fast MobileNetV2 alone, as discoverModels would hand it to the pool: a cascade of one. */
export const MOBILENET: LoadedManifest = readManifest(MANIFEST);
const PDQ_ROOT = path.resolve(REPO_ROOT, 'tests/fixtures/pdq');

export function conformanceFile(relative: string): Buffer {
  return readFileSync(path.join(PDQ_ROOT, relative));
}

/**
 * The PDQ values Meta's reference CLI gives one conformance file (expected/reference-cli-512nn.csv):
 * the pipeline hashes as the CLI does, with its 512 nearest-neighbour pre-shrink.
 */
export function expectedPdq(relative: string): { hash: string; quality: number } {
  const lines = readFileSync(path.join(PDQ_ROOT, 'expected/reference-cli-512nn.csv'), 'utf8').split('\n');
  const row = lines.find((line) => line.startsWith(`${relative},`));
  if (!row) throw new Error(`reference-cli-512nn.csv has no row for ${relative}`);
  const [, , , , hash, quality] = row.split(',');
  return { hash: hash!, quality: Number(quality) };
}

/** A deterministic photo-like JPEG: gradients, rings and a seed-dependent pattern, so each seed hashes differently. */
export function photoJpeg(width: number, height: number, seed: number): Promise<Buffer> {
  const data = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      const ring = Math.hypot(x - width * ((seed % 7) / 7), y - height * ((seed % 5) / 5));
      data[i] = (x * 255) / width;
      data[i + 1] = 128 + 127 * Math.sin(ring / (6 + (seed % 11)));
      data[i + 2] = ((x >> (2 + (seed % 3))) ^ (y >> 3)) & 1 ? 220 : 30;
    }
  }
  return sharp(data, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 88 })
    .toBuffer();
}

/** A classifier model whose file is not an ONNX model (its manifest is valid, so discovery lets it through). */
export function corruptModel(): LoadedManifest {
  const dir = mkdtempSync(path.join(tmpdir(), 'pipeline-model-'));
  const manifest = JSON.parse(readFileSync(MANIFEST, 'utf8')) as Record<string, unknown>;
  writeFileSync(path.join(dir, 'broken.onnx'), Buffer.from('this is not an onnx model'));
  writeFileSync(path.join(dir, 'broken.manifest.json'), JSON.stringify({ ...manifest, file: 'broken.onnx' }));
  return readManifest(path.join(dir, 'broken.manifest.json'));
}

/** Bad inputs a leased item can carry, each with the unanalysable code it must come back with. */
export async function badInputs(): Promise<Array<{ name: string; bytes: Buffer; mime: string; code: string }>> {
  const good = await photoJpeg(64, 48, 1);
  return [
    { name: 'zero bytes', bytes: Buffer.alloc(0), mime: 'image/jpeg', code: 'empty' },
    { name: 'truncated JPEG', bytes: good.subarray(0, Math.floor(good.length / 2)), mime: 'image/jpeg', code: 'truncated' },
    {
      name: 'SVG',
      bytes: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>'),
      mime: 'image/svg+xml',
      code: 'svg_refused',
    },
    { name: 'garbage', bytes: Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 251)), mime: 'image/jpeg', code: 'unsupported_type' },
    { name: 'decompression bomb', bytes: blackBilevelPng(30_000, 30_000), mime: 'image/png', code: 'too_many_pixels' },
  ];
}
