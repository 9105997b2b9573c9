import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EscalationDraft, ItemView, PreferencesReply, WellnessStatus } from '../../../electron/api';
import {
  imageItems,
  moderatorWithBatch,
  startWellnessWorld,
  withRules,
  type WellnessWorld,
  type Workstation,
} from '../../support/wellnessWorkstation';

/**
 * What the renderer is served is decided and recorded by core, whatever the renderer asks: steps
 * only down to the policy's floor, colour only where grayscale is not locked, a lens only under a
 * hover reveal and no larger than the policy's radius, drawn by core with exactly the circle clear.
 * Every preview served is an exposure event, and the totals are the sum of those events.
 */
let world: WellnessWorld;
let ws: Workstation;
let images: ItemView[];
const LENS_MAX = 0.15;

const advance = (seconds: number) => ws.platform.advance(seconds * 1000);
const sha = (view: ItemView, index = 0) => view.item.media[index]!.sha256;

interface EventRow {
  item_id: string;
  sha256: string;
  category: string;
  view: string;
  tier: string;
  grayscale: number;
  width: number;
  height: number;
  area_fraction: number;
  weight: number;
  seconds: number | null;
  ended_at: string | null;
}
const events = () => ws.rows<EventRow>('SELECT * FROM exposure_events ORDER BY started_at, rowid');

async function pixels(bytes: Buffer) {
  const { data, info } = await sharp(bytes).raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, channels: info.channels };
}

beforeAll(async () => {
  world = await startWellnessWorld({ size: 30, seed: 1 });
  // Version 2: reported images no signal flagged (S1) step no lighter than medium, stay grayscale, lens up to 0.15.
  await world.publishPolicy((p) => withRules(p, { viewing: { stepFloor: 'medium', grayscale: 'locked', lensMaxRadius: LENS_MAX } }));
  ws = await world.workstation('viewing');
  images = imageItems((await moderatorWithBatch(ws, 'mod1', 25)).views);
  expect(images.length).toBeGreaterThanOrEqual(4);
}, 120_000);
afterAll(() => world?.close());

describe('tiers and colour are the policy’s, through HTTP', () => {
  it('enforces the synced version and tells the renderer how each image is served', async () => {
    expect((await ws.ok<WellnessStatus>('wellness.status')).policyVersion).toBe(2);
    const view = await ws.ok<ItemView>('queue.item', { itemId: images[0]!.item.id });
    expect(view.wellness.media[0]).toMatchObject({
      category: 'unflagged_image',
      severity: 'S1',
      defaultTier: 'heavy',
      stepFloor: 'medium',
      grayscale: true,
      grayscaleLocked: true,
      lensMaxRadius: LENS_MAX,
    });
  });

  it('a step lighter than the floor is refused with the floor named; the floor, and anything heavier, are served', async () => {
    const view = images[0]!;
    const light = await ws.preview(view.item.id, sha(view), { tier: 'light' });
    expect(light.status).toBe(403);
    expect(light.body.error.message).toMatch(
      /'light' is lighter than the lightest step the wellness policy allows for Image no signal flagged \(S1\), 'medium'/,
    );
    for (const tier of ['default', 'medium', 'pixelate', 'heavy'])
      expect((await ws.preview(view.item.id, sha(view), { tier })).status, tier).toBe(200);
    expect((await ws.preview(view.item.id, sha(view), { tier: 'clear' })).status).toBe(400);
    // What was served is on the record, tier by tier; what was refused is not.
    expect(
      events()
        .filter((e) => e.sha256 === sha(view))
        .map((e) => e.tier),
    ).toEqual(['heavy', 'medium', 'pixelate', 'heavy']);
  });

  it('colour is refused where grayscale is locked, and nothing is recorded for it', async () => {
    const view = images[0]!;
    const before = events().length;
    const colour = await ws.preview(view.item.id, sha(view), { grayscale: '0' });
    expect(colour.status).toBe(403);
    expect(colour.body.error.message).toMatch(
      /Colour is not available for Image no signal flagged \(S1\): the wellness policy keeps these images grayscale/,
    );
    expect(events()).toHaveLength(before);
  });
});

