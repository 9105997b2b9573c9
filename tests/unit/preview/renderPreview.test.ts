import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { PreviewRefusedError, renderLens, renderPreview, type PreviewTier } from '../../../electron/core/media/preview';
import { blackBilevelPng, collectingLogger, numberedGif, texturedJpeg } from '../decode/fixtures';
import { meanAbsLaplacian, multiScaleJpeg, pixelsOf } from './pixels';

const TIERS: PreviewTier[] = ['heavy', 'medium', 'light', 'pixelate', 'clear'];

describe('renderPreview', () => {
  let photo: Buffer;
  beforeAll(async () => {
    photo = await texturedJpeg(1000, 800);
  });

  it.each(TIERS)('renders %s as WebP within the size cap, keeping the aspect ratio', async (tier) => {
    const preview = await renderPreview(photo, { tier, grayscale: false, maxSize: 240 });
    expect(preview).toMatchObject({ mimeType: 'image/webp', width: 240, height: 192, tier, grayscale: false });
    const metadata = await sharp(preview.bytes).metadata();
    expect([metadata.format, metadata.width, metadata.height]).toEqual(['webp', 240, 192]);
  });

  it('clamps the size to 1024 and never enlarges a small image', async () => {
    const large = await texturedJpeg(2000, 1600);
    expect(await renderPreview(large, { tier: 'clear', grayscale: false, maxSize: 5000 })).toMatchObject({ width: 1024, height: 819 });
    expect(await renderPreview(large, { tier: 'medium', grayscale: false, maxSize: 3 })).toMatchObject({ width: 16, height: 13 });
    const small = await texturedJpeg(100, 50);
    expect(await renderPreview(small, { tier: 'heavy', grayscale: true, maxSize: 240 })).toMatchObject({ width: 100, height: 50 });
  });

  it.each(TIERS)('makes every pixel grey (R = G = B) in grayscale %s', async (tier) => {
    const { data, channels } = await pixelsOf((await renderPreview(photo, { tier, grayscale: true, maxSize: 240 })).bytes);
    let coloured = 0;
    for (let i = 0; i < data.length; i += channels) if (data[i] !== data[i + 1] || data[i] !== data[i + 2]) coloured++;
    expect(coloured).toBe(0);
  });

  it('leaves far less fine detail the heavier the tier', async () => {
    const checkers = await multiScaleJpeg(1000, 800);
    const energy: Partial<Record<PreviewTier, number>> = {};
    for (const tier of ['clear', 'light', 'medium', 'heavy'] as const) {
      energy[tier] = meanAbsLaplacian(await pixelsOf((await renderPreview(checkers, { tier, grayscale: true, maxSize: 240 })).bytes));
    }
    const { clear = 0, light = 0, medium = 0, heavy = 0 } = energy;
    expect(clear).toBeGreaterThan(40);
    expect(light).toBeLessThan(clear / 5);
    expect(medium).toBeLessThan(light / 2);
    expect(heavy).toBeLessThan(medium);
    expect(heavy).toBeLessThan(clear / 50);
  });

  it.each(['heavy', 'pixelate'] as const)('draws the %s lens over the preview’s own pixels, grey or not', async (tier) => {
    for (const grayscale of [true, false]) {
      const options = { tier, grayscale, maxSize: 240 };
      const lens = await renderLens(photo, { ...options, lens: { x: 0.5, y: 0.5, r: 0.1 } });
      const [withLens, preview] = await Promise.all([pixelsOf(lens.bytes), pixelsOf((await renderPreview(photo, options)).bytes)]);
      expect([withLens.width, withLens.height]).toEqual([preview.width, preview.height]);
      // Far outside the circle (a corner), the lens serves the preview unchanged; lossy colour previews only nearly so.
      const corner = [...withLens.data.subarray(0, 3)].map((v, i) => Math.abs(v - preview.data[i]!));
      expect(Math.max(...corner)).toBeLessThanOrEqual(grayscale || tier === 'pixelate' ? 0 : 8);
      expect(lens.areaFraction).toBeGreaterThan(0);
    }
  });

  it('pixelates into flat 12 px blocks', async () => {
    const square = await texturedJpeg(960, 960);
    const { data, width, height, channels } = await pixelsOf(
      (await renderPreview(square, { tier: 'pixelate', grayscale: false, maxSize: 240 })).bytes,
    );
    expect([width, height]).toEqual([240, 240]);
    const blockColours = new Set<string>();
    let strays = 0;
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const corner = ((y - (y % 12)) * width + (x - (x % 12))) * channels;
        const here = (y * width + x) * channels;
        if (data.compare(data, corner, corner + 3, here, here + 3) !== 0) strays++;
        if (x % 12 === 0 && y % 12 === 0) blockColours.add(data.subarray(here, here + 3).toString('hex'));
      }
    }
    expect(strays).toBe(0);
    expect(blockColours.size).toBeGreaterThan(20);
  });

  it('applies EXIF orientation 6 for display: dimensions swap and the left edge comes out on top', async () => {
    const width = 120;
    const height = 80;
    const halves = Buffer.alloc(width * height * 3);
    for (let i = 0; i < width * height; i++) halves.set(i % width < width / 2 ? [220, 0, 0] : [0, 0, 220], i * 3);
    const jpeg = await sharp(halves, { raw: { width, height, channels: 3 } })
      .jpeg()
      .withMetadata({ orientation: 6 })
      .toBuffer();

    const preview = await renderPreview(jpeg, { tier: 'clear', grayscale: false, maxSize: 240 });
    expect([preview.width, preview.height]).toEqual([80, 120]);
    const pixels = await pixelsOf(preview.bytes);
    const colourAt = (x: number, y: number) => [
      ...pixels.data.subarray((y * pixels.width + x) * pixels.channels, (y * pixels.width + x) * pixels.channels + 3),
    ];
    expect(colourAt(40, 10)[0]).toBeGreaterThan(150);
    expect(colourAt(40, 110)[2]).toBeGreaterThan(150);
  });

  it('shows the first frame of an animation and composites transparency on white', async () => {
    const gif = await pixelsOf((await renderPreview(await numberedGif(5), { tier: 'clear', grayscale: false, maxSize: 240 })).bytes);
    expect([...gif.data.subarray(0, 3)]).toEqual([0, 0, 0]);
    const clearPng = await sharp({ create: { width: 20, height: 20, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } })
      .png()
      .toBuffer();
    const flat = await pixelsOf((await renderPreview(clearPng, { tier: 'clear', grayscale: true, maxSize: 240 })).bytes);
    expect([...flat.data.subarray(0, 3)]).toEqual([255, 255, 255]);
  });

  it.each([
    ['an SVG', () => Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><image href="https://example.org/x.png"/></svg>'), 'svg_refused'],
    ['a 30000 x 30000 PNG bomb', () => blackBilevelPng(30_000, 30_000), 'too_many_pixels'],
    ['a truncated JPEG', () => photo.subarray(0, photo.length / 2), 'truncated'],
  ] as const)('refuses %s with PreviewRefusedError and one log line', async (_name, bytes, code) => {
    const { lines, log } = collectingLogger();
    const rendering = renderPreview(bytes(), { tier: 'heavy', grayscale: true, maxSize: 240 }, { log, context: 'item=7' });
    await expect(rendering).rejects.toBeInstanceOf(PreviewRefusedError);
    await expect(rendering).rejects.toMatchObject({ failure: { code } });
    expect(lines).toEqual([expect.stringMatching(new RegExp(`^preview refused \\[item=7\\] code=${code}`))]);
  });

  it('rejects options it cannot honour with a message saying what to use', async () => {
    await expect(renderPreview(photo, { tier: 'max' as PreviewTier, grayscale: true, maxSize: 240 })).rejects.toThrow(
      /heavy, medium, light, pixelate or clear/,
    );
    await expect(renderPreview(photo, { tier: 'heavy', grayscale: true, maxSize: Number.NaN })).rejects.toThrow(RangeError);
  });
});
