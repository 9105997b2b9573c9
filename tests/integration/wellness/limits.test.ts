import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ItemView, QueueState, WellnessStatus, WorkstationEvent } from '../../../electron/api';
import {
  batchItems,
  imageItems,
  leaseUnopened,
  moderatorWithBatch,
  startWellnessWorld,
  withRules,
  type WellnessWorld,
  type Workstation,
} from '../../support/wellnessWorkstation';

/**
 * The limits a wellness lead sets, enforced by core with the renderer bypassed (HTTP only) and the
 * clock and idle time in the test's hands: a clear-view cap refuses reveals and lighter tiers, the
 * high-severity cap withholds items, a break due stops review until enough idle time has passed,
 * and the daily cap hands the batch back until the next day.
 */

/** A start well inside one UTC day, so the minutes these tests add never cross midnight. */
function startOfTest(): number {
  const now = Date.now();
  const midnight = new Date(now).setUTCHours(24, 0, 0, 0);
  return midnight - now < 90 * 60_000 ? midnight + 5 * 60_000 : now;
}

const statusOf = (ws: Workstation) => ws.ok<WellnessStatus>('wellness.status');

/** Minutes of steady review: a review call (opening the item) every minute. */
async function review(ws: Workstation, itemId: string, minutes: number): Promise<void> {
  for (let i = 0; i < minutes; i += 1) {
    ws.platform.advance(60_000);
    await ws.ok('queue.item', { itemId });
  }
}

describe('a clear-view limit', () => {
  let world: WellnessWorld;
  let ws: Workstation;
  let image: ItemView;

  beforeAll(async () => {
    world = await startWellnessWorld({ size: 20 });
    await world.publishPolicy((p) => ({
      ...p,
      limits: {
        ...p.limits,
        default: { ...p.limits.default, clearViewSeconds: { ...p.limits.default.clearViewSeconds, unflagged_image: { perHour: 10, perShift: 30 } } },
      },
    }));
    ws = await world.workstation('clear-cap', startOfTest());
    image = imageItems((await moderatorWithBatch(ws, 'mod1', 10)).views)[0]!;
    await ws.ok('queue.item', { itemId: image.item.id });
  }, 120_000);
  afterAll(() => world?.close());

  const sha = () => image.item.media[0]!.sha256;
  async function holdClear(seconds: number): Promise<void> {
    const { revealId } = await ws.ok<{ revealId: string }>('reveal.begin', { itemId: image.item.id, sha256: sha(), kind: 'hold_full' });
    expect((await ws.preview(image.item.id, sha(), { tier: 'clear', revealId })).status).toBe(200);
    ws.platform.advance(seconds * 1000);
    await ws.ok('reveal.end', { revealId });
  }

  it('warns at 80% of the hourly clear-view time', async () => {
    await holdClear(9);
    const status = await statusOf(ws);
    expect(status.state).toBe('warning');
    expect(status.budgets.find((b) => b.kind === 'clear_per_hour')).toMatchObject({
      category: 'unflagged_image',
      used: 9,
      limit: 10,
      state: 'warning',
    });
  });

  it('at the limit refuses reveals and anything clearer than the default, naming the limit and when it resets', async () => {
    await holdClear(2);
    const status = await statusOf(ws);
    expect(status.state).toBe('capped');
    const reveal = await ws.call('reveal.begin', { itemId: image.item.id, sha256: sha(), kind: 'hold_full' });
    expect(reveal.status).toBe(403);
    expect(reveal.body.error.message).toMatch(
      /clear-view limit is reached \(clear-view time this hour for Image no signal flagged: 11 of 10 s\).*refused until \d{4}-\d\d-\d\dT/,
    );
    const lighter = await ws.preview(image.item.id, sha(), { tier: 'medium' });
    expect(lighter.status).toBe(403);
    expect(lighter.body.error.message).toMatch(/clear-view limit is reached/);
    expect((await ws.preview(image.item.id, sha(), { grayscale: '0' })).status).toBe(403);
    expect((await ws.preview(image.item.id, sha())).status).toBe(200);
    expect((await ws.preview(image.item.id, sha(), { tier: 'heavy' })).status).toBe(200);
    const view = await ws.ok<ItemView>('queue.item', { itemId: image.item.id });
    expect(view.wellness.media[0]!.capped).toMatch(/clear-view limit is reached/);
    // Caps hit are recorded for the team's aggregates.
    expect(ws.rows<{ cap: string; category: string }>('SELECT cap, category FROM caps_hit')).toEqual([
      { cap: 'clear_per_hour', category: 'unflagged_image' },
    ]);
  });

  it('lets reveals again once the hour has rolled on', async () => {
    ws.platform.advance(61 * 60_000);
    await ws.ok('queue.item', { itemId: image.item.id });
    expect((await ws.call('reveal.begin', { itemId: image.item.id, sha256: sha(), kind: 'hold_full' })).status).toBe(200);
  });
});

