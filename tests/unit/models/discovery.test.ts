import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discoverModels, type LoadedManifest } from '../../../electron/core/signals/classifier';
import { classifierCascade, createAnalysisPool } from '../../../electron/core/signals/pipeline';
import { convertNsfwjsInceptionV3, convertNsfwjsMobileNetV2 } from '../../../models/nsfwjs/convert';
import { paint, REPO_ROOT } from '../classifier/fixtures';
import { photoJpeg } from '../pipeline/fixtures';

const MODELS = path.join(REPO_ROOT, 'models');
const manifestJson = (file: string) => JSON.parse(readFileSync(path.join(MODELS, file), 'utf8')) as Record<string, unknown>;
const MOBILENET_JSON = manifestJson('nsfw-mobilenet-v2.manifest.json');
const INCEPTION_JSON = manifestJson('nsfw-inception-v3.manifest.json');

let root: string;
let mobilenetOnnx: string;
let inceptionOnnx: string;

beforeAll(() => {
  // Builds the models when missing (as npm install does), so the test needs no prior step.
  mobilenetOnnx = convertNsfwjsMobileNetV2().path;
  inceptionOnnx = convertNsfwjsInceptionV3().path;
  root = mkdtempSync(path.join(tmpdir(), 'models-discovery-'));
}, 120_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A fresh models folder holding these manifests, each with its .onnx copied beside it as models/build has it. */
function modelsFolder(name: string, manifests: Record<string, unknown>): string {
  const dir = path.join(root, name);
  mkdirSync(path.join(dir, 'build'), { recursive: true });
  for (const [file, content] of Object.entries(manifests)) {
    writeFileSync(path.join(dir, file), typeof content === 'string' ? content : JSON.stringify(content));
  }
  return dir;
}

function withModelFiles(dir: string): string {
  copyFileSync(mobilenetOnnx, path.join(dir, 'build', 'nsfw-mobilenet-v2.onnx'));
  copyFileSync(inceptionOnnx, path.join(dir, 'build', 'nsfw-inception-v3.onnx'));
  return dir;
}

function discover(dir: string): { models: LoadedManifest[]; lines: string[] } {
  const lines: string[] = [];
  const models = discoverModels(dir, (line) => lines.push(line));
  return { models, lines };
}

const ids = (models: readonly LoadedManifest[]) => models.map((m) => m.manifest.id);

describe('discoverModels', () => {
  it('finds both shipped manifests in models/, the fast model first, with no list of them in code', () => {
    const { models, lines } = discover(MODELS);
    expect(ids(models)).toEqual(['nsfw-mobilenet-v2', 'nsfw-inception-v3']);
    expect(models[1]!.manifest.runsWhen).toMatchObject({ model: 'nsfw-mobilenet-v2' });
    expect(lines).toEqual([
      '[models] image classifier nsfw-mobilenet-v2 (nsfw-mobilenet-v2.manifest.json) runs on every image',
      expect.stringMatching(
        /^\[models\] image classifier nsfw-inception-v3 \(nsfw-inception-v3\.manifest\.json\) runs when nsfw-mobilenet-v2 is unsure \(Porn /,
      ),
    ]);
  });

  it('refuses a malformed manifest, one whose .onnx is missing, and bad cascades, one log line each naming the file, and keeps the rest', () => {
    const dir = modelsFolder('mixed', {
      'a-broken.manifest.json': '{ "id": ',
      'b-bad-threshold.manifest.json': { ...MOBILENET_JSON, id: 'bad-threshold', labels: [{ name: 'Porn', threshold: 2, category: 'adult_nudity' }] },
      'c-no-file.manifest.json': { ...MOBILENET_JSON, id: 'no-file', file: 'build/nowhere.onnx' },
      'd-unknown-first.manifest.json': { ...INCEPTION_JSON, id: 'orphan', runsWhen: { model: 'no-such-model', uncertain: { Porn: [0.3, 0.8] } } },
      'e-unknown-label.manifest.json': {
        ...INCEPTION_JSON,
        id: 'wrong-label',
        runsWhen: { model: 'nsfw-mobilenet-v2', uncertain: { Gore: [0.3, 0.8] } },
      },
      'f-twin.manifest.json': { ...MOBILENET_JSON },
      'nsfw-inception-v3.manifest.json': INCEPTION_JSON,
      'nsfw-mobilenet-v2.manifest.json': MOBILENET_JSON,
      'notes.json': '{}',
    });
    withModelFiles(dir);
    const { models, lines } = discover(dir);
    // f-twin sorts before the real file and takes the id; the real one is then the duplicate.
    expect(ids(models)).toEqual(['nsfw-mobilenet-v2', 'nsfw-inception-v3']);
    expect(models[0]!.manifestPath).toBe(path.join(dir, 'f-twin.manifest.json'));
    const refusals = lines.filter((l) => l.startsWith('[models] refused'));
    const about = (file: string) => refusals.filter((l) => l.includes(path.join(dir, file)));
    expect(about('a-broken.manifest.json')[0]).toMatch(/cannot read it as JSON.*the other models run without it$/);
    expect(about('b-bad-threshold.manifest.json')[0]).toMatch(/threshold/);
    expect(about('c-no-file.manifest.json')[0]).toMatch(/nowhere\.onnx.*does not exist/);
    expect(about('d-unknown-first.manifest.json')[0]).toMatch(/runsWhen names model no-such-model/);
    expect(about('e-unknown-label.manifest.json')[0]).toMatch(/label\(s\) Gore, which model nsfw-mobilenet-v2 does not give/);
    expect(about('nsfw-mobilenet-v2.manifest.json')[0]).toMatch(/id nsfw-mobilenet-v2 is already taken/);
    expect(refusals).toHaveLength(6);
    expect(lines.some((l) => l.includes('notes.json'))).toBe(false);
  });

  it('refuses two models that each wait for the other, and says so when nothing is left', () => {
    const dir = modelsFolder('cycle', {
      'x.manifest.json': { ...MOBILENET_JSON, id: 'x', file: mobilenetOnnx, runsWhen: { model: 'y', uncertain: { Porn: [0, 1] } } },
      'y.manifest.json': { ...MOBILENET_JSON, id: 'y', file: mobilenetOnnx, runsWhen: { model: 'x', uncertain: { Porn: [0, 1] } } },
    });
    const { models, lines } = discover(dir);
    expect(models).toEqual([]);
    expect(lines.filter((l) => l.includes('waiting on this one'))).toHaveLength(2);
    expect(lines.at(-1)).toBe(`[models] no usable *.manifest.json in ${dir}, so no image classifier runs`);
  });

  it('runs with no classifier when the folder is missing, and says so', () => {
    const { models, lines } = discover(path.join(root, 'absent'));
    expect(models).toEqual([]);
    expect(lines[0]).toMatch(/models folder .*absent cannot be read, so no image classifier runs/);
  });
});

describe('the cascade, by manifest alone', () => {
  // Bands that hold for every image or for none make which images reach the second model certain.
  const always = { model: 'nsfw-mobilenet-v2', uncertain: { Neutral: [0, 1] } };
  const never = { model: 'nsfw-mobilenet-v2', uncertain: { Porn: [1, 1] } };

  it('a second model dropped into the models folder runs on the images its band admits, and its scores are the ones read', async () => {
    const dir = withModelFiles(modelsFolder('drop-in', { 'nsfw-mobilenet-v2.manifest.json': MOBILENET_JSON }));
    const image = paint(180, 120, (x, y) => [(x * 255) / 179, (y * 255) / 119, 90]);

    const alone = classifierCascade(discover(dir).models);
    const before = await alone.classify(image);
    await alone.dispose();
    if ('unavailable' in before) throw new Error(before.unavailable);
    expect(before.models.map((m) => m.modelId)).toEqual(['nsfw-mobilenet-v2']);

    writeFileSync(path.join(dir, 'nsfw-inception-v3.manifest.json'), JSON.stringify({ ...INCEPTION_JSON, runsWhen: always }));
    const cascade = classifierCascade(discover(dir).models);
    const after = await cascade.classify(image);
    await cascade.dispose();
    if ('unavailable' in after) throw new Error(after.unavailable);
    expect(after.models.map((m) => m.modelId)).toEqual(['nsfw-mobilenet-v2', 'nsfw-inception-v3']);
    // The first model's own scores are unchanged by the second running after it.
    expect(after.models[0]).toEqual(before.models[0]);
    const second = after.models[1]!;
    if (!('scores' in second)) throw new Error(second.unavailable);
    expect(second.name).toBe(INCEPTION_JSON['name']);
    expect(after.scores.map((s) => [s.label, s.modelId, s.probability])).toEqual(
      second.scores.map((s) => [s.label, 'nsfw-inception-v3', s.probability]),
    );
    expect(second.scores.map((s) => s.probability)).not.toEqual(
      'scores' in before.models[0]! ? before.models[0].scores.map((s) => s.probability) : [],
    );

    writeFileSync(path.join(dir, 'nsfw-inception-v3.manifest.json'), JSON.stringify({ ...INCEPTION_JSON, runsWhen: never }));
    const gated = classifierCascade(discover(dir).models);
    const skipped = await gated.classify(image);
    await gated.dispose();
    expect(skipped).toEqual(before);
  }, 60_000);

  it('the worker pool runs the discovered cascade, naming each model', async () => {
    const dir = withModelFiles(
      modelsFolder('pool', {
        'nsfw-mobilenet-v2.manifest.json': MOBILENET_JSON,
        'nsfw-inception-v3.manifest.json': { ...INCEPTION_JSON, runsWhen: always },
      }),
    );
    const pool = createAnalysisPool({ models: discover(dir).models, threads: 1 });
    try {
      expect(pool.models).toEqual(['nsfw-mobilenet-v2', 'nsfw-inception-v3']);
      const result = await pool.analyse(await photoJpeg(320, 240, 9), 'image/jpeg');
      if (result.status !== 'analysed' || 'unavailable' in result.classifier) throw new Error(JSON.stringify(result).slice(0, 300));
      expect(result.classifier.models.map((m) => [m.modelId, 'scores' in m])).toEqual([
        ['nsfw-mobilenet-v2', true],
        ['nsfw-inception-v3', true],
      ]);
      expect(new Set(result.classifier.scores.map((s) => s.modelId))).toEqual(new Set(['nsfw-inception-v3']));
    } finally {
      await pool.close();
    }
  }, 60_000);

  it('a second model whose file is corrupt is unavailable on its own; the first model still scores and is read', async () => {
    const dir = withModelFiles(
      modelsFolder('corrupt-second', {
        'nsfw-mobilenet-v2.manifest.json': MOBILENET_JSON,
        'nsfw-inception-v3.manifest.json': { ...INCEPTION_JSON, runsWhen: always },
      }),
    );
    writeFileSync(path.join(dir, 'build', 'nsfw-inception-v3.onnx'), 'not a model');
    const cascade = classifierCascade(discover(dir).models);
    const outcome = await cascade.classify(paint(64, 64, () => [120, 60, 200]));
    await cascade.dispose();
    if ('unavailable' in outcome) throw new Error(outcome.unavailable);
    expect(outcome.models[1]).toEqual({
      modelId: 'nsfw-inception-v3',
      name: INCEPTION_JSON['name'],
      unavailable: expect.stringContaining('could not be loaded by onnxruntime'),
    });
    expect(new Set(outcome.scores.map((s) => s.modelId))).toEqual(new Set(['nsfw-mobilenet-v2']));
  }, 60_000);
});
