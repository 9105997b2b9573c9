import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ClassifierManifest,
  ImageInvalidError,
  loadClassifier,
  ManifestInvalidError,
  ModelFileCorruptError,
  ModelFileMissingError,
  ModelMismatchError,
} from '../../../electron/core/signals/classifier';
import { convertNsfwjsMobileNetV2 } from '../../../models/nsfwjs/convert';
import { encodeModel } from '../../../models/onnx/encodeModel';
import { OnnxGraph } from '../../../models/onnx/graph';
import { makeFixtures, paint, REPO_ROOT } from './fixtures';

const NSFW_MANIFEST = path.join(REPO_ROOT, 'models', 'nsfw-mobilenet-v2.manifest.json');
const nsfwManifest = JSON.parse(readFileSync(NSFW_MANIFEST, 'utf8')) as ClassifierManifest;

let dir: string;
let nsfwModel: string;

beforeAll(() => {
  nsfwModel = convertNsfwjsMobileNetV2().path;
  dir = mkdtempSync(path.join(tmpdir(), 'classifier-test-'));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Writes a manifest (the nsfwjs one, changed) into the temp dir, pointing at `file`. */
function manifestFile(name: string, changes: Record<string, unknown>, file = nsfwModel): string {
  const manifestPath = path.join(dir, `${name}.manifest.json`);
  writeFileSync(manifestPath, JSON.stringify({ ...nsfwManifest, file, ...changes }));
  return manifestPath;
}

describe('loadClassifier errors', () => {
  it('rejects a manifest that is not JSON', async () => {
    const manifestPath = path.join(dir, 'broken.manifest.json');
    writeFileSync(manifestPath, '{ "id": ');
    await expect(loadClassifier(manifestPath)).rejects.toThrow(ManifestInvalidError);
  });

  it('rejects a manifest failing its schema, naming the field', async () => {
    const labels = nsfwManifest.labels.map((l) => (l.name === 'Porn' ? { ...l, threshold: 1.5 } : l));
    const error = await loadClassifier(manifestFile('bad-threshold', { labels })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ManifestInvalidError);
    expect((error as ManifestInvalidError).code).toBe('manifest_invalid');
    expect((error as Error).message).toMatch(/threshold/);
  });

  it('rejects a manifest whose layout is unknown', async () => {
    const input = { ...nsfwManifest.input, layout: 'HWC' };
    await expect(loadClassifier(manifestFile('bad-layout', { input }))).rejects.toThrow(/layout/);
  });

  it('reports a missing .onnx file with how to build it', async () => {
    const error = await loadClassifier(manifestFile('missing', {}, 'nowhere.onnx')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelFileMissingError);
    expect((error as Error).message).toMatch(/models\/build\.ts/);
  });

  it('reports a corrupt .onnx file (random bytes)', async () => {
    writeFileSync(path.join(dir, 'garbage.onnx'), Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 251)));
    await expect(loadClassifier(manifestFile('garbage', {}, 'garbage.onnx'))).rejects.toThrow(ModelFileCorruptError);
  });

  it('reports a truncated .onnx file as corrupt', async () => {
    writeFileSync(path.join(dir, 'truncated.onnx'), readFileSync(nsfwModel).subarray(0, 200_000));
    await expect(loadClassifier(manifestFile('truncated', {}, 'truncated.onnx'))).rejects.toThrow(ModelFileCorruptError);
  });

  it('reports a manifest whose labels do not fit the model output', async () => {
    const labels = nsfwManifest.labels.slice(0, 3);
    await expect(loadClassifier(manifestFile('three-labels', { labels }))).rejects.toThrow(ModelMismatchError);
  });

  it('reports a manifest whose input size does not fit the model', async () => {
    const input = { ...nsfwManifest.input, width: 299, height: 299 };
    await expect(loadClassifier(manifestFile('wrong-size', { input }))).rejects.toThrow(/input shape/);
  });

  it('refuses a model built for the other layout, saying how to rebuild it', async () => {
    const input = { ...nsfwManifest.input, layout: 'NHWC' };
    const error = await loadClassifier(manifestFile('old-layout', { input })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelMismatchError);
    expect((error as Error).message).toMatch(/input shape \[N, 3, 224, 224\] is not \[N, 224, 224, 3\] \(NHWC\).*npm run models:build/);
  });
});

