import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_WELLNESS_POLICY, startWellnessWorld, type WellnessWorld, type Workstation } from '../../support/wellnessWorkstation';

/**
 * Every wellness call, for each role and signed out, through the web transport with the renderer
 * bypassed: who may make it, and that a refused call writes nothing (here nor upstream).
 */
let world: WellnessWorld;
let ws: Workstation;

const today = () => new Date(ws.platform.now()).toISOString().slice(0, 10);
const weekAgo = () => new Date(ws.platform.now().getTime() - 7 * 86_400_000).toISOString().slice(0, 10);

type Who = 'signed_out' | 'moderator' | 'supervisor' | 'wellness_lead';
const users: Record<Exclude<Who, 'signed_out'>, string> = { moderator: 'mod1', supervisor: 'supervisor1', wellness_lead: 'wellness1' };

const calls: Array<{ name: string; input: () => unknown; allowed: readonly Who[] }> = [
  { name: 'session.activity', input: () => ({}), allowed: ['moderator', 'supervisor', 'wellness_lead'] },
  { name: 'wellness.status', input: () => ({}), allowed: ['moderator'] },
  { name: 'wellness.preferences', input: () => ({}), allowed: ['moderator'] },
  {
    name: 'wellness.setPreferences',
    input: () => ({
      preferences: Object.fromEntries(
        (['S0', 'S1', 'S2', 'S3'] as const).map((s) => {
          const rule = DEFAULT_WELLNESS_POLICY.viewing[s];
          return [s, { tier: 'heavy', grayscale: true, previewSize: Math.min(200, rule.previewSize), warningScreen: true }];
        }),
      ),
    }),
    allowed: ['moderator'],
  },
  { name: 'wellness.checkIn', input: () => ({ mood: 4, share: false }), allowed: ['moderator'] },
  { name: 'wellness.policy', input: () => ({}), allowed: ['wellness_lead'] },
  { name: 'wellness.previewPolicy', input: () => ({ policy: DEFAULT_WELLNESS_POLICY }), allowed: ['wellness_lead'] },
  { name: 'wellness.savePolicy', input: () => ({ baseVersion: 1, policy: DEFAULT_WELLNESS_POLICY }), allowed: ['wellness_lead'] },
  { name: 'wellness.team', input: () => ({ from: weekAgo(), to: today() }), allowed: ['wellness_lead', 'supervisor'] },
  { name: 'wellness.teamCsv', input: () => ({ from: weekAgo(), to: today() }), allowed: ['wellness_lead', 'supervisor'] },
];

const policyVersions = async () => (await world.upstream.db.query<{ n: number }>('SELECT count(*)::int AS n FROM wellness_policy_versions'))[0]!.n;
const localWrites = () => ({
  checkIns: ws.rows<{ n: number }>('SELECT count(*) AS n FROM check_ins')[0]!.n,
  preferences: ws.rows<{ n: number }>('SELECT count(*) AS n FROM viewing_preferences')[0]!.n,
});

beforeAll(async () => {
  world = await startWellnessWorld({ size: 8 });
  ws = await world.workstation('roles');
});
afterAll(() => world?.close());

describe('wellness calls by role, through HTTP', () => {
  for (const who of ['signed_out', 'moderator', 'supervisor', 'wellness_lead'] as const) {
    it(`${who}: allowed calls answer, the others are refused (401 or 403 naming the role) and write nothing`, async () => {
      if (who === 'signed_out') await ws.call('session.logout');
      else await ws.ok('session.login', { username: users[who], password: 'demo' });
      for (const spec of calls) {
        const before = { versions: await policyVersions(), local: localWrites() };
        const reply = await ws.call(spec.name, spec.input());
        if (spec.allowed.includes(who)) {
          expect(reply.status, `${who} ${spec.name}: ${JSON.stringify(reply.body)}`).toBe(200);
          continue;
        }
        expect(reply.status, `${who} ${spec.name}`).toBe(who === 'signed_out' ? 401 : 403);
        if (who !== 'signed_out') expect(reply.body.error.message, spec.name).toMatch(/moderator|supervisor|wellness_lead/);
        expect(await policyVersions(), `${who} ${spec.name} saved a policy`).toBe(before.versions);
        expect(localWrites(), `${who} ${spec.name} wrote locally`).toEqual(before.local);
      }
    });
  }

  it('the lead’s save made exactly one new version; the moderator’s setPreferences and check-in were the only local writes', async () => {
    expect(await policyVersions()).toBe(2);
    expect(localWrites()).toEqual({ checkIns: 1, preferences: 1 });
  });

  it('the upstream itself refuses the lead’s routes to other roles, so no workstation is needed to enforce them', async () => {
    const token = async (username: string) =>
      (
        (await (
          await fetch(`${world.upstream.url}/auth/login`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ username, password: 'demo' }),
          })
        ).json()) as { token: string }
      ).token;
    const post = async (username: string, path: string, body: unknown) =>
      (
        await fetch(`${world.upstream.url}${path}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${await token(username)}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        })
      ).status;
    const get = async (username: string, path: string) =>
      (await fetch(`${world.upstream.url}${path}`, { headers: { authorization: `Bearer ${await token(username)}` } })).status;
    expect(await post('mod1', '/wellness/policy', { baseVersion: 2, policy: DEFAULT_WELLNESS_POLICY })).toBe(403);
    expect(await post('supervisor1', '/wellness/policy', { baseVersion: 2, policy: DEFAULT_WELLNESS_POLICY })).toBe(403);
    expect(await post('supervisor1', '/wellness/policy/preview', { policy: DEFAULT_WELLNESS_POLICY })).toBe(403);
    expect(await get('mod1', `/wellness/team?from=${weekAgo()}&to=${today()}`)).toBe(403);
    expect(await post('wellness1', '/wellness/aggregates', { entries: [] })).toBe(403);
    expect(await get('mod1', '/wellness/policy')).toBe(200);
    expect(await policyVersions()).toBe(2);
  });
});
