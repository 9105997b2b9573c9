import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp, { type Sharp } from 'sharp';
import type { RawImage } from '../../../electron/core/signals/classifier';
import { xorshift32 } from '../../support/xorshift32';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const PDQ_DATA = path.resolve(REPO_ROOT, 'tests/fixtures/pdq/data');

/** MobileNetV2's input size; InceptionV3 takes 299. */
export const SIZE = 224;

export interface Fixture {
  name: string;
  image: RawImage;
}

type PixelFn = (x: number, y: number) => [number, number, number];

/** Deterministic draws in [0, 1), so "noise" fixtures are the same bytes on every run and machine. */
export function seededRandom(seed: number): () => number {
  const next = xorshift32(seed);
  return () => next() / 2 ** 32;
}

export function paint(width: number, height: number, fn: PixelFn): RawImage {
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const [r, g, b] = fn(x, y);
      const i = (y * width + x) * 3;
      data[i] = clamp(r);
      data[i + 1] = clamp(g);
      data[i + 2] = clamp(b);
    }
  }
  return { data, width, height, channels: 3 };
}

function clamp(v: number): number {
  return Math.max(0, Math.min(255, Math.round(v)));
}

/** Patterns drawn for a size x size image; shapes keep their 224-pixel positions. */
const synthetic = (size: number): Record<string, PixelFn> => {
  const n = size - 1;
  return {
    'gradient-horizontal': (x) => [(x / n) * 255, 128, 255 - (x / n) * 255],
    'gradient-vertical': (_x, y) => [40, (y / n) * 255, 90],
    'gradient-diagonal': (x, y) => [((x + y) / (2 * n)) * 255, ((x + y) / (2 * n)) * 200, 60],
    'gradient-radial-skin': (x, y) => {
      const d = Math.hypot(x - size / 2, y - size / 2) / ((158 / 224) * size);
      return [230 - 90 * d, 180 - 90 * d, 150 - 80 * d];
    },
    'disc-on-dark': (x, y) => (Math.hypot(x - 100, y - 120) < 60 ? [224, 172, 140] : [20, 20, 30]),
    rectangles: (x, y) => (x > 40 && x < 150 && y > 60 && y < 200 ? [200, 30, 30] : x > 120 && y < 90 ? [30, 30, 200] : [240, 240, 240]),
    checkerboard: (x, y) => ((Math.floor(x / 28) + Math.floor(y / 28)) % 2 ? [255, 255, 255] : [0, 0, 0]),
    'stripes-diagonal': (x, y) => (Math.floor((x - y + size) / 16) % 2 ? [250, 200, 60] : [40, 80, 160]),
    'ellipses-skin-tones': (x, y) =>
      ((x - 80) / 50) ** 2 + ((y - 110) / 90) ** 2 < 1 || ((x - 160) / 40) ** 2 + ((y - 100) / 70) ** 2 < 1 ? [210, 150, 120] : [120, 160, 200],
    'solid-black': () => [0, 0, 0],
    'solid-white': () => [255, 255, 255],
  };
};

function noise(seed: number, size: number): RawImage {
  const rand = seededRandom(seed);
  return paint(size, size, () => [rand() * 255, rand() * 255, rand() * 255]);
}

async function throughSharp(image: RawImage, pipeline: (s: Sharp) => Sharp): Promise<RawImage> {
  const raw = { width: image.width, height: image.height, channels: image.channels };
  const { data, info } = await pipeline(sharp(image.data, { raw })).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data: new Uint8Array(data), width: info.width, height: info.height, channels: info.channels as 3 };
}

async function fromFile(relative: string, size: number): Promise<RawImage> {
  const { data, info } = await sharp(path.join(PDQ_DATA, relative))
    .resize(size, size, { fit: 'fill' })
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data: new Uint8Array(data), width: info.width, height: info.height, channels: 3 };
}

const PHOTOS = [
  'reg-test-input/labelme-subset/q0003.jpg',
  'reg-test-input/labelme-subset/q0122.jpg',
  'reg-test-input/labelme-subset/q0291.jpg',
  'reg-test-input/labelme-subset/q0746.jpg',
  'reg-test-input/labelme-subset/q2821.jpg',
  'bridge-mods/blur-a-lot.jpg',
  'bridge-mods/square-512x512.jpg',
  'reg-test-input/pen-and-coaster.png',
];

/** 24 images, each size x size RGB: synthetic patterns, seeded noise (raw and blurred by sharp), and photos. */
export async function makeFixtures(size = SIZE): Promise<Fixture[]> {
  const patterns = synthetic(size);
  const fixtures: Fixture[] = Object.entries(patterns).map(([name, fn]) => ({ name, image: paint(size, size, fn) }));
  fixtures.push({ name: 'noise-uniform', image: noise(7, size) });
  fixtures.push({ name: 'noise-blurred', image: await throughSharp(noise(11, size), (s) => s.blur(3)) });
  fixtures.push({
    name: 'noise-coarse-upscaled',
    image: await throughSharp(
      paint(
        14,
        14,
        (() => {
          const r = seededRandom(23);
          return () => [r() * 255, r() * 255, r() * 255];
        })(),
      ),
      (s) => s.resize(size, size, { kernel: 'cubic' }),
    ),
  });
  fixtures.push({
    name: 'disc-blurred',
    image: await throughSharp(paint(size, size, patterns['disc-on-dark']!), (s) => s.blur(8)),
  });
  fixtures.push({
    name: 'skin-radial-rotated',
    image: await throughSharp(paint(size, size, patterns['gradient-radial-skin']!), (s) => s.rotate(180)),
  });
  for (const photo of PHOTOS) fixtures.push({ name: path.basename(photo), image: await fromFile(photo, size) });
  return fixtures;
}

/** RGB bytes / 255 as float32, NHWC, the tensor nsfwjs would feed its model. */
export function toUnitFloats(images: readonly RawImage[], size = SIZE): Float32Array {
  const out = new Float32Array(images.length * size * size * 3);
  images.forEach((image, i) => {
    if (image.width !== size || image.height !== size || image.channels !== 3) {
      throw new Error(`toUnitFloats takes ${size} x ${size} RGB images`);
    }
    for (let j = 0; j < image.data.length; j++) out[i * size * size * 3 + j] = image.data[j]! / 255;
  });
  return out;
}

/** The same values as NCHW, the layout our converted models take. */
export function toChannelsFirst(nhwc: Float32Array, count: number, size = SIZE): Float32Array {
  const plane = size * size;
  const out = new Float32Array(nhwc.length);
  for (let i = 0; i < count; i++) {
    for (let p = 0; p < plane; p++) {
      for (let k = 0; k < 3; k++) out[(i * 3 + k) * plane + p] = nhwc[(i * plane + p) * 3 + k]!;
    }
  }
  return out;
}