describe('the high-severity limit', () => {
  let world: WellnessWorld;
  let ws: Workstation;
  let queue: QueueState;

  beforeAll(async () => {
    world = await startWellnessWorld({ size: 30, seed: 1 });
    // Images no signal flagged count as S2 here, so a batch is mostly high-severity; two a shift.
    await world.publishPolicy((p) => ({
      ...withRules(p, { limits: { maxHighSeverityItemsPerShift: 2, breakAfterHighSeverityItems: 50 } }),
      categories: p.categories.map((c) => (c.id === 'unflagged_image' ? { ...c, severity: 'S2' } : c)),
    }));
    ws = await world.workstation('high-cap', startOfTest());
    queue = await leaseUnopened(ws, 'mod1', 25);
  }, 120_000);
  afterAll(() => world?.close());

  it('withholds the rest of the batch’s high-severity items, offers the others, and refuses the withheld ones', async () => {
    const items = batchItems(ws, queue.assignment!.id);
    const withImages = items.filter((i) => i.media.length > 0 && i.id !== queue.items[0]!.id);
    for (const item of withImages.slice(0, 2)) await ws.ok('queue.item', { itemId: item.id });
    const state = await ws.ok<QueueState>('queue.state');
    const withheld = state.items.filter((i) => i.withheld !== undefined);
    expect(withheld.length).toBeGreaterThan(0);
    expect(withheld[0]!.withheld).toMatch(
      /^Withheld \(S[23], .*\)\. The high-severity limit is reached \(high-severity items this shift: 2 of 2 items\)/,
    );
    // Every image item left is S2 now; text-only items are still offered.
    const offered = state.items.find((i) => i.id === state.currentItemId);
    expect(offered === undefined || items.find((i) => i.id === offered.id)!.media.length === 0).toBe(true);
    const target = withheld.find((i) => i.status === 'pending')!;
    for (const [name, input] of [
      ['queue.item', { itemId: target.id }],
      ['review.decide', { itemId: target.id, action: 'approve', reasonCode: null, note: null }],
      ['reveal.begin', { itemId: target.id, sha256: items.find((i) => i.id === target.id)!.media[0]?.sha256 ?? 'a'.repeat(64), kind: 'hold_full' }],
    ] as const) {
      const reply = await ws.call(name, input);
      expect(reply.status, name).toBe(403);
      expect(reply.body.error.message, name).toMatch(/high-severity limit is reached/);
    }
    expect((await statusOf(ws)).state).toBe('capped');
  });

  it('hands the withheld items back to the pool when the next batch is leased', async () => {
    const pending = (await ws.ok<QueueState>('queue.state')).items.filter((i) => i.status === 'pending').map((i) => i.id);
    await ws.ok('queue.lease', { size: 5 });
    const rows = await world.upstream.db.query<{ id: string; lease_assignment_id: string | null }>(
      'SELECT id, lease_assignment_id FROM items WHERE id = ANY($1::text[])',
      [pending],
    );
    expect(rows.filter((r) => r.lease_assignment_id === queue.assignment!.id)).toEqual([]);
  });
});

