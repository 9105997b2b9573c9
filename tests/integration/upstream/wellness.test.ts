import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEFAULT_WELLNESS_POLICY, type WellnessDay } from '@workstation/protocol';
import { MIN_SHARED_CHECK_INS, type Upstream } from '../../../upstream';
import { addReviewer, backend, login, startTestUpstream, type ApiClient } from './harness';

/** The wellness routes: policy versions written only by wellness leads, idempotent aggregates, team views that name nobody. */
describe(`upstream wellness (${backend})`, () => {
  let upstream: Upstream;
  let lead: ApiClient;
  let supervisor: ApiClient;
  let mods: ApiClient[];
  const day = '2031-03-04';

  const versions = async () => (await upstream.db.query<{ n: number }>('SELECT count(*)::int AS n FROM wellness_policy_versions'))[0]!.n;

  function aggregate(overrides: Partial<WellnessDay> = {}): WellnessDay {
    return {
      idempotencyKey: `wellness-${randomUUID()}`,
      day,
      computedAt: '2031-03-04T12:00:00.000Z',
      policyVersion: 1,
      reviewMinutes: 120,
      longestStretchMinutes: 45,
      shifts: 1,
      breaksTaken: 2,
      highSeverityItems: 4,
      peakShiftHighSeverityItems: 4,
      capsHit: [],
      sharedMood: null,
      categories: [
        {
          category: 'unflagged_image',
          viewedSeconds: 600,
          clearSeconds: 20,
          weightedSeconds: 37.4,
          items: 30,
          peakHourClearSeconds: 12,
          peakShiftClearSeconds: 20,
        },
        {
          category: 'violent_threat',
          viewedSeconds: 60,
          clearSeconds: 0,
          weightedSeconds: 5.4,
          items: 4,
          peakHourClearSeconds: 0,
          peakShiftClearSeconds: 0,
        },
      ],
      ...overrides,
    };
  }

  beforeAll(async () => {
    upstream = await startTestUpstream({ seed: 2, size: 12 });
    lead = await login(upstream, 'wellness1');
    supervisor = await login(upstream, 'supervisor1');
    mods = await Promise.all(['mod1', 'mod2', 'mod3', 'mod4'].map((u) => login(upstream, u)));
  });
  afterAll(() => upstream?.close());

  test('every upstream starts with the default policy as version 1, readable by anyone signed in', async () => {
    const reply = await mods[0]!.get('/wellness/policy');
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ version: 1, ...DEFAULT_WELLNESS_POLICY });
  });

  test('a policy with a missing, negative, absurd or dangling value is a 400 naming the field; nothing is written', async () => {
    const bad = [
      [{ ...DEFAULT_WELLNESS_POLICY, limits: undefined }, 'policy.limits'],
      [{ ...DEFAULT_WELLNESS_POLICY, colourFactor: -1 }, 'policy.colourFactor'],
      [
        {
          ...DEFAULT_WELLNESS_POLICY,
          limits: { ...DEFAULT_WELLNESS_POLICY.limits, default: { ...DEFAULT_WELLNESS_POLICY.limits.default, breakMinutes: 1800 } },
        },
        'policy.limits.default.breakMinutes',
      ],
      [
        { ...DEFAULT_WELLNESS_POLICY, signals: { ...DEFAULT_WELLNESS_POLICY.signals, unflaggedImage: 'no_such_category' } },
        'policy.signals.unflaggedImage',
      ],
      [
        {
          ...DEFAULT_WELLNESS_POLICY,
          viewing: { ...DEFAULT_WELLNESS_POLICY.viewing, S2: { ...DEFAULT_WELLNESS_POLICY.viewing.S2, previewSize: 4000 } },
        },
        'policy.viewing.S2.previewSize',
      ],
      [
        {
          ...DEFAULT_WELLNESS_POLICY,
          viewing: { ...DEFAULT_WELLNESS_POLICY.viewing, S1: { ...DEFAULT_WELLNESS_POLICY.viewing.S1, stepFloor: 'heavy', defaultTier: 'medium' } },
        },
        'policy.viewing.S1.stepFloor',
      ],
    ] as const;
    for (const [policy, field] of bad) {
      const reply = await lead.post('/wellness/policy', { baseVersion: 1, policy });
      expect(reply.status, field).toBe(400);
      expect(reply.body.error.field, JSON.stringify(reply.body)).toBe(field);
    }
    const noTeamLimits = {
      ...DEFAULT_WELLNESS_POLICY.limits.default,
      clearViewSeconds: { ...DEFAULT_WELLNESS_POLICY.limits.default.clearViewSeconds },
    };
    delete (noTeamLimits.clearViewSeconds as Record<string, unknown>).grooming;
    const missingCategory = await lead.post('/wellness/policy', {
      baseVersion: 1,
      policy: { ...DEFAULT_WELLNESS_POLICY, limits: { default: noTeamLimits, teams: {} } },
    });
    expect(missingCategory.body.error).toMatchObject({ code: 'bad_request', field: 'policy.limits.default.clearViewSeconds.grooming' });
    expect(await versions()).toBe(1);
  });

  test('only a wellness lead saves; a save over a stale version is a 409 and writes nothing', async () => {
    expect((await mods[0]!.post('/wellness/policy', { baseVersion: 1, policy: DEFAULT_WELLNESS_POLICY })).status).toBe(403);
    expect((await supervisor.post('/wellness/policy', { baseVersion: 1, policy: DEFAULT_WELLNESS_POLICY })).status).toBe(403);
    const saved = await lead.post('/wellness/policy', { baseVersion: 1, policy: DEFAULT_WELLNESS_POLICY });
    expect(saved.status).toBe(200);
    expect(saved.body.version).toBe(2);
    const stale = await lead.post('/wellness/policy', { baseVersion: 1, policy: DEFAULT_WELLNESS_POLICY });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ code: 'stale_version', field: 'baseVersion' });
    expect(stale.body.error.message).toMatch(/someone saved version 2 meanwhile/);
    expect(await versions()).toBe(2);
    const deltas = (await mods[0]!.get('/sync/deltas?limit=1000')).body;
    expect(deltas.deltas.filter((d: { kind: string }) => d.kind === 'wellness_policy').map((d: { toVersion: number }) => d.toVersion)).toEqual([
      1, 2,
    ]);
    expect(deltas.checksums.wellness_policy.version).toBe(2);
  });

  test('aggregates: a moderator’s own days, idempotent, the newer replacing the older', async () => {
    const first = aggregate();
    const stored = async () =>
      upstream.db.query<{ category: string; items: number }>(
        `SELECT c.category, c.items FROM wellness_day_categories c JOIN accounts a ON a.id = c.account_id WHERE a.username = 'mod1' AND c.day = $1 ORDER BY c.category`,
        [day],
      );
    expect((await mods[0]!.post('/wellness/aggregates', { entries: [first] })).body.results).toEqual([
      { idempotencyKey: first.idempotencyKey, status: 'accepted' },
    ]);
    expect((await mods[0]!.post('/wellness/aggregates', { entries: [first] })).body.results[0].status).toBe('duplicate');
    const older = aggregate({ computedAt: '2031-03-04T11:00:00.000Z', categories: [] });
    expect((await mods[0]!.post('/wellness/aggregates', { entries: [older] })).body.results[0].status).toBe('duplicate');
    expect(await stored()).toEqual([
      { category: 'unflagged_image', items: 30 },
      { category: 'violent_threat', items: 4 },
    ]);
    const newer = aggregate({ computedAt: '2031-03-04T18:00:00.000Z', categories: [first.categories[0]!] });
    expect((await mods[0]!.post('/wellness/aggregates', { entries: [newer] })).body.results[0].status).toBe('accepted');
    expect(await stored()).toEqual([{ category: 'unflagged_image', items: 30 }]);
    const twice = await mods[0]!.post('/wellness/aggregates', { entries: [aggregate({ categories: [first.categories[0]!, first.categories[0]!] })] });
    expect(twice.status).toBe(400);
    expect(twice.body.error.field).toBe('entries.0.categories');
    expect((await lead.post('/wellness/aggregates', { entries: [aggregate()] })).status).toBe(403);
  });

  test('the team view sums people and names none; a shared check-in shows only as an average of three or more', async () => {
    const team = async () => (await lead.get(`/wellness/team?from=${day}&to=${day}`)).body;
    await mods[1]!.post('/wellness/aggregates', { entries: [aggregate({ sharedMood: 2 })] });
    await mods[2]!.post('/wellness/aggregates', { entries: [aggregate({ sharedMood: 4 })] });
    const two = await team();
    expect(two.days).toHaveLength(1);
    expect(two.days[0]).toMatchObject({ day, moderators: 3, reviewMinutes: 360, checkIn: null });
    expect(MIN_SHARED_CHECK_INS).toBe(3);
    await mods[3]!.post('/wellness/aggregates', { entries: [aggregate({ sharedMood: 3 })] });
    const three = await team();
    expect(three.days[0].checkIn).toEqual({ average: 3, count: 3 });
    expect(three.days[0].categories.find((c: { category: string }) => c.category === 'violent_threat')).toMatchObject({ items: 12 });
    const text = JSON.stringify(three);
    for (const name of ['mod1', 'mod2', 'mod3', 'mod4', 'Mina', 'Omar']) expect(text).not.toContain(name);
    const accountIds = await upstream.db.query<{ id: string }>('SELECT id FROM accounts');
    for (const { id } of accountIds) expect(text).not.toContain(id);
    expect((await supervisor.get(`/wellness/team?from=${day}&to=${day}`)).status).toBe(200);
    const bad = await lead.get(`/wellness/team?from=${day}&to=2031-03-01`);
    expect(bad.body.error).toMatchObject({ code: 'bad_request', field: 'to' });
    const loner = await addReviewer(upstream, 'loner-supervisor', 'supervisor');
    const refused = await loner.get(`/wellness/team?from=${day}&to=${day}`);
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toMatch(/you belong to no team/);
  });

  test('the demo seed gives the team about four weeks of aggregates before today', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const from = new Date(Date.now() - 28 * 86_400_000).toISOString().slice(0, 10);
    const reply = await lead.get(`/wellness/team?from=${from}&to=${today}`);
    expect(reply.body.moderators).toBe(5);
    expect(reply.body.days.length).toBeGreaterThanOrEqual(18);
    expect(reply.body.days.some((d: { checkIn: unknown }) => d.checkIn !== null)).toBe(true);
  });

  test('a moderator hands undecided items back to the pool; only their own batch, only what is still held', async () => {
    const leased = (await mods[0]!.post('/assignments/lease', { size: 3 })).body.assignment;
    const ids: string[] = leased.items.map((i: { id: string }) => i.id);
    expect((await mods[1]!.post(`/assignments/${leased.id}/release`, { itemIds: ids })).status).toBe(403);
    const released = await mods[0]!.post(`/assignments/${leased.id}/release`, { itemIds: [...ids, 'not-in-the-batch'] });
    expect(released.status).toBe(200);
    expect(released.body.released).toEqual([...ids].sort());
    // mod3: child-safety cleared, so nothing of the pool is withheld from them.
    const again = (await mods[2]!.post('/assignments/lease', { size: 12 })).body.assignment.items.map((i: { id: string }) => i.id);
    expect(again).toEqual(expect.arrayContaining(ids));
    expect((await mods[0]!.post(`/assignments/${leased.id}/release`, { itemIds: [] })).status).toBe(400);
  });
});
