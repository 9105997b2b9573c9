import { describe, expect, test } from 'vitest';
import type { LabelScore, RunsWhen } from '../../../electron/core/signals/classifier';
import {
  type AnalysisPool,
  type AnalysisService,
  cascadeOutcome,
  createAnalysisService,
  type MediaAnalysis,
  type ModelRun,
  NO_MODEL,
} from '../../../electron/core/signals/pipeline';
import { uncertain } from '../../../electron/core/signals/pipeline/classifierCascade';
import { DIHEDRAL_NAMES, type PdqSignature } from '../../../electron/core/signals/pdq';
import { openStore } from '../../../electron/core/store';

const score = (label: string, probability: number, threshold = 0.6): LabelScore => ({
  label,
  probability,
  threshold,
  category: label === 'Neutral' ? 'none' : 'adult_nudity',
  flagged: label !== 'Neutral' && probability >= threshold,
});
const run = (modelId: string, scores: LabelScore[]): ModelRun => ({ modelId, name: `${modelId} model`, scores });

describe('uncertain: whether the second model runs', () => {
  const when: RunsWhen = { model: 'fast', uncertain: { Porn: [0.3, 0.8], Sexy: [0.4, 0.9] } };
  const fast = (porn: number, sexy: number) => [run('fast', [score('Porn', porn), score('Sexy', sexy), score('Neutral', 1 - porn - sexy)])];

  test.each([
    [0.3, 0, true],
    [0.8, 0, true],
    [0.55, 0, true],
    [0.29, 0, false],
    [0.81, 0, false],
    [0.1, 0.4, true],
    [0.1, 0.39, false],
  ])('Porn %s, Sexy %s: runs %s (bands are inclusive at both ends)', (porn, sexy, runs) => {
    expect(uncertain(when, fast(porn, sexy))).toBe(runs);
  });

  test('labels outside the bands never admit: a Neutral of 0.5 is not uncertainty', () => {
    expect(uncertain(when, [run('fast', [score('Neutral', 0.5), score('Porn', 0.05)])])).toBe(false);
  });

  test('does not run when the model it names did not run or gave no scores', () => {
    expect(uncertain(when, [])).toBe(false);
    expect(uncertain(when, [run('other', [score('Porn', 0.5)])])).toBe(false);
    expect(uncertain(when, [{ modelId: 'fast', name: 'fast model', unavailable: 'gone' }])).toBe(false);
  });
});

describe('cascadeOutcome: which score the policy reads', () => {
  test('the later model gives the score of each label it declares; the first keeps the rest; order is first appearance', () => {
    const outcome = cascadeOutcome([
      run('fast', [score('Drawing', 0.1), score('Porn', 0.5), score('Neutral', 0.4)]),
      run('slow', [score('Porn', 0.9), score('Gore', 0.2)]),
    ]);
    if ('unavailable' in outcome) throw new Error(outcome.unavailable);
    expect(outcome.models.map((m) => m.modelId)).toEqual(['fast', 'slow']);
    expect(outcome.scores.map((s) => [s.label, s.modelId, s.probability, s.flagged])).toEqual([
      ['Drawing', 'fast', 0.1, false],
      ['Porn', 'slow', 0.9, true],
      ['Neutral', 'fast', 0.4, false],
      ['Gore', 'slow', 0.2, false],
    ]);
  });

  test('a model that failed is listed with its reason and the other model is read', () => {
    const failed: ModelRun = { modelId: 'slow', name: 'slow model', unavailable: 'slow failed on this image' };
    const outcome = cascadeOutcome([run('fast', [score('Porn', 0.5)]), failed]);
    if ('unavailable' in outcome) throw new Error(outcome.unavailable);
    expect(outcome.models[1]).toEqual(failed);
    expect(outcome.scores).toEqual([{ ...score('Porn', 0.5), modelId: 'fast' }]);
  });

  test('unavailable when no model gave scores: the first failure, or that there is no model at all', () => {
    expect(cascadeOutcome([{ modelId: 'fast', name: 'f', unavailable: 'fast is broken' }])).toEqual({ unavailable: 'fast is broken' });
    expect(cascadeOutcome([])).toEqual({ unavailable: NO_MODEL });
  });
});

