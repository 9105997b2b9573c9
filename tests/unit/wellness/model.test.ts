import { describe, expect, it } from 'vitest';
import { DEFAULT_WELLNESS_POLICY, wellnessPolicyContentSchema } from '@workstation/protocol';
import type { ItemSignals, MediaSignals } from '../../../electron/api';
import { classifyImage, classifyItem, clearFraction, coveredFraction, viewWeight } from '../../../electron/core/exposure';
import { singleModelSignal } from '../../support/classifierSignal';

const policy = DEFAULT_WELLNESS_POLICY;

function image(overrides: Partial<MediaSignals> = {}): MediaSignals {
  return {
    sha256: 'a'.repeat(64),
    status: 'analysed',
    classifier: singleModelSignal('nsfw', [{ label: 'Porn', probability: 0.1, threshold: 0.6, category: 'adult_nudity', flagged: false }]),
    bankMatches: [],
    ...overrides,
  };
}

const signals = (overrides: Partial<ItemSignals> = {}): ItemSignals => ({
  media: [],
  redFlags: [],
  grooming: null,
  lexicon: { locale: 'en', version: 1 },
  ...overrides,
});
const score = (label: string, probability: number) =>
  singleModelSignal('nsfw', [{ label, probability, threshold: 0.5, category: 'x', flagged: true }]);

describe('harm category and severity from signals', () => {
  it('an image nothing flagged is the policy’s unflagged image (S1): no signal is not the same as benign', () => {
    expect(classifyImage(policy, image())).toEqual({ category: 'unflagged_image', label: 'Image no signal flagged', severity: 'S1' });
  });

  it('classifier labels count at or over the policy’s own threshold, not the model’s', () => {
    expect(classifyImage(policy, image({ classifier: score('Porn', 0.6) })).category).toBe('adult_nudity');
    expect(classifyImage(policy, image({ classifier: score('Porn', 0.59) })).category).toBe('unflagged_image');
    expect(classifyImage(policy, image({ classifier: score('Sexy', 0.7) })).category).toBe('sexually_suggestive');
  });

  it('a bank match takes its bank’s category, and the most severe category wins', () => {
    const matched = image({
      classifier: score('Porn', 0.9),
      bankMatches: [{ bank: 'b', category: 'previously_actioned', entryId: 'e', kind: 'pdq', distance: 3 }],
    });
    expect(classifyImage(policy, matched)).toMatchObject({ category: 'previously_actioned', severity: 'S2' });
    const cs = image({ bankMatches: [{ bank: 'b', category: 'child_safety', entryId: 'e', kind: 'pdq', distance: 0 }] });
    expect(classifyImage(policy, cs)).toMatchObject({ category: 'child_safety', severity: 'S3' });
  });

  it('an item is the most severe of its images, red flags and grooming; with none of them it is text only (S0)', () => {
    expect(classifyItem(policy, signals())).toMatchObject({ category: 'text_only', severity: 'S0' });
    const hate = { fieldId: 'caption', start: 0, end: 3, entryId: 'x', category: 'hate', severity: 2 };
    expect(classifyItem(policy, signals({ redFlags: [hate] }))).toMatchObject({ category: 'hate', severity: 'S1' });
    const unknown = { ...hate, category: 'not_in_the_policy' };
    expect(classifyItem(policy, signals({ redFlags: [unknown] })).category).toBe('harassment');
    const grooming = (level: 'low' | 'medium' | 'high') => ({ score: 1, level, patterns: [] });
    expect(classifyItem(policy, signals({ grooming: grooming('low') })).category).toBe('text_only');
    expect(classifyItem(policy, signals({ grooming: grooming('medium') }))).toMatchObject({ category: 'grooming', severity: 'S2' });
    expect(classifyItem(policy, signals({ media: [image()], redFlags: [hate] }))).toMatchObject({ severity: 'S1' });
    const threat = { ...hate, category: 'violent_threat' };
    expect(classifyItem(policy, signals({ media: [image()], redFlags: [hate, threat] }))).toMatchObject({
      category: 'violent_threat',
      severity: 'S2',
    });
  });

  it('ties go to the category listed first', () => {
    const both = image({
      classifier: singleModelSignal('nsfw', [
        { label: 'Sexy', probability: 0.9, threshold: 0.5, category: 'x', flagged: true },
        { label: 'Porn', probability: 0.9, threshold: 0.5, category: 'x', flagged: true },
      ]),
    });
    expect(classifyImage(policy, both).category).toBe('adult_nudity');
  });
});

