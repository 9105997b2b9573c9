import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { beginReveal, checkClearAllowed, endReveal, REVEAL_MAX_OPEN_MS } from '../../../electron/core/reveal';
import { at } from '../store/fixtures';
import { escalationWorld, itemWithImage, thrownBy } from './fixtures';

let world: ReturnType<typeof escalationWorld>;
let safe: string;
let matched: string;
const nothingShown = () => ({ areaFraction: 0 });

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
    expect(thrownBy(() => beginReveal(world.deps, 'mod-1', { itemId: 'i2', sha256: matched, kind: 'hold_full' }))).toMatchObject({
      code: 'forbidden',
      field: 'sha256',
    });
    expect(thrownBy(() => beginReveal(world.deps, 'mod-1', { itemId: 'i1', sha256: matched, kind: 'hold_full' }))).toMatchObject({
      code: 'not_found',
      field: 'sha256',
    });
    expect(thrownBy(() => beginReveal(world.deps, 'mod-2', { itemId: 'i1', sha256: safe, kind: 'hold_full' }))).toMatchObject({
      code: 'not_found',
      field: 'itemId',
    });
  });

  it('lets the clear image out only under an open reveal of the same moderator, item, image and kind', () => {
    const { revealId } = beginReveal(world.deps, 'mod-1', { itemId: 'i1', sha256: safe, kind: 'hover_region' });
    const check =
      (moderator: string, request: Partial<Parameters<typeof checkClearAllowed>[2]> = {}) =>
      () =>
        checkClearAllowed(world.deps, moderator, { itemId: 'i1', sha256: safe, revealId, kind: 'hover_region', ...request });
    const ask = (moderator: string, request: Partial<Parameters<typeof checkClearAllowed>[2]> = {}) => thrownBy(check(moderator, request));
    expect(check('mod-1')).not.toThrow();
    expect(ask('mod-2')).toMatchObject({ code: 'forbidden', field: 'revealId' });
    expect(ask('mod-1', { itemId: 'i2', sha256: matched })).toMatchObject({ code: 'forbidden' });
    expect(ask('mod-1', { revealId: 'made-up' })).toMatchObject({ code: 'forbidden' });
    // A hover reveal opens the lens, not the whole image.
    expect((ask('mod-1', { kind: 'hold_full' }) as Error).message).toMatch(/needs a hold reveal/);

    expect(endReveal(world.deps, 'mod-1', revealId, nothingShown)).toEqual({ ok: true });
    expect((ask('mod-1') as Error).message).toMatch(/has ended/);
    expect(thrownBy(() => endReveal(world.deps, 'mod-1', revealId, nothingShown))).toMatchObject({ code: 'conflict', field: 'revealId' });
  });

  it('stops honouring a reveal left open too long (a window that never sent reveal.end)', () => {
    const { revealId } = beginReveal(world.deps, 'mod-1', { itemId: 'i1', sha256: safe, kind: 'hold_full' });
    world.advance(REVEAL_MAX_OPEN_MS + 1);
    expect(
      (thrownBy(() => checkClearAllowed(world.deps, 'mod-1', { itemId: 'i1', sha256: safe, revealId, kind: 'hold_full' })) as Error).message,
    ).toMatch(/left open too long/);
  });

  it('refuses to end someone else’s reveal or an unknown one, and writes nothing then', () => {
    const { revealId } = beginReveal(world.deps, 'mod-1', { itemId: 'i1', sha256: safe, kind: 'hold_full' });
    expect(thrownBy(() => endReveal(world.deps, 'mod-2', revealId, nothingShown))).toMatchObject({ code: 'forbidden' });
    expect(thrownBy(() => endReveal(world.deps, 'mod-1', 'unknown', nothingShown))).toMatchObject({ code: 'not_found' });
    expect(world.store.reveal(revealId)?.endedAt).toBeNull();
  });

  it('records the duration by core’s clock and the area core says was shown, not what a client reports', () => {
    const { revealId } = beginReveal(world.deps, 'mod-1', { itemId: 'i1', sha256: safe, kind: 'hover_region' });
    world.advance(1_250);
    endReveal(world.deps, 'mod-1', revealId, () => ({ areaFraction: 0.07 }));
    expect(world.store.reveal(revealId)).toMatchObject({ durationMs: 1_250, areaFraction: 0.07 });
  });
});