describe('stored analyses follow the cascade they were made with', () => {
  const sha256 = 'c'.repeat(64);
  const analysis = (models: ModelRun[]): MediaAnalysis => ({
    sha256,
    md5: 'd'.repeat(32),
    status: 'analysed',
    kind: 'image',
    format: 'jpeg',
    width: 10,
    height: 10,
    pdq: {
      hash: 'e'.repeat(64),
      quality: 90,
      dihedral: Object.fromEntries(DIHEDRAL_NAMES.map((n) => [n, 'e'.repeat(64)])) as PdqSignature['dihedral'],
    },
    classifier: cascadeOutcome(models),
  });
  function fakePool(models: string[], result: MediaAnalysis): AnalysisPool & { calls: number } {
    const pool = {
      threads: 1,
      models,
      calls: 0,
      analyse: () => {
        pool.calls++;
        return Promise.resolve(result);
      },
      close: () => Promise.resolve(),
    };
    return pool;
  }
  // Every service a test starts is closed before its store, as core does: each warms its lexicons after start.
  const started: AnalysisService[] = [];
  const service = (pool: AnalysisPool, store: ReturnType<typeof openStore>, log: (line: string) => void = () => {}) => {
    const created = createAnalysisService({ store, pool, clock: () => new Date('2025-03-01T12:00:00Z'), log });
    started.push(created);
    return created;
  };
  const closeAll = async (store: ReturnType<typeof openStore>) => {
    await Promise.all(started.splice(0).map((s) => s.close()));
    store.close();
  };

  test('adding a model to the folder analyses stored media again; the same cascade does not', async () => {
    const store = openStore(':memory:');
    const fastOnly = analysis([run('fast', [score('Porn', 0.5)])]);
    const first = fakePool(['fast'], fastOnly);
    await service(first, store).analysed(sha256, Buffer.from('x'), 'image/jpeg');
    expect(first.calls).toBe(1);

    const same = fakePool(['fast'], fastOnly);
    await service(same, store).analysed(sha256, Buffer.from('x'), 'image/jpeg');
    expect(same.calls).toBe(0);

    const cascaded = analysis([run('fast', [score('Porn', 0.5)]), run('slow', [score('Porn', 0.9)])]);
    const grown = fakePool(['fast', 'slow'], cascaded);
    const again = await service(grown, store).analysed(sha256, Buffer.from('x'), 'image/jpeg');
    expect(grown.calls).toBe(1);
    expect(again.analysis).toEqual(cascaded);
    await closeAll(store);
  });

  test('the lexicon warm-up after start logs a failure instead of throwing it out of the event loop', async () => {
    const store = openStore(':memory:');
    const lines: string[] = [];
    service(fakePool(['fast'], analysis([])), store, (line) => lines.push(line));
    store.close();
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines).toEqual([
      expect.stringMatching(/compiling the lexicons ahead of the first item failed; they compile on first use instead: .*not open/),
    ]);
    await closeAll(store);
  });

  test('a result in which one model of the cascade failed is not kept past this run', async () => {
    const store = openStore(':memory:');
    const partial = analysis([run('fast', [score('Porn', 0.5)]), { modelId: 'slow', name: 'slow model', unavailable: 'could not load' }]);
    const pool = fakePool(['fast', 'slow'], partial);
    const running = service(pool, store);
    await running.analysed(sha256, Buffer.from('x'), 'image/jpeg');
    await running.analysed(sha256, Buffer.from('x'), 'image/jpeg');
    expect(pool.calls).toBe(1);
    const restarted = fakePool(['fast', 'slow'], partial);
    await service(restarted, store).analysed(sha256, Buffer.from('x'), 'image/jpeg');
    expect(restarted.calls).toBe(1);
    await closeAll(store);
  });
});