describe('the hover lens is drawn by core', () => {
  it('needs an open hover reveal and a radius within the policy’s', async () => {
    const view = images[1]!;
    await ws.ok('queue.item', { itemId: view.item.id });
    const lens = { lens: '0.5,0.5,0.1' };
    expect((await ws.preview(view.item.id, sha(view), lens)).status).toBe(400);
    const hold = await ws.ok<{ revealId: string }>('reveal.begin', { itemId: view.item.id, sha256: sha(view), kind: 'hold_full' });
    const underHold = await ws.preview(view.item.id, sha(view), { ...lens, revealId: hold.revealId });
    expect(underHold.status).toBe(403);
    expect(underHold.body.error.message).toMatch(/a lens needs a hover reveal/);
    await ws.ok('reveal.end', { revealId: hold.revealId });
    const hover = await ws.ok<{ revealId: string }>('reveal.begin', { itemId: view.item.id, sha256: sha(view), kind: 'hover_region' });
    const wide = await ws.preview(view.item.id, sha(view), { lens: '0.5,0.5,0.2', revealId: hover.revealId });
    expect(wide.status).toBe(403);
    expect(wide.body.error.message).toMatch(/radius 0.2 is larger than the wellness policy allows .* \(0.15 of the shorter side\)/);
    await ws.ok('reveal.end', { revealId: hover.revealId });
  });

  it('serves the blurred preview with only the circle clear, and records the circle’s real area', async () => {
    const view = images[1]!;
    const hold = await ws.ok<{ revealId: string }>('reveal.begin', { itemId: view.item.id, sha256: sha(view), kind: 'hold_full' });
    const clear = await pixels((await ws.preview(view.item.id, sha(view), { tier: 'clear', revealId: hold.revealId })).bytes);
    await ws.ok('reveal.end', { revealId: hold.revealId });
    const base = await pixels((await ws.preview(view.item.id, sha(view))).bytes);
    const hover = await ws.ok<{ revealId: string }>('reveal.begin', { itemId: view.item.id, sha256: sha(view), kind: 'hover_region' });
    const served = await ws.preview(view.item.id, sha(view), { lens: '0.4,0.5,0.1', revealId: hover.revealId });
    expect(served.status).toBe(200);
    const lens = await pixels(served.bytes);
    expect([lens.width, lens.height]).toEqual([base.width, base.height]);
    const radius = 0.1 * Math.min(lens.width, lens.height);
    const [cx, cy] = [0.4 * lens.width, 0.5 * lens.height];
    let inside = 0;
    let outside = 0;
    for (let y = 0; y < lens.height; y += 1) {
      for (let x = 0; x < lens.width; x += 1) {
        const d = Math.hypot(x + 0.5 - cx, y + 0.5 - cy);
        const at = (y * lens.width + x) * lens.channels;
        // Grayscale previews are lossless, so pixels compare exactly; the circle's rim is left out.
        if (d < radius - 1) {
          expect(lens.data[at], `inside at ${x},${y}`).toBe(clear.data[at]);
          inside += 1;
        } else if (d > radius + 1) {
          expect(lens.data[at], `outside at ${x},${y}`).toBe(base.data[at]);
          outside += 1;
        }
      }
    }
    expect(inside).toBeGreaterThan(100);
    expect(outside).toBeGreaterThan(inside);
    // The blurred and the clear image differ inside the circle, so the comparison above could fail.
    let differ = 0;
    for (let i = 0; i < clear.data.length; i += clear.channels) if (clear.data[i] !== base.data[i]) differ += 1;
    expect(differ).toBeGreaterThan(inside / 2);

    advance(2);
    await ws.ok('reveal.end', { revealId: hover.revealId });
    const recorded = events()
      .filter((e) => e.view === 'lens')
      .at(-1)!;
    const circle = (Math.PI * radius * radius) / (lens.width * lens.height);
    expect(Math.abs(recorded.area_fraction - circle) / circle).toBeLessThan(0.01);
    expect(recorded.seconds).toBe(2);
    const [reveal] = ws.rows<{ area_fraction: number; duration_ms: number }>(
      'SELECT area_fraction, duration_ms FROM reveal_log WHERE id = ?',
      hover.revealId,
    );
    expect(reveal!.duration_ms).toBe(2000);
    expect(Math.abs(reveal!.area_fraction - circle) / circle).toBeLessThan(0.05);
  });

  it('counts the file as viewed for an escalation only when something clear was served', async () => {
    const files = async (view: ItemView) =>
      ((await ws.ok<EscalationDraft>('escalation.open', { itemId: view.item.id, kind: 'law_enforcement' })).report.files ?? []).map(
        (f) => f?.fileViewedByEsp,
      );
    expect(await files(images[1]!)).toEqual(images[1]!.item.media.map((_, i) => i === 0));
    // images[0] was only stepped (medium, pixelate): never clear.
    expect(await files(images[0]!)).toEqual(images[0]!.item.media.map(() => false));
  });
});

