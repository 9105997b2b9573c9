import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ItemView, QueueState } from '../../../electron/api';
import { openDbFile, storeRootKeyOf } from '../../support/storeFile';
import { leaseUnopened, startWellnessWorld, type WellnessWorld, type Workstation } from '../../support/wellnessWorkstation';

/**
 * The next item is read ahead (queue.ahead, and its default previews with ahead=1) so it paints the
 * moment the moderator decides. Through HTTP, with no renderer: core serves only the item after the
 * current one, only at the policy default, and puts it on the record as shown, with its previews as
 * exposure, from the decision on; a decision core could not store is refused, never acknowledged.
 */
let world: WellnessWorld;
let ws: Workstation;

interface EventRow {
  item_id: string;
  sha256: string;
  tier: string;
  started_at: string;
  ended_at: string | null;
  seconds: number | null;
}
const eventsOf = (itemId: string) => ws.rows<EventRow>('SELECT * FROM exposure_events WHERE item_id = ? ORDER BY started_at, rowid', itemId);
const shown = (itemId: string) => ws.rows('SELECT * FROM items_shown WHERE item_id = ?', itemId).length;
const current = async () => (await ws.ok<QueueState>('queue.state')).currentItemId!;
const imageOf = (view: ItemView) => view.signals.media.find((m) => m.status === 'analysed' && m.bankMatches.length === 0)?.sha256;

/** Moves through the batch until the current item may be approved and the one after it has an image that may be shown. */
async function currentWithImageAhead(): Promise<{ currentId: string; next: ItemView; sha256: string }> {
  for (;;) {
    const currentId = await current();
    const view = await ws.ok<ItemView>('queue.item', { itemId: currentId });
    const { view: next } = await ws.ok<{ view: ItemView | null }>('queue.ahead', { itemId: currentId });
    if (next === null) throw new Error('the batch ran out before an item with an image came next');
    const sha256 = imageOf(next);
    const childSafety = view.signals.media.some((m) => m.bankMatches.some((b) => b.category === 'child_safety'));
    if (sha256 !== undefined && !childSafety) return { currentId, next, sha256 };
    const decision = childSafety
      ? { itemId: currentId, action: 'skip', skipReason: 'needs_specialist', reasonCode: null, note: 'Child-safety match: for a specialist.' }
      : { itemId: currentId, action: 'approve', reasonCode: null, note: null };
    await ws.ok('review.decide', decision);
  }
}

beforeAll(async () => {
  world = await startWellnessWorld({ size: 30, seed: 1 });
  ws = await world.workstation('ahead');
  await leaseUnopened(ws, 'mod1', 14);
}, 120_000);
afterAll(() => world?.close());

describe('reading the next item ahead', () => {
  it('is refused for any item but the current one, and previews ahead only for the item read ahead, at the default', async () => {
    const { currentId, next, sha256 } = await currentWithImageAhead();
    const notCurrent = await ws.call('queue.ahead', { itemId: next.item.id });
    expect(notCurrent.status).toBe(409);
    expect(notCurrent.body.error.message).toContain(`${next.item.id} is not the current item`);

    const { view: again } = await ws.ok<{ view: ItemView }>('queue.ahead', { itemId: currentId });
    const lighter = await ws.preview(again.item.id, sha256, { tier: 'light', ahead: '1' });
    expect(lighter.status).toBe(400);
    expect(lighter.body.error.message).toMatch(/ahead is the policy's default only/);
    // Only the item read ahead: the current item's own image is not "ahead".
    const own = (await ws.ok<ItemView>('queue.item', { itemId: currentId })).item.media[0];
    if (own) expect((await ws.preview(currentId, own.sha256, { ahead: '1' })).status).toBe(409);
  });

  it('puts the item read ahead and its previews on the record only once the item before it is decided', async () => {
    const { currentId, next, sha256 } = await currentWithImageAhead();
    const served = await ws.preview(next.item.id, sha256, { ahead: '1' });
    expect(served.status).toBe(200);
    expect(served.bytes.length).toBeGreaterThan(100);
    expect(eventsOf(next.item.id)).toEqual([]);
    expect(shown(next.item.id)).toBe(0);
    // The renderer reads ahead again on every queue change, without asking for the previews it holds.
    await ws.ok('queue.ahead', { itemId: currentId });

    ws.platform.advance(5_000);
    const decidedAt = new Date(ws.platform.now()).toISOString();
    await ws.ok('review.decide', { itemId: currentId, action: 'approve', reasonCode: null, note: null });
    const [opened, ...rest] = eventsOf(next.item.id);
    expect(rest).toEqual([]);
    expect(opened).toMatchObject({
      sha256,
      tier: next.wellness.media.find((m) => m.sha256 === sha256)!.defaultTier,
      started_at: decidedAt,
      ended_at: null,
    });
    expect(shown(next.item.id)).toBe(1);
    expect(eventsOf(currentId).every((e) => e.ended_at !== null)).toBe(true);
    expect(await current()).toBe(next.item.id);
  });

  it('refuses a decision core could not store, saying so, and stores it once the database can be written again', async () => {
    const itemId = (await currentWithImageAhead()).currentId;
    const decisions = () => ws.rows('SELECT * FROM decisions WHERE item_id = ?', itemId).length;
    const locker = openDbFile(ws.dbFile, await storeRootKeyOf(ws.platform.keychain), { writable: true });
    try {
      locker.exec('BEGIN EXCLUSIVE');
      const refused = await ws.call('review.decide', { itemId, action: 'approve', reasonCode: null, note: null });
      expect(refused.status).toBe(500);
      expect(refused.body.error.message).toMatch(
        /review\.decide failed inside the workstation: its database refused the write \(SQLITE_BUSY: database is locked\), so nothing of it was recorded/,
      );
      locker.exec('ROLLBACK');
    } finally {
      locker.close();
    }
    expect(decisions()).toBe(0);
    expect(await current()).toBe(itemId);
    await ws.ok('review.decide', { itemId, action: 'approve', reasonCode: null, note: null });
    expect(decisions()).toBe(1);
  }, 30_000);
});
