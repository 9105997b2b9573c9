import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { type RawImage, resizeBilinearAlignCorners } from '../../../electron/core/signals/classifier';
import { seededRandom } from './fixtures';

// Our resize must equal tf.image.resizeBilinear(image, size, alignCorners = true), the resize nsfwjs applies.

function noiseImage(width: number, height: number, channels: 3 | 4, seed: number): RawImage {
  const rand = seededRandom(seed);
  return { data: Uint8Array.from({ length: width * height * channels }, () => Math.floor(rand() * 256)), width, height, channels };
}

async function tfResize(image: RawImage, outWidth: number, outHeight: number): Promise<Float32Array> {
  const rgb = new Float32Array(image.width * image.height * 3);
  for (let p = 0; p < image.width * image.height; p++) {
    for (let k = 0; k < 3; k++) rgb[p * 3 + k] = image.data[p * image.channels + k]!;
  }
  const input = tf.tensor3d(rgb, [image.height, image.width, 3]);
  const resized = tf.image.resizeBilinear(input, [outHeight, outWidth], true);
  const values = (await resized.data()) as Float32Array;
  tf.dispose([input, resized]);
  return values;
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('resizeBilinearAlignCorners', () => {
  it.each([
    ['downscale 300x180 RGB to 224x224', 300, 180, 3, 224, 224],
    ['upscale 37x53 RGBA to 224x224 (alpha ignored)', 37, 53, 4, 224, 224],
    ['downscale 500x400 to 7x5', 500, 400, 3, 7, 5],
    ['stretch 2x9 to 11x3', 2, 9, 4, 11, 3],
    ['1x1 to 3x3', 1, 1, 3, 3, 3],
    ['5x4 to 1x1', 5, 4, 3, 1, 1],
  ] as const)('%s matches tf.image.resizeBilinear(alignCorners=true)', async (_name, w, h, channels, outW, outH) => {
    const image = noiseImage(w, h, channels, w * 1000 + h);
    const ours = resizeBilinearAlignCorners(image, outW, outH);
    const theirs = await tfResize(image, outW, outH);
    expect(ours.length).toBe(outW * outH * 3);
    let maxDiff = 0;
    for (let i = 0; i < ours.length; i++) maxDiff = Math.max(maxDiff, Math.abs(ours[i]! - theirs[i]!));
    expect(maxDiff).toBeLessThanOrEqual(1e-4);
  });

  it('keeps a same-size image exactly, dropping alpha', () => {
    const image = noiseImage(6, 4, 4, 99);
    const out = resizeBilinearAlignCorners(image, 6, 4);
    const expected = Array.from({ length: 6 * 4 * 3 }, (_, i) => image.data[Math.floor(i / 3) * 4 + (i % 3)]);
    expect(Array.from(out)).toEqual(expected);
  });

  it('maps the corner pixels of the source onto the corners of the output', () => {
    const image = noiseImage(13, 9, 3, 3);
    const out = resizeBilinearAlignCorners(image, 50, 40);
    const corner = (x: number, y: number, w: number) => (y * w + x) * 3;
    expect(out[corner(49, 39, 50)]).toBe(image.data[corner(12, 8, 13)]);
    expect(out[corner(49, 0, 50) + 2]).toBe(image.data[corner(12, 0, 13) + 2]);
  });
});