describe('exposure on the record', () => {
  it('closes an event when the next view replaces it and weighs it by severity, clarity and colour', async () => {
    const view = images[2]!;
    await ws.ok('queue.item', { itemId: view.item.id });
    await ws.preview(view.item.id, sha(view));
    advance(5);
    await ws.preview(view.item.id, sha(view), { tier: 'medium' });
    advance(3);
    await ws.preview(view.item.id, sha(view));
    const mine = events().filter((e) => e.sha256 === sha(view));
    expect(mine.map((e) => [e.tier, e.seconds, e.weight])).toEqual([
      ['heavy', 5, 0.03],
      ['medium', 3, 0.1],
      ['heavy', null, 0.03],
    ]);
    // Showing another item takes this one off the screen; an event never counts more than a minute.
    advance(120);
    await ws.ok('queue.item', { itemId: images[3]!.item.id });
    expect(
      events()
        .filter((e) => e.sha256 === sha(view))
        .at(-1)!.seconds,
    ).toBe(60);
  });

  it('today’s totals per category are the sum of the recorded events, and so is the uploaded aggregate', async () => {
    const view = images[3]!;
    await ws.preview(view.item.id, sha(view));
    advance(7);
    await ws.ok('review.decide', { itemId: view.item.id, action: 'approve', reasonCode: null, note: null });
    const status = await ws.ok<WellnessStatus>('wellness.status');
    const rows = events();
    expect(rows.every((e) => e.ended_at !== null)).toBe(true);
    const sums = new Map<string, { viewed: number; clear: number; weighted: number; items: Set<string> }>();
    for (const e of rows) {
      const s = sums.get(e.category) ?? { viewed: 0, clear: 0, weighted: 0, items: new Set<string>() };
      s.viewed += e.seconds!;
      s.clear += e.seconds! * e.area_fraction;
      s.weighted += e.seconds! * e.weight;
      s.items.add(e.item_id);
      sums.set(e.category, s);
    }
    expect(status.categories.map((c) => c.category).sort()).toEqual([...sums.keys()].sort());
    for (const c of status.categories) {
      const s = sums.get(c.category)!;
      expect(c.viewedSeconds).toBeCloseTo(s.viewed, 6);
      expect(c.clearSeconds).toBeCloseTo(s.clear, 6);
      expect(c.weightedSeconds).toBeCloseTo(s.weighted, 6);
      expect(c.items).toBe(s.items.size);
    }
    expect(status.exposure.day).toBeCloseTo(
      [...sums.values()].reduce((t, s) => t + s.weighted, 0),
      6,
    );

    // A shared check-in queues the day at once; the upstream then holds the same sums, per category only.
    await ws.ok('wellness.checkIn', { mood: 4, share: true });
    expect((await ws.ok('sync.now')).pendingUploads).toBe(0);
    const uploaded = await world.upstream.db.query<{
      category: string;
      viewed_seconds: number;
      clear_seconds: number;
      weighted_seconds: number;
      items: number;
    }>(
      `SELECT c.category, c.viewed_seconds, c.clear_seconds, c.weighted_seconds, c.items FROM wellness_day_categories c JOIN accounts a ON a.id = c.account_id
       WHERE a.username = 'mod1' AND c.day = $1`,
      [status.today.day],
    );
    expect(uploaded.map((u) => u.category).sort()).toEqual([...sums.keys()].sort());
    for (const u of uploaded) {
      const s = sums.get(u.category)!;
      expect(u.viewed_seconds).toBeCloseTo(s.viewed, 1);
      expect(u.weighted_seconds).toBeCloseTo(s.weighted, 1);
      expect(u.items).toBe(s.items.size);
    }
    const [day] = await world.upstream.db.query<{ shared_mood: number }>(
      `SELECT d.shared_mood FROM wellness_days d JOIN accounts a ON a.id = d.account_id WHERE a.username = 'mod1' AND d.day = $1`,
      [status.today.day],
    );
    expect(day!.shared_mood).toBe(4);
  });
});

describe('personal preferences may only be safer', () => {
  it('refuses a weaker setting, naming the floor, and stores nothing', async () => {
    const before = await ws.ok<PreferencesReply>('wellness.preferences');
    const weaker = { ...before.preferences, S1: { ...before.preferences.S1, tier: 'medium' } };
    const refused = await ws.call('wellness.setPreferences', { preferences: weaker });
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ code: 'forbidden', field: 'preferences.S1.tier' });
    expect(refused.body.error.message).toMatch(/S1: blur 'medium' shows more than the floor, 'heavy'/);
    expect(await ws.ok<PreferencesReply>('wellness.preferences')).toEqual(before);
    expect(ws.rows('SELECT * FROM viewing_preferences')).toEqual([]);
  });

  it('applies a safer one: smaller previews are served at once', async () => {
    const { preferences } = await ws.ok<PreferencesReply>('wellness.preferences');
    await ws.ok('wellness.setPreferences', { preferences: { ...preferences, S1: { ...preferences.S1, previewSize: 120 } } });
    const view = images[4] ?? images[0]!;
    await ws.ok('queue.item', { itemId: view.item.id });
    const served = await pixels((await ws.preview(view.item.id, sha(view))).bytes);
    expect(Math.max(served.width, served.height)).toBeLessThanOrEqual(120);
  });
});
