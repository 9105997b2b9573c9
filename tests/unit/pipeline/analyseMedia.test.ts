import sharp from 'sharp';
import { afterAll, describe, expect, test } from 'vitest';
import { decodeImage } from '../../../electron/core/media/decode';
import { fromHex, hammingDistance, pdqHash, toHex } from '../../../electron/core/signals/pdq';
import { analyseMedia, classifierCascade, type MediaAnalysis, NO_MODEL } from '../../../electron/core/signals/pipeline';
import { badInputs, conformanceFile, corruptModel, expectedPdq, MOBILENET, photoJpeg } from './fixtures';

const classifier = classifierCascade([MOBILENET]);
const quiet = { classifier, log: () => {} };
afterAll(() => classifier.dispose());

function analysed(result: MediaAnalysis) {
  if (result.status !== 'analysed') throw new Error(`expected an analysed result, got ${result.status}: ${result.reason.message}`);
  if (result.kind !== 'image') throw new Error('expected an image');
  return result;
}

describe('analyseMedia on good input', () => {
  test('content hashes, PDQ with 7 dihedral hashes and five classifier scores', async () => {
    const bytes = await photoJpeg(320, 240, 3);
    const result = analysed(await analyseMedia(bytes, 'image/jpeg', quiet));
    expect(result.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(result.md5).toMatch(/^[0-9a-f]{32}$/);
    expect([result.format, result.width, result.height]).toEqual(['jpeg', 320, 240]);
    expect(result.pdq.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(Object.keys(result.pdq.dihedral)).toHaveLength(7);
    expect(new Set(Object.values(result.pdq.dihedral)).size).toBe(7);
    if (!('scores' in result.classifier)) throw new Error(result.classifier.unavailable);
    expect(result.classifier.models.map((m) => m.modelId)).toEqual(['nsfw-mobilenet-v2']);
    expect(new Set(result.classifier.scores.map((s) => s.modelId))).toEqual(new Set(['nsfw-mobilenet-v2']));
    expect(result.classifier.scores.map((s) => s.label)).toEqual(['Drawing', 'Hentai', 'Neutral', 'Porn', 'Sexy']);
    const total = result.classifier.scores.reduce((sum, s) => sum + s.probability, 0);
    expect(total).toBeCloseTo(1, 4);
  });

  test('RGBA PNG: alpha dropped, not flattened, bit for bit with Meta (pen-and-coaster.png)', async () => {
    const file = 'data/reg-test-input/pen-and-coaster.png';
    const result = analysed(await analyseMedia(conformanceFile(file), 'image/png', quiet));
    expect({ hash: result.pdq.hash, quality: result.pdq.quality }).toEqual(expectedPdq(file));
    // The display decode composites on white: hashing those pixels would drift from every bank producer.
    const displayed = await decodeImage(conformanceFile(file), 'image/png', { log: () => {} });
    if (!displayed.ok) throw new Error(displayed.failure.message);
    expect(toHex(pdqHash(displayed.image).hash)).not.toBe(expectedPdq(file).hash);
  });

  test('grey+alpha PNG is hashed as grey, bit for bit (LA.png)', async () => {
    const file = 'pytx-resources/LA.png';
    const result = analysed(await analyseMedia(conformanceFile(file), 'image/png', quiet));
    expect({ hash: result.pdq.hash, quality: result.pdq.quality }).toEqual(expectedPdq(file));
  });

  test('JPEG photo bit for bit with the reference CLI (bridge-1-original.jpg)', async () => {
    const file = 'data/reg-test-input/dih/bridge-1-original.jpg';
    const result = analysed(await analyseMedia(conformanceFile(file), 'image/jpeg', quiet));
    const expected = expectedPdq(file);
    expect(result.pdq.quality).toBe(expected.quality);
    expect(hammingDistance(fromHex(result.pdq.hash), fromHex(expected.hash))).toBe(0);
  });

  test('EXIF orientation is not applied: the stored pixels are hashed (exif-rotn-6.jpg)', async () => {
    const file = 'data/reg-test-input/exif-rotn/exif-rotn-6.jpg';
    const result = analysed(await analyseMedia(conformanceFile(file), 'image/jpeg', quiet));
    expect([result.width, result.height]).toEqual([4032, 3024]);
    expect(hammingDistance(fromHex(result.pdq.hash), fromHex(expectedPdq(file).hash))).toBeLessThanOrEqual(10);
  });

  test('the same bytes give the same analysis', async () => {
    const bytes = await photoJpeg(200, 150, 9);
    expect(await analyseMedia(bytes, 'image/jpeg', quiet)).toEqual(await analyseMedia(bytes, 'image/jpeg', quiet));
  });
});

describe('analyseMedia on bad input', () => {
  test.each([0, 1, 2, 3, 4])('bad input %i comes back unanalysable with the decoder reason and content hashes', async (index) => {
    const bad = (await badInputs())[index]!;
    const result = await analyseMedia(bad.bytes, bad.mime, quiet);
    expect(result.status, bad.name).toBe('unanalysable');
    if (result.status !== 'unanalysable') return;
    expect(result.reason.code).toBe(bad.code);
    expect(result.reason.message.length).toBeGreaterThan(20);
    expect(result.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  test('a PNG declared as JPEG is refused as a type mismatch', async () => {
    const png = await sharp({ create: { width: 32, height: 32, channels: 3, background: '#336699' } })
      .png()
      .toBuffer();
    const result = await analyseMedia(png, 'image/jpeg', quiet);
    expect(result.status === 'unanalysable' && result.reason.code).toBe('type_mismatch');
  });

  test('refusals are logged with the caller context', async () => {
    const lines: string[] = [];
    await analyseMedia(Buffer.alloc(0), 'image/jpeg', { classifier, context: 'item-7', log: (line) => lines.push(line) });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('[item-7]');
    expect(lines[0]).toContain('code=empty');
  });
});

describe('classifier that cannot load', () => {
  test.each([
    ['corrupt model file', () => [corruptModel()], /could not be loaded by onnxruntime/],
    ['no model at all', () => [], new RegExp(NO_MODEL.slice(0, 30))],
  ])('%s: classifier unavailable with the reason, PDQ still computed', async (_name, models, reason) => {
    const broken = classifierCascade(models());
    const bytes = await photoJpeg(160, 120, 4);
    const result = analysed(await analyseMedia(bytes, 'image/jpeg', { classifier: broken, log: () => {} }));
    expect(result.classifier).toEqual({ unavailable: expect.stringMatching(reason) });
    const healthy = analysed(await analyseMedia(bytes, 'image/jpeg', quiet));
    expect(result.pdq).toEqual(healthy.pdq);
  });
});
