import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import * as nsfwjs from 'nsfwjs';
import * as ort from 'onnxruntime-node';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadClassifier, type RawImage } from '../../../electron/core/signals/classifier';
import type { ConversionResult } from '../../../models/nsfwjs/convert';
import { type Fixture, makeFixtures, paint, REPO_ROOT, seededRandom, toChannelsFirst, toUnitFloats } from './fixtures';

// Our ONNX conversion against nsfwjs itself on TensorFlow.js' CPU backend (the reference
// implementation), on the same input values (channels-first for ours, channels-last for nsfwjs).
const TOLERANCE = 1e-3;
const LABELS = ['Drawing', 'Hentai', 'Neutral', 'Porn', 'Sexy'];

export interface ParityCase {
  /** nsfwjs.load's name for the model. */
  nsfwjsName: 'MobileNetV2' | 'InceptionV3';
  size: number;
  manifest: string;
  convert: () => ConversionResult;
  /** Which fixtures to compare on: the CPU backend needs about 1 s an image for MobileNetV2, 17 s for InceptionV3. */
  pick: (fixtures: Fixture[]) => Fixture[];
  /** Fixtures fed whole to both networks; fewer than 20 only where the reference is too slow for more. */
  minFixtures: number;
  /** Extra images of other sizes for the end-to-end check (resize and normalisation too). */
  endToEnd: number;
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i]! - b[i]!));
  return max;
}

export async function parityTests(c: ParityCase): Promise<void> {
  const fixtures = c.pick(await makeFixtures(c.size));
  let nsfw: nsfwjs.NSFWJS;
  let modelPath: string;

  beforeAll(async () => {
    // Builds the model when missing and proves the file on disk is what the converter makes now.
    modelPath = c.convert().path;
    await tf.setBackend('cpu');
    nsfw = await nsfwjs.load(c.nsfwjsName, { size: c.size });
  }, 120_000);

  describe(`ONNX ${c.nsfwjsName} vs nsfwjs network on the same ${c.size}x${c.size} float tensors`, () => {
    let ours: Float32Array;
    let theirs: Float32Array;

    beforeAll(async () => {
      const input = toUnitFloats(
        fixtures.map((f) => f.image),
        c.size,
      );
      const session = await ort.InferenceSession.create(modelPath, { intraOpNumThreads: 1 });
      const outputs = await session.run({
        [session.inputNames[0]!]: new ort.Tensor('float32', toChannelsFirst(input, fixtures.length, c.size), [fixtures.length, 3, c.size, c.size]),
      });
      ours = outputs[session.outputNames[0]!]!.data as Float32Array;
      await session.release();

      const chunks: Float32Array[] = [];
      const perImage = c.size * c.size * 3;
      for (let start = 0; start < fixtures.length; start += 8) {
        const count = Math.min(8, fixtures.length - start);
        const batch = tf.tensor4d(input.subarray(start * perImage, (start + count) * perImage), [count, c.size, c.size, 3]);
        const prediction = nsfw.model.predict(batch) as tf.Tensor;
        chunks.push((await prediction.data()) as Float32Array);
        tf.dispose([batch, prediction]);
      }
      theirs = Float32Array.from(chunks.flatMap((chunk) => Array.from(chunk)));
    }, 600_000);

    it(`uses at least ${c.minFixtures} distinct fixture images`, () => {
      expect(fixtures.length).toBeGreaterThanOrEqual(c.minFixtures);
      expect(new Set(fixtures.map((f) => Buffer.from(f.image.data).toString('base64'))).size).toBe(fixtures.length);
    });

    it.each(fixtures.map((f, i) => [f.name, i] as const))('%s: all 5 probabilities within 1e-3', (_name, i) => {
      const a = ours.subarray(i * 5, i * 5 + 5);
      const b = theirs.subarray(i * 5, i * 5 + 5);
      expect(maxAbsDiff(a, b)).toBeLessThanOrEqual(TOLERANCE);
    });

    it('outputs softmax probabilities that sum to 1 per image', () => {
      for (let i = 0; i < fixtures.length; i++) {
        const sum = ours.subarray(i * 5, i * 5 + 5).reduce((a, b) => a + b, 0);
        expect(sum).toBeCloseTo(1, 5);
      }
    });

    it('is not a constant function of its input (the fixtures get different top classes)', () => {
      const tops = new Set(fixtures.map((_, i) => Array.from(ours.subarray(i * 5, i * 5 + 5)).indexOf(Math.max(...ours.subarray(i * 5, i * 5 + 5)))));
      expect(tops.size).toBeGreaterThanOrEqual(2);
    });
  });

  describe(`loadClassifier ${c.nsfwjsName} end to end (our resize + normalisation) vs nsfwjs.infer on images of other sizes`, () => {
    async function photo(relative: string): Promise<RawImage> {
      const file = path.resolve(REPO_ROOT, 'tests/fixtures/pdq/data', relative);
      const { data, info } = await sharp(file).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
      return { data: new Uint8Array(data), width: info.width, height: info.height, channels: 4 };
    }

    it('matches nsfwjs within 1e-3 and picks the same top label', async () => {
      const rand = seededRandom(5);
      const images: RawImage[] = [
        paint(300, 180, (x, y) => (x > 60 && x < 200 && y > 30 && y < 150 ? [210, 150, 120] : [30, 90, 60])),
        await photo('reg-test-input/labelme-subset/q0004.jpg'),
        paint(37, 53, () => [rand() * 255, rand() * 255, rand() * 255]),
        fixtures[0]!.image,
      ].slice(0, c.endToEnd);
      const classifier = await loadClassifier(c.manifest, { intraOpNumThreads: 1 });
      const results = await classifier.classify(images);
      await classifier.dispose();

      for (const [i, image] of images.entries()) {
        const rgb = new Int32Array(image.width * image.height * 3);
        for (let p = 0; p < image.width * image.height; p++) {
          for (let k = 0; k < 3; k++) rgb[p * 3 + k] = image.data[p * image.channels + k]!;
        }
        const pixels = tf.tensor3d(rgb, [image.height, image.width, 3], 'int32');
        const prediction = nsfw.infer(pixels);
        const expected = Array.from(await prediction.data());
        tf.dispose([pixels, prediction]);

        const result = results[i]!;
        expect(result.scores.map((s) => s.label)).toEqual(LABELS);
        expect(
          maxAbsDiff(
            result.scores.map((s) => s.probability),
            expected,
          ),
        ).toBeLessThanOrEqual(TOLERANCE);
        expect(result.topLabel).toBe(LABELS[expected.indexOf(Math.max(...expected))]);
      }
    }, 300_000);
  });
}
