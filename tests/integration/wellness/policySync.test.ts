import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ItemView, PolicyPreview, WellnessPolicy, WellnessStatus } from '../../../electron/api';
import {
  openWorkstation,
  moderatorWithBatch,
  imageItems,
  startWellnessWorld,
  withRules,
  type WellnessWorld,
  type Workstation,
} from '../../support/wellnessWorkstation';

/**
 * A wellness lead changes the policy on one workstation; it is versioned on the upstream, travels
 * as a checksummed delta, and a moderator's workstation enforces the new version after a sync, and
 * keeps enforcing it offline.
 */
let world: WellnessWorld;
let lead: Workstation;
let moderator: Workstation;
let image: ItemView;
let policy: WellnessPolicy;

beforeAll(async () => {
  world = await startWellnessWorld({ size: 20 });
  lead = await world.workstation('lead');
  moderator = await world.workstation('moderator');
  await lead.ok('session.login', { username: 'wellness1', password: 'demo' });
  image = imageItems((await moderatorWithBatch(moderator, 'mod1', 8)).views)[0]!;
}, 120_000);
afterAll(() => world?.close());

const colour = () => moderator.preview(image.item.id, image.item.media[0]!.sha256, { grayscale: '0' });

describe('policy from the lead to every workstation', () => {
  it('the lead reads the version in force; the moderator enforces the same one', async () => {
    policy = await lead.ok<WellnessPolicy>('wellness.policy');
    expect(policy.version).toBe(1);
    expect((await moderator.ok<WellnessStatus>('wellness.status')).policyVersion).toBe(1);
    await moderator.ok('queue.item', { itemId: image.item.id });
    expect((await colour()).status).toBe(200);
  });

  it('a draft with a bad value is refused with a 400 naming the field, and nothing is saved', async () => {
    const { version, ...content } = policy;
    const absurd = withRules(content, { limits: { breakMinutes: 30 * 60 } });
    const reply = await lead.call('wellness.savePolicy', { baseVersion: version, policy: absurd });
    expect(reply.status).toBe(400);
    expect(reply.body.error).toMatchObject({ code: 'bad_request', field: 'policy.limits.default.breakMinutes' });
    expect(reply.body.error.message).toMatch(/must be at most 120 minutes/);
    const missing = { ...content, severityWeights: { S0: 0, S1: 1, S2: 3 } };
    const missingReply = await lead.call('wellness.previewPolicy', { policy: missing });
    expect(missingReply.body.error).toMatchObject({ code: 'bad_request', field: 'policy.severityWeights.S3' });
    const negative = await lead.call('wellness.savePolicy', {
      baseVersion: version,
      policy: withRules(content, { limits: { maxHighSeverityItemsPerShift: -1 } }),
    });
    expect(negative.body.error).toMatchObject({ code: 'bad_request', field: 'policy.limits.default.maxHighSeverityItemsPerShift' });
    expect((await lead.ok<WellnessPolicy>('wellness.policy')).version).toBe(1);
  });

  it('previews the draft against last week’s real aggregates before saving', async () => {
    const { version: _v, ...content } = policy;
    const stricter = withRules(content, { limits: { dailyReviewMinutes: 120, breakAfterMinutes: 30 } });
    const preview = await lead.ok<PolicyPreview>('wellness.previewPolicy', { policy: stricter });
    expect(preview.shifts).toBeGreaterThan(0);
    expect(preview.currentVersion).toBe(1);
    expect(preview.draft.breaks).toBeGreaterThan(preview.current.breaks);
    expect(preview.draft.shiftsCapped).toBeGreaterThan(preview.current.shiftsCapped);
    const daily = preview.budgets.find((b) => b.cap === 'daily_review_minutes')!;
    expect(daily.draft).toBeGreaterThan(daily.current);
  });

  it('saves a new version; the moderator enforces it after a sync, not before', async () => {
    const { version, ...content } = policy;
    const saved = await lead.ok<WellnessPolicy>('wellness.savePolicy', {
      baseVersion: version,
      policy: withRules(content, { viewing: { grayscale: 'locked' } }),
    });
    expect(saved.version).toBe(2);
    // Not yet synced: the moderator's workstation still holds version 1.
    expect((await colour()).status).toBe(200);
    await moderator.ok('sync.now');
    expect((await moderator.ok<WellnessStatus>('wellness.status')).policyVersion).toBe(2);
    const refused = await colour();
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toMatch(/keeps these images grayscale/);
    const [stored] = moderator.rows<{ version: number }>('SELECT version FROM wellness_policy');
    expect(stored!.version).toBe(2);
  });

  it('a save over a version someone else replaced meanwhile is a 409 naming the version now in force', async () => {
    const { version: _old, ...content } = policy;
    const reply = await lead.call('wellness.savePolicy', { baseVersion: 1, policy: content });
    expect(reply.status).toBe(409);
    expect(reply.body.error.message).toMatch(/someone saved version 2 meanwhile/);
    expect((await lead.ok<WellnessPolicy>('wellness.policy')).version).toBe(2);
  });

  it('offline, the moderator’s workstation keeps enforcing the last version it verified', async () => {
    await moderator.close();
    const offline = await openWorkstation('http://127.0.0.1:9', world.dir, 'moderator', Date.now(), moderator.platform);
    try {
      expect((await offline.ok<WellnessStatus>('wellness.status')).policyVersion).toBe(2);
      expect((await offline.ok<ItemView>('queue.item', { itemId: image.item.id })).wellness.media[0]!.grayscaleLocked).toBe(true);
    } finally {
      await offline.close();
    }
  });
});
