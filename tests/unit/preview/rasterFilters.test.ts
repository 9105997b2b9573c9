import { describe, expect, it } from 'vitest';
import { gaussianBlur, type RawRaster, resizeBilinear, resizeNearest } from '../../../electron/core/media/preview/rasterFilters';

function raster(width: number, height: number, channels: RawRaster['channels'], value: (x: number, y: number, c: number) => number): RawRaster {
  const data = new Uint8Array(width * height * channels);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) for (let c = 0; c < channels; c++) data[(y * width + x) * channels + c] = value(x, y, c);
  return { data, width, height, channels };
}

describe('gaussianBlur', () => {
  it('spreads a point by the sigma asked, keeping its total and its centre', () => {
    const point = raster(61, 61, 1, (x, y) => (x === 30 && y === 30 ? 255 : 0));
    const blurred = gaussianBlur(point, 4.8);
    let total = 0;
    let spread = 0;
    for (let y = 0; y < 61; y++) {
      for (let x = 0; x < 61; x++) {
        total += blurred[y * 61 + x]!;
        spread += blurred[y * 61 + x]! * (x - 30) ** 2;
      }
    }
    expect(total).toBeCloseTo(255, 2);
    // The variance along one axis is sigma squared, less a little for the taps cut at three sigmas.
    expect(Math.sqrt(spread / total)).toBeGreaterThan(4.8 * 0.97);
    expect(Math.sqrt(spread / total)).toBeLessThan(4.8 * 1.001);
    expect(blurred[30 * 61 + 30]).toBe(Math.max(...blurred));
    expect(blurred[30 * 61 + 20]).toBeCloseTo(blurred[20 * 61 + 30]!, 4);
  });

  it('leaves a flat image flat to its edges and blurs each channel on its own', () => {
    const flat = gaussianBlur(
      raster(20, 9, 3, (_x, _y, c) => [10, 128, 250][c]!),
      3,
    );
    for (let i = 0; i < flat.length; i += 3) expect([flat[i], flat[i + 1], flat[i + 2]].map((v) => Math.round(v!))).toEqual([10, 128, 250]);
  });
});

describe('resizeBilinear', () => {
  it('puts the source pixel centres where they fall and ramps between them', () => {
    const ramp = raster(4, 1, 1, (x) => x * 80);
    const wide = resizeBilinear(Float32Array.from(ramp.data), ramp, { width: 16, height: 2 });
    expect([wide.width, wide.height, wide.channels]).toEqual([16, 2, 1]);
    const row = [...wide.data.subarray(0, 16)];
    // Output pixel 4k + 1.5 is the centre of source pixel k: halfway between outputs 4k+1 and 4k+2.
    expect(row.slice(0, 2)).toEqual([0, 0]);
    expect(row.slice(14)).toEqual([240, 240]);
    expect((row[5]! + row[6]!) / 2).toBe(80);
    for (let x = 1; x < 16; x++) expect(row[x]).toBeGreaterThanOrEqual(row[x - 1]!);
    expect([...wide.data.subarray(16)]).toEqual(row);
  });

  it('keeps interleaved channels apart', () => {
    const pixels = raster(3, 3, 3, (x, _y, c) => (c === 1 ? 200 : x * 10));
    const large = resizeBilinear(Float32Array.from(pixels.data), pixels, { width: 7, height: 5 });
    for (let i = 0; i < large.data.length; i += 3) {
      expect(large.data[i + 1]).toBe(200);
      expect(large.data[i]).toBe(large.data[i + 2]);
    }
  });
});

describe('resizeNearest', () => {
  it('enlarges into flat blocks of the factor, colour kept', () => {
    const tiles = raster(2, 2, 3, (x, y, c) => (y * 2 + x) * 60 + c);
    const large = resizeNearest(tiles, { width: 24, height: 24 });
    for (let y = 0; y < 24; y++) {
      for (let x = 0; x < 24; x++) {
        const source = (Math.floor(y / 12) * 2 + Math.floor(x / 12)) * 60;
        expect([...large.data.subarray((y * 24 + x) * 3, (y * 24 + x) * 3 + 3)]).toEqual([source, source + 1, source + 2]);
      }
    }
  });
});
