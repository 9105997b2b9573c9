import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { DIHEDRAL_NAMES, fromHex, hammingDistance, pdqHashWithDihedral, pdqStages, toHex } from '../../../electron/core/signals/pdq';
import { conformancePath, decodeImage, loadConformanceImage, readCoreFullres, type ExpectedRow } from './conformanceData';

const rows = readCoreFullres();
const decoderFree = (row: ExpectedRow): boolean => row.path.startsWith('synthetic/') || row.path.startsWith('decoded/') || row.path.endsWith('.png');

describe('rule 1: exact on decoder-free inputs (synthetic PGM/PPM, lossless PNG dumps)', () => {
  const exact = rows.filter((row) => decoderFree(row) && row.normative === 'exact');
  const qualityOnly = rows.filter((row) => decoderFree(row) && row.normative === 'quality-only');

  test('the table has the rows this suite relies on', () => {
    expect(exact.filter((row) => row.path.startsWith('synthetic/'))).toHaveLength(9);
    expect(exact.filter((row) => row.path.startsWith('decoded/'))).toHaveLength(11);
    expect(qualityOnly).toHaveLength(3);
  });

  test.each(exact.map((row) => [row.path, row] as const))('%s: hash, quality and 7 dihedral hashes bit for bit', async (_path, row) => {
    const result = pdqHashWithDihedral(await loadConformanceImage(row.path));
    expect(toHex(result.hash)).toBe(row.hash);
    expect(result.quality).toBe(row.quality);
    for (const name of DIHEDRAL_NAMES) expect([name, toHex(result.dihedral[name])]).toEqual([name, row.dihedral[name]]);
  });

  test.each(qualityOnly.map((row) => [row.path, row] as const))('%s (degenerate): quality', async (_path, row) => {
    expect(pdqHashWithDihedral(await loadConformanceImage(row.path)).quality).toBe(row.quality);
  });
});

describe('rule 2: real files decoded with sharp are within 10 bits at quality >= 80', () => {
  const real = rows.filter((row) => row.path.startsWith('data/') || row.path === 'pytx-resources/rgb.jpeg');

  test('covers every copied upstream photo', () => {
    expect(real).toHaveLength(29);
  });

  test.each(real.map((row) => [row.path, row] as const))('%s', async (_path, row) => {
    const result = pdqHashWithDihedral(await decodeImage(conformancePath(row.path)));
    expect(result.quality).toBe(row.quality);
    if (row.quality >= 80) expect(hammingDistance(result.hash, fromHex(row.hash))).toBeLessThanOrEqual(10);
  });
});

describe('rule 3: dihedral hashes predict the real rotated and flipped files', () => {
  const variants = [
    ['bridge-2-rotate-90', 'rot90'],
    ['bridge-3-rotate-180', 'rot180'],
    ['bridge-4-rotate-270', 'rot270'],
    ['bridge-5-flipx', 'flipx'],
    ['bridge-6-flipy', 'flipy'],
    ['bridge-7-flip-plus-1', 'flipplus1'],
    ['bridge-8-flip-minus-1', 'flipminus1'],
  ] as const;

  test('each dih/bridge-N is within 8 bits of the matching column of bridge-1, and far from the original', async () => {
    const original = pdqHashWithDihedral(await decodeImage(conformancePath('data/reg-test-input/dih/bridge-1-original.jpg')));
    for (const [file, name] of variants) {
      const variant = pdqHashWithDihedral(await decodeImage(conformancePath(`data/reg-test-input/dih/${file}.jpg`)));
      expect([file, hammingDistance(variant.hash, original.dihedral[name]) <= 8]).toEqual([file, true]);
      expect([file, hammingDistance(variant.hash, original.hash) > 31]).toEqual([file, true]);
    }
  });
});

describe('intermediate stages match the reference dumps', () => {
  interface StageDump {
    file: string;
    width: number;
    height: number;
    jarosz_window_along_rows: number;
    jarosz_window_along_cols: number;
    downsample64x64_row_major: number[];
    dct16x16_row_major: number[];
    dct_median: number;
    quality: number;
    hash: string;
  }
  const dumps = ['bridge-1-original.jpg', 'q1050.jpg', 'rgb.jpeg', 'waves-300x200.ppm', 'wee.jpg'].map(
    (name) => JSON.parse(readFileSync(conformancePath(`stages/${name}.json`), 'utf8')) as StageDump,
  );

  /** Prefer the lossless dump of the reference's JPEG decode when there is one. */
  const source = (file: string): string => {
    const dumped = `decoded/${file.replaceAll('/', '_')}.png`;
    return existsSync(conformancePath(dumped)) ? dumped : file;
  };
  const asFloat32 = (values: number[]): Float32Array => Float32Array.from(values);

  test.each(dumps.map((dump) => [dump.file, dump] as const))('%s: 64x64 downsample, 16x16 DCT, median, quality', async (_file, dump) => {
    const stages = pdqStages(await loadConformanceImage(source(dump.file)));
    expect(stages).not.toBeNull();
    expect(stages!.windowAlongRows).toBe(dump.jarosz_window_along_rows);
    expect(stages!.windowAlongCols).toBe(dump.jarosz_window_along_cols);
    expect(stages!.downsample64).toEqual(asFloat32(dump.downsample64x64_row_major));
    expect(stages!.dct16).toEqual(asFloat32(dump.dct16x16_row_major));
    expect(stages!.median).toBe(Math.fround(dump.dct_median));
    expect(stages!.quality).toBe(dump.quality);
  });
});