describe('a break', () => {
  let world: WellnessWorld;
  let ws: Workstation;
  let itemId: string;
  let sha: string;
  const events: WorkstationEvent[] = [];

  beforeAll(async () => {
    world = await startWellnessWorld({ size: 20 });
    await world.publishPolicy((p) => withRules(p, { limits: { breakAfterMinutes: 5, breakMinutes: 2 } }));
    ws = await world.workstation('break', startOfTest());
    const image = imageItems((await moderatorWithBatch(ws, 'mod1', 10)).views)[0]!;
    itemId = image.item.id;
    sha = image.item.media[0]!.sha256;
    ws.core.subscribe((event) => events.push(event));
  }, 120_000);
  afterAll(() => world?.close());

  it('warns as the time since the last break nears the limit', async () => {
    // Six minutes away first: a pause as long as a break, so the count starts at this stretch.
    ws.platform.advance(6 * 60_000);
    await ws.ok('queue.item', { itemId });
    await review(ws, itemId, 4);
    const status = await statusOf(ws);
    expect(status.state).toBe('warning');
    expect(status.budgets.find((b) => b.kind === 'break_minutes')).toMatchObject({ used: 4, limit: 5, state: 'warning' });
  });

  it('is due after the minutes of review: items, previews, reveals and decisions are refused, saying why', async () => {
    await review(ws, itemId, 1);
    ws.platform.advance(30_000);
    for (const [name, input] of [
      ['queue.item', { itemId }],
      ['reveal.begin', { itemId, sha256: sha, kind: 'hold_full' }],
      ['review.decide', { itemId, action: 'approve', reasonCode: null, note: null }],
      ['queue.lease', {}],
    ] as const) {
      const reply = await ws.call(name, input);
      expect(reply.status, name).toBe(403);
      expect(reply.body.error.message, name).toMatch(/Break due: 2 minutes, counted while you are away/);
    }
    expect((await ws.preview(itemId, sha)).status).toBe(403);
    const status = await statusOf(ws);
    expect(status).toMatchObject({ state: 'break_due', break: { reason: 'minutes', requiredSeconds: 120, countedSeconds: 0 } });
    expect(events.some((e) => e.type === 'wellness.status' && e.status.state === 'break_due')).toBe(true);
    // Nothing of the refused calls was recorded as review or exposure.
    expect(ws.rows<{ n: number }>('SELECT count(*) AS n FROM decisions WHERE item_id = ?', itemId)[0]!.n).toBe(0);
  });

  it('counts only the time the person is away', async () => {
    ws.platform.advance(3 * 60_000);
    ws.platform.setIdleSeconds(0);
    expect((await statusOf(ws)).break?.countedSeconds).toBe(0);
    ws.platform.advance(60_000);
    ws.platform.setIdleSeconds(60);
    expect((await statusOf(ws)).break?.countedSeconds).toBe(60);
    expect((await ws.call('queue.item', { itemId })).status).toBe(403);
  });

  it('ends once enough idle time has passed, and review resumes', async () => {
    ws.platform.advance(61_000);
    ws.platform.setIdleSeconds(121);
    const status = await statusOf(ws);
    expect(status.state).not.toBe('break_due');
    expect(status.break).toBeNull();
    expect(events.at(-1)).toMatchObject({ type: 'wellness.status', status: { break: null } });
    ws.platform.setIdleSeconds(0);
    expect((await ws.call('queue.item', { itemId })).status).toBe(200);
    expect((await statusOf(ws)).today.breaksTaken).toBe(2);
  });
});

describe('the daily review limit', () => {
  let world: WellnessWorld;
  let ws: Workstation;
  let queue: QueueState;
  let itemId: string;

  beforeAll(async () => {
    world = await startWellnessWorld({ size: 20 });
    await world.publishPolicy((p) => withRules(p, { limits: { dailyReviewMinutes: 30, breakAfterMinutes: 480 } }));
    ws = await world.workstation('daily', startOfTest());
    const batch = await moderatorWithBatch(ws, 'mod1', 10);
    queue = batch.queue;
    itemId = batch.views.find((v) => !v.signals.media.some((m) => m.bankMatches.length > 0))!.item.id;
  }, 120_000);
  afterAll(() => world?.close());

  it('hands the batch back and refuses review until the next day', async () => {
    await review(ws, itemId, 30);
    const refused = await ws.call('queue.item', { itemId });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toMatch(
      /Today's review limit is reached \(today's review time: 30 of 30 min\)\. Review opens again at \d{4}-\d\d-\d\dT00:00:00.000Z/,
    );
    expect((await statusOf(ws)).state).toBe('day_over');
    expect((await ws.call('queue.lease', {})).status).toBe(403);
    // The undecided items went back to the pool upstream.
    const held = async () =>
      (
        await world.upstream.db.query<{ n: number }>('SELECT count(*)::int AS n FROM items WHERE lease_assignment_id = $1', [queue.assignment!.id])
      )[0]!.n;
    for (let i = 0; i < 100 && (await held()) > 0; i += 1) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await held()).toBe(0);
    expect((await ws.ok<QueueState>('queue.state')).currentItemId).toBeNull();
  });

  it('opens again the next day', async () => {
    const now = ws.platform.now().getTime();
    ws.platform.setNow(new Date(now).setUTCHours(24, 1, 0, 0));
    expect((await ws.call('queue.lease', { size: 3 })).status).toBe(200);
  });
});
