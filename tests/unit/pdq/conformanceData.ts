import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import type { PdqPixels } from '../../../electron/core/signals/pdq';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const conformanceDir = path.resolve(repoRoot, 'tests/fixtures/pdq');

export function conformancePath(relative: string): string {
  return path.join(conformanceDir, relative);
}

export interface ExpectedRow {
  path: string;
  width: number;
  height: number;
  hash: string;
  quality: number;
  dihedral: Record<'rot90' | 'rot180' | 'rot270' | 'flipx' | 'flipy' | 'flipplus1' | 'flipminus1', string>;
  normative: 'exact' | 'quality-only' | 'impl-defined';
}

/** Reads expected/core-fullres.csv; only the trailing notes column may hold quoted commas. */
export function readCoreFullres(): ExpectedRow[] {
  return readExpectedTable('expected/core-fullres.csv');
}

/** Reads one of the expected tables (core-fullres.csv, reference-cli-512nn.csv): same leading columns. */
export function readExpectedTable(relative: string): ExpectedRow[] {
  const lines = readFileSync(conformancePath(relative), 'utf8').trim().split('\n');
  const header = lines[0]!.split(',');
  const column = (name: string): number => {
    const index = header.indexOf(name);
    if (index < 0) throw new Error(`core-fullres.csv has no column ${name}`);
    return index;
  };
  return lines.slice(1).map((line) => {
    const cells = line.split(',');
    const at = (name: string): string => cells[column(name)]!;
    return {
      path: at('path'),
      width: Number(at('width')),
      height: Number(at('height')),
      hash: at('hash'),
      quality: Number(at('quality')),
      dihedral: {
        rot90: at('rot90'),
        rot180: at('rot180'),
        rot270: at('rot270'),
        flipx: at('flipx'),
        flipy: at('flipy'),
        flipplus1: at('flipplus1'),
        flipminus1: at('flipminus1'),
      },
      normative: (header.includes('normative') ? at('normative') : 'exact') as ExpectedRow['normative'],
    };
  });
}

/** Binary PGM (P5) / PPM (P6), maxval 255, as written into synthetic/. */
export function readPnm(file: string): PdqPixels {
  const bytes = readFileSync(file);
  const fields: string[] = [];
  let offset = 0;
  while (fields.length < 4) {
    while (bytes[offset] === 0x23 || isSpace(bytes[offset]!)) {
      if (bytes[offset] === 0x23) while (bytes[offset] !== 0x0a) offset++;
      else offset++;
    }
    const start = offset;
    while (!isSpace(bytes[offset]!)) offset++;
    fields.push(bytes.subarray(start, offset).toString('ascii'));
  }
  offset++; // the single whitespace byte after maxval
  const [magic, width, height, maxval] = fields;
  if ((magic !== 'P5' && magic !== 'P6') || maxval !== '255') {
    throw new Error(`${file}: only binary 8-bit PGM/PPM is supported, got ${magic} maxval ${maxval}`);
  }
  const channels = magic === 'P5' ? 1 : 3;
  const w = Number(width);
  const h = Number(height);
  return { data: new Uint8Array(bytes.subarray(offset, offset + w * h * channels)), width: w, height: h, channels };
}

function isSpace(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

/**
 * Decodes as the reference does: no EXIF rotation (sharp rotates only when asked), no ICC
 * conversion, grey kept grey, alpha left in for the hasher to drop.
 */
export async function decodeImage(file: string): Promise<PdqPixels> {
  const image = sharp(file, { ignoreIcc: true });
  const { space } = await image.metadata();
  if (space === 'b-w') image.toColourspace('b-w');
  const { data, info } = await image.raw().toBuffer({ resolveWithObject: true });
  const channels = info.channels;
  if (channels !== 1 && channels !== 2 && channels !== 3 && channels !== 4) {
    throw new Error(`${file}: unexpected channel count ${String(channels)}`);
  }
  return { data: new Uint8Array(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height, channels };
}

export async function loadConformanceImage(relative: string): Promise<PdqPixels> {
  const file = conformancePath(relative);
  return /\.p[gp]m$/.test(relative) ? readPnm(file) : decodeImage(file);
}

export function readHashList(relative: string): string[] {
  return readFileSync(conformancePath(relative), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
}
