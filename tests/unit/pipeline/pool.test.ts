import { afterAll, describe, expect, test } from 'vitest';
import { createAnalysisPool } from '../../../electron/core/signals/pipeline';
import { badInputs, corruptModel, MOBILENET, photoJpeg } from './fixtures';

describe('analysis pool (worker threads)', () => {
  const pool = createAnalysisPool({ models: [MOBILENET], threads: 2 });
  afterAll(() => pool.close());

  test('analyses on worker threads from TypeScript source', async () => {
    const result = await pool.analyse(await photoJpeg(256, 192, 2), 'image/jpeg');
    expect(result.status).toBe('analysed');
    if (result.status !== 'analysed') return;
    expect('scores' in result.classifier && result.classifier.scores).toHaveLength(5);
  });

  test('keeps serving after truncated, zero-byte, bomb, SVG and garbage input', async () => {
    const bad = await badInputs();
    const results = await Promise.all(bad.map((b) => pool.analyse(b.bytes, b.mime, b.name)));
    expect(results.map((r) => (r.status === 'unanalysable' ? r.reason.code : r.status))).toEqual(bad.map((b) => b.code));
    const good = await pool.analyse(await photoJpeg(256, 192, 5), 'image/jpeg');
    expect(good.status).toBe('analysed');
  });

  test('results match in-order work: many images in parallel each get their own analysis', async () => {
    const images = await Promise.all([11, 12, 13, 14, 15, 16].map((seed) => photoJpeg(200, 200, seed)));
    const results = await Promise.all(images.map((bytes) => pool.analyse(bytes, 'image/jpeg')));
    const again = await Promise.all(images.map((bytes) => pool.analyse(bytes, 'image/jpeg')));
    expect(again).toEqual(results);
    expect(new Set(results.map((r) => r.sha256)).size).toBe(6);
  });
});

test('a pool whose model is corrupt still hashes and reports the classifier unavailable', async () => {
  const pool = createAnalysisPool({ models: [corruptModel()], threads: 1 });
  try {
    const result = await pool.analyse(await photoJpeg(128, 128, 8), 'image/jpeg');
    expect(result.status).toBe('analysed');
    if (result.status !== 'analysed' || result.kind !== 'image') return;
    expect(result.pdq.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(result.classifier).toEqual({ unavailable: expect.stringContaining('onnxruntime') });
  } finally {
    await pool.close();
  }
});