describe('classify', () => {
  it('rejects an image whose bytes do not match its size', async () => {
    const classifier = await loadClassifier(NSFW_MANIFEST);
    const image = { data: new Uint8Array(10), width: 4, height: 4, channels: 3 as const };
    await expect(classifier.classify([image])).rejects.toThrow(ImageInvalidError);
    await classifier.dispose();
  });

  it('flags by threshold only for labels mapped to a policy category', async () => {
    const labels = nsfwManifest.labels.map((l) =>
      l.name === 'Neutral' ? { ...l, threshold: 0 } : l.name === 'Porn' ? { ...l, threshold: 0 } : { ...l, threshold: 1 },
    );
    const classifier = await loadClassifier(manifestFile('thresholds', { labels }));
    const [result] = await classifier.classify([paint(64, 48, (x, y) => [x * 4, y * 5, 128])]);
    await classifier.dispose();
    const byLabel = Object.fromEntries(result!.scores.map((s) => [s.label, s]));
    expect(byLabel['Neutral']).toMatchObject({ category: 'none', threshold: 0, flagged: false });
    expect(byLabel['Porn']).toMatchObject({ category: 'adult_nudity', threshold: 0, flagged: true });
    expect(byLabel['Hentai']).toMatchObject({ category: 'adult_nudity', threshold: 1, flagged: false });
    expect(byLabel['Sexy']).toMatchObject({ category: 'sexually_suggestive', flagged: false });
  });

  it('gives the same scores, in input order, whether or not the batch is split', async () => {
    const images = (await makeFixtures()).slice(0, 5).map((f) => f.image);
    const whole = await loadClassifier(NSFW_MANIFEST, { maxBatchSize: 8, intraOpNumThreads: 2 });
    const split = await loadClassifier(NSFW_MANIFEST, { maxBatchSize: 2 });
    const [a, b] = [await whole.classify(images), await split.classify(images)];
    await Promise.all([whole.dispose(), split.dispose()]);
    expect(a).toHaveLength(5);
    for (let i = 0; i < 5; i++) {
      expect(b[i]!.topLabel).toBe(a[i]!.topLabel);
      a[i]!.scores.forEach((s, j) => expect(b[i]!.scores[j]!.probability).toBeCloseTo(s.probability, 5));
    }
    expect(new Set(a.map((r) => r.scores[0]!.probability)).size).toBe(5);
  });

  it('feeds an NCHW model with the manifest normalisation (per-channel mean model)', async () => {
    // A 3-output model that averages each input channel: its output is exactly the normalised pixel value.
    const graph = new OnnxGraph('channel_means');
    graph.addInput({ name: 'pixels', dims: ['N', 3, 4, 4] });
    graph.addNode('ReduceMean', ['pixels'], 'means', { axes: [2, 3], keepdims: 0 });
    graph.addOutput({ name: 'means', dims: ['N', 3] });
    writeFileSync(
      path.join(dir, 'means.onnx'),
      encodeModel(graph, { producerName: 'classifier.test', producerVersion: '1', docString: 'test model' }),
    );
    const manifestPath = manifestFile(
      'means',
      {
        input: {
          width: 4,
          height: 4,
          channels: 3,
          layout: 'NCHW',
          normalisation: { scale: 1 / 255, mean: [0.5, 0.25, 0], std: [0.5, 0.25, 2] },
        },
        labels: ['R', 'G', 'B'].map((name) => ({ name, threshold: 0.5, category: 'none' })),
      },
      'means.onnx',
    );
    const classifier = await loadClassifier(manifestPath);
    const [solid, bigger] = await classifier.classify([paint(4, 4, () => [255, 51, 204]), { ...paint(9, 7, () => [0, 102, 255]), channels: 3 }]);
    await classifier.dispose();
    expect(solid!.scores.map((s) => s.probability).map((p) => +p.toFixed(5))).toEqual([1, -0.2, 0.4]);
    expect(bigger!.scores.map((s) => s.probability).map((p) => +p.toFixed(5))).toEqual([-1, 0.6, 0.5]);
    expect(solid!.topLabel).toBe('R');
    expect(bigger!.topLabel).toBe('G');
  });
});
