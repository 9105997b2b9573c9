import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { beginReveal, checkClearAllowed, clearServed, endReveal, logRevealStep, REVEAL_MAX_OPEN_MS } from '../../../electron/core/reveal';
import { at } from '../store/fixtures';
import { escalationWorld, itemWithImage, thrownBy } from './fixtures';

let world: ReturnType<typeof escalationWorld>;
let safe: string;
let matched: string;

beforeEach(() => {
  world = escalationWorld('reveals');
  const a = itemWithImage(world.store, 'i1', 'acct-1');
  const b = itemWithImage(world.store, 'i2', 'acct-2');
  world.store.saveAssignment({ id: 'asg-1', accountId: 'mod-1', leasedAt: at(0), leaseExpiresAt: at(1_800_000) }, [a, b]);
  safe = a.media[0]!.sha256;
  matched = b.media[0]!.sha256;
  world.matches.set(matched, [{ bank: 'demo-child-safety', category: 'child_safety', entryId: 'cs-1', kind: 'sha256', distance: 0 }]);
});
afterEach(() => world.close());

describe('reveals', () => {
  it('never begins for a child-safety match, nor for an image outside the item', () => {
    expect(thrownBy(() => beginReveal(world.deps, 'mod-1', { itemId: 'i2', sha256: matched, kind: 'hold_full' }))).toMatchObject({ code: 'forbidden', field: 'sha256' });
    expect(thrownBy(() => beginReveal(world.deps, 'mod-1', { itemId: 'i1', sha256: matched, kind: 'hold_full' }))).toMatchObject({ code: 'not_found', field: 'sha256' });
    expect(thrownBy(() => beginReveal(world.deps, 'mod-2', { itemId: 'i1', sha256: safe, kind: 'hold_full' }))).toMatchObject({ code: 'not_found', field: 'itemId' });
  });

  it('lets the clear image out only under an open reveal of the same moderator, item and image', () => {
    const { revealId } = beginReveal(world.deps, 'mod-1', { itemId: 'i1', sha256: safe, kind: 'hover_region' });
    expect(() => checkClearAllowed(world.deps, 'mod-1', { itemId: 'i1', sha256: safe, revealId })).not.toThrow();
    expect(thrownBy(() => checkClearAllowed(world.deps, 'mod-2', { itemId: 'i1', sha256: safe, revealId }))).toMatchObject({ code: 'forbidden', field: 'revealId' });
    expect(thrownBy(() => checkClearAllowed(world.deps, 'mod-1', { itemId: 'i2', sha256: matched, revealId }))).toMatchObject({ code: 'forbidden' });
    expect(thrownBy(() => checkClearAllowed(world.deps, 'mod-1', { itemId: 'i1', sha256: safe, revealId: 'made-up' }))).toMatchObject({ code: 'forbidden' });

    expect(endReveal(world.deps, 'mod-1', { revealId, durationMs: 1_200, areaFraction: 0.25 })).toEqual({ ok: true });
    expect((thrownBy(() => checkClearAllowed(world.deps, 'mod-1', { itemId: 'i1', sha256: safe, revealId })) as Error).message).toMatch(/has ended/);
    expect(thrownBy(() => endReveal(world.deps, 'mod-1', { revealId, durationMs: 1, areaFraction: 1 }))).toMatchObject({ code: 'conflict', field: 'revealId' });
  });

  it('stops honouring a reveal left open too long (a window that never sent reveal.end)', () => {
    const { revealId } = beginReveal(world.deps, 'mod-1', { itemId: 'i1', sha256: safe, kind: 'hold_full' });
    world.advance(REVEAL_MAX_OPEN_MS + 1);
    expect((thrownBy(() => checkClearAllowed(world.deps, 'mod-1', { itemId: 'i1', sha256: safe, revealId })) as Error).message).toMatch(/left open too long/);
  });

  it('refuses to end a step or someone else’s reveal', () => {
    logRevealStep(world.deps, 'mod-1', { itemId: 'i1', sha256: safe, kind: 'blur_step', tier: 'medium' });
    const { revealId } = beginReveal(world.deps, 'mod-1', { itemId: 'i1', sha256: safe, kind: 'hold_full' });
    expect(thrownBy(() => endReveal(world.deps, 'mod-2', { revealId, durationMs: 5, areaFraction: 1 }))).toMatchObject({ code: 'forbidden' });
    expect(thrownBy(() => endReveal(world.deps, 'mod-1', { revealId: 'unknown', durationMs: 5, areaFraction: 1 }))).toMatchObject({ code: 'not_found' });
  });

  it('sums a moderator’s exposure for budgets: clear time, clear time weighted by area, steps', () => {
    const first = beginReveal(world.deps, 'mod-1', { itemId: 'i1', sha256: safe, kind: 'hover_region' });
    clearServed(world.deps, first.revealId);
    endReveal(world.deps, 'mod-1', { revealId: first.revealId, durationMs: 2_000, areaFraction: 0.1 });
    const second = beginReveal(world.deps, 'mod-1', { itemId: 'i1', sha256: safe, kind: 'hold_full' });
    endReveal(world.deps, 'mod-1', { revealId: second.revealId, durationMs: 500, areaFraction: 1 });
    logRevealStep(world.deps, 'mod-1', { itemId: 'i1', sha256: safe, kind: 'grayscale_off', tier: 'heavy' });
    expect(world.store.revealExposure('mod-1', at(0))).toEqual({ clearReveals: 2, clearMs: 2_500, clearAreaMs: 700, steps: 1 });
    expect(world.store.revealExposure('mod-1', at(1))).toEqual({ clearReveals: 0, clearMs: 0, clearAreaMs: 0, steps: 0 });
    expect(world.store.revealExposure('mod-2', at(0))).toEqual({ clearReveals: 0, clearMs: 0, clearAreaMs: 0, steps: 0 });
  });
});