describe('what a second of a view weighs', () => {
  it('severity x clarity x colour, with docs §4.3 severity weights', () => {
    expect(viewWeight(policy, 'S1', { kind: 'tier', tier: 'heavy', grayscale: true })).toBeCloseTo(0.03, 12);
    expect(viewWeight(policy, 'S2', { kind: 'tier', tier: 'medium', grayscale: true })).toBeCloseTo(0.3, 12);
    expect(viewWeight(policy, 'S3', { kind: 'clear', grayscale: true })).toBe(6);
    expect(viewWeight(policy, 'S1', { kind: 'clear', grayscale: false })).toBe(1.25);
    expect(viewWeight(policy, 'S0', { kind: 'clear', grayscale: false })).toBe(0);
  });

  it('a lens counts its circle as clear and the rest at its tier; clear > lens > light > heavy', () => {
    const lens = viewWeight(policy, 'S1', { kind: 'lens', tier: 'heavy', grayscale: true, areaFraction: 0.1 });
    expect(lens).toBeCloseTo(0.1 * 1 + 0.9 * 0.03, 12);
    const clear = viewWeight(policy, 'S1', { kind: 'clear', grayscale: true });
    const light = viewWeight(policy, 'S1', { kind: 'tier', tier: 'light', grayscale: true });
    const heavy = viewWeight(policy, 'S1', { kind: 'tier', tier: 'heavy', grayscale: true });
    expect(clear).toBeGreaterThan(lens);
    expect(light).toBeGreaterThan(heavy);
    expect(clearFraction({ kind: 'lens', tier: 'heavy', grayscale: true, areaFraction: 0.1 })).toBe(0.1);
    expect(clearFraction({ kind: 'tier', tier: 'light', grayscale: false })).toBe(0);
    expect(clearFraction({ kind: 'clear', grayscale: true })).toBe(1);
  });
});

describe('the union of lens circles', () => {
  it('is a circle’s area for one circle inside the image, and less than the sum for overlapping ones', () => {
    const one = coveredFraction([{ x: 0.5, y: 0.5, r: 0.2 }], 200, 200);
    expect(one).toBeCloseTo(Math.PI * 0.04, 2);
    const two = coveredFraction(
      [
        { x: 0.4, y: 0.5, r: 0.2 },
        { x: 0.6, y: 0.5, r: 0.2 },
      ],
      200,
      200,
    );
    expect(two).toBeGreaterThan(one);
    expect(two).toBeLessThan(2 * one);
    expect(coveredFraction([], 200, 200)).toBe(0);
    // Clipped at the edge: a circle centred on a corner shows a quarter of itself.
    expect(coveredFraction([{ x: 0, y: 0, r: 0.2 }], 200, 200)).toBeCloseTo((Math.PI * 0.04) / 4, 2);
  });
});

describe('the policy’s own checks', () => {
  it('the default passes; a weight falling with severity or clarity is refused naming the field', () => {
    expect(wellnessPolicyContentSchema.safeParse(policy).success).toBe(true);
    const falling = wellnessPolicyContentSchema.safeParse({ ...policy, severityWeights: { S0: 0, S1: 4, S2: 3, S3: 6 } });
    expect(falling.success).toBe(false);
    expect(falling.error?.issues[0]?.path).toEqual(['severityWeights']);
    const clarity = wellnessPolicyContentSchema.safeParse({ ...policy, clarityWeights: { ...policy.clarityWeights, heavy: 0.5 } });
    expect(clarity.error?.issues[0]?.path).toEqual(['clarityWeights']);
    const twice = wellnessPolicyContentSchema.safeParse({ ...policy, categories: [...policy.categories, policy.categories[0]] });
    expect(twice.error?.issues[0]?.message).toMatch(/listed twice/);
    const hourOverShift = wellnessPolicyContentSchema.safeParse({
      ...policy,
      limits: {
        ...policy.limits,
        default: { ...policy.limits.default, clearViewSeconds: { ...policy.limits.default.clearViewSeconds, hate: { perHour: 600, perShift: 300 } } },
      },
    });
    expect(hourOverShift.error?.issues[0]?.path).toEqual(['limits', 'default', 'clearViewSeconds', 'hate', 'perShift']);
    const videoOn = wellnessPolicyContentSchema.safeParse({
      ...policy,
      viewing: { ...policy.viewing, S1: { ...policy.viewing.S1, lensMaxRadius: 0.5 } },
    });
    expect(videoOn.error?.issues[0]?.path).toEqual(['viewing', 'S1', 'lensMaxRadius']);
  });
});
