import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { decodeImage, type DecodedImage, type DecodeResult } from '../../../electron/core/media/decode';
import { collectingLogger, numberedGif, texturedJpeg, texturedPng, texturedRgb, texturedWebp } from './fixtures';

function decoded(result: DecodeResult): DecodedImage {
  if (!result.ok) throw new Error(`expected a decoded image, got ${result.failure.code}: ${result.failure.message}`);
  return result.image;
}

describe('decodeImage on good input', () => {
  it('decodes a PNG to exactly its stored RGB pixels', async () => {
    const image = decoded(await decodeImage(await texturedPng(37, 21), 'image/png'));
    expect(image).toMatchObject({ format: 'png', width: 37, height: 21, channels: 3, orientation: 1, frameCount: 1 });
    expect(image.data.equals(texturedRgb(37, 21))).toBe(true);
  });

  it('keeps a rotated JPEG in stored orientation and reports the EXIF orientation', async () => {
    const image = decoded(await decodeImage(await texturedJpeg(120, 80, 6), 'image/jpeg'));
    expect(image).toMatchObject({ format: 'jpeg', width: 120, height: 80, orientation: 6 });
    expect(image.data.length).toBe(120 * 80 * 3);
  });

  it('decodes WebP and the first frame of an animated GIF', async () => {
    expect(decoded(await decodeImage(await texturedWebp(64, 48), 'image/webp'))).toMatchObject({ format: 'webp', width: 64, height: 48 });
    const gif = decoded(await decodeImage(await numberedGif(6), 'image/gif'));
    expect(gif).toMatchObject({ format: 'gif', width: 16, height: 12, frameCount: 6 });
    expect([...gif.data.subarray(0, 3)]).toEqual([0, 0, 0]);
  });

  it('flattens transparency onto white and expands greyscale and 16-bit input to 8-bit RGB', async () => {
    const halfRed = await sharp({ create: { width: 8, height: 8, channels: 4, background: { r: 255, g: 0, b: 0, alpha: 0.5 } } })
      .toColourspace('rgb16')
      .png()
      .toBuffer();
    expect([...decoded(await decodeImage(halfRed)).data.subarray(0, 3)]).toEqual([255, 127, 127]);

    const grey = await sharp({ create: { width: 8, height: 8, channels: 3, background: { r: 90, g: 90, b: 90 } } })
      .toColourspace('b-w')
      .png()
      .toBuffer();
    const image = decoded(await decodeImage(grey));
    expect(image.data.length).toBe(8 * 8 * 3);
    expect([...image.data.subarray(0, 3)]).toEqual([90, 90, 90]);
  });

  it('accepts MIME aliases, parameters and octet-stream as agreeing with the content', async () => {
    const jpeg = await texturedJpeg(16, 16);
    for (const declared of ['image/jpg', 'IMAGE/JPEG; charset=binary', 'image/pjpeg', 'application/octet-stream', '']) {
      expect((await decodeImage(jpeg, declared)).ok, declared).toBe(true);
    }
  });

  it('accepts exactly the minimum side length', async () => {
    expect(decoded(await decodeImage(await texturedPng(5, 5)))).toMatchObject({ width: 5, height: 5 });
  });

  it('logs nothing for an image it can analyse', async () => {
    const { lines, log } = collectingLogger();
    await decodeImage(await texturedPng(10, 10), 'image/png', { log });
    expect(lines).toEqual([]);
  });
});
