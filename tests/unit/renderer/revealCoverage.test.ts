import { describe, expect, it } from 'vitest';
import { createRevealCoverage } from '../../../renderer/media/revealCoverage';

describe('reveal coverage', () => {
  it('counts a lens resting in one place as roughly its own area', () => {
    const coverage = createRevealCoverage(240, 240, 36);
    coverage.add(120, 120);
    coverage.add(121, 119);
    const lensShare = (Math.PI * 36 * 36) / (240 * 240);
    expect(coverage.fraction()).toBeGreaterThan(lensShare * 0.7);
    expect(coverage.fraction()).toBeLessThan(lensShare * 1.3);
  });

  it('reports the whole image once the lens has swept all of it', () => {
    const coverage = createRevealCoverage(200, 100, 20);
    for (let y = 0; y <= 100; y += 10) for (let x = 0; x <= 200; x += 10) coverage.add(x, y);
    expect(coverage.fraction()).toBe(1);
  });

  it('stays at nothing before the pointer arrives and ignores positions far outside', () => {
    const coverage = createRevealCoverage(100, 100, 10);
    expect(coverage.fraction()).toBe(0);
    coverage.add(-500, 900);
    expect(coverage.fraction()).toBe(0);
  });
});
