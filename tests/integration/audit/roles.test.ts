import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, type CallName, type Role } from '../../../electron/api';
import { createCore, type Core } from '../../../electron/core';
import { createTestPlatform } from '../../../electron/core/platform/testing';
import { startWebHost, type WebHost } from '../../../electron/web';
import { startUpstream, type Upstream } from '../../../upstream';
import { tempDir } from '../../unit/store/fixtures';
import { openDbFile, storeRootKeyOf } from '../../support/storeFile';

const DAY = 86_400_000;
const period = { from: new Date(Date.now() - 30 * DAY).toISOString(), to: new Date(Date.now() + DAY).toISOString() };

/** Each new call with an input its own role could send; refusals for the role must come before the input is looked at. */
const INPUTS: Partial<Record<CallName, unknown>> = {
  'audit.download': period,
  'audit.status': {},
  'audit.log': { limit: 5 },
  'audit.detail': { decisionId: 'hist-d-000001' },
  'qa.draw': { seed: 1, size: 3, mode: 'random' },
  'qa.samples': {},
  'qa.sample': { sampleId: 'none' },
  'qa.item': { sampleId: 'none', decisionId: 'none' },
  'qa.record': { sampleId: 'none', decisionId: 'none', action: 'approve', reasonCode: null, note: null },
  'qa.verdict': { sampleId: 'none', decisionId: 'none', verdict: 'agree', reason: null },
  'audit.agreement': {},
  'appeals.list': {},
  'appeals.decide': { appealId: 'none', outcome: 'upheld', reason: 'Stands.' },
  'chain.verify': {},
  'audit.verifyTeam': {},
  'audit.exportCsv': {},
  'audit.exportPdf': {},
  'audit.exportBundle': {},
  'corrections.mine': {},
  'corrections.seen': {},
};
const NEW_CALLS = Object.keys(INPUTS) as CallName[];

let tmp: ReturnType<typeof tempDir>;
let upstream: Upstream;
let core: Core;
let host: WebHost;
let dbFile: string;
let rootKey: string;

async function call(name: string, input: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(`${host.url}/api/${name}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${host.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(input),
  });
  const json = (await res.json()) as { error?: unknown };
  return { status: res.status, body: res.ok ? json : json.error };
}

async function signInAs(username: string | null): Promise<void> {
  await call('session.logout', {});
  if (username !== null) expect((await call('session.login', { username, password: 'demo' })).status).toBe(200);
}

/** What the refused calls must not have touched. */
function written(): string {
  const db = openDbFile(dbFile, rootKey);
  try {
    const count = (table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    return ['outbox', 'team_decisions', 'qa_samples', 'qa_sample_items', 'team_appeals', 'audit_periods', 'my_corrections']
      .map((t) => `${t}=${count(t)}`)
      .join(' ');
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  tmp = tempDir('audit-roles');
  const dataDir = path.join(tmp.dir, 'data');
  dbFile = path.join(dataDir, 'workstation.db');
  mkdirSync(path.join(tmp.dir, 'static'), { recursive: true });
  writeFileSync(path.join(tmp.dir, 'static', 'index.html'), '<!doctype html><title>t</title>');
  upstream = await startUpstream({ port: 0, size: 8, seed: 2, auditHistory: 400 });
  const platform = createTestPlatform(dataDir);
  core = await createCore({ platform, upstreamUrl: upstream.url, syncPollMs: 3_600_000 });
  rootKey = await storeRootKeyOf(platform.keychain);
  host = await startWebHost({ core, staticDir: path.join(tmp.dir, 'static'), log: () => {} });
});

afterAll(async () => {
  await host?.close();
  await core?.close();
  await upstream?.close();
  tmp?.remove();
});

describe('the audit calls over the web transport', () => {
  const accounts: Array<[Role | null, string | null]> = [
    [null, null],
    ['moderator', 'mod1'],
    ['wellness_lead', 'wellness1'],
    ['supervisor', 'supervisor1'],
  ];

  it.each(accounts)(
    '%s: every new call is refused or allowed exactly as the contract says, and a refused call writes nothing',
    async (role, username) => {
      await signInAs(username);
      for (const name of NEW_CALLS) {
        const access = contract[name].access;
        const before = written();
        const { status, body } = await call(name, INPUTS[name]);
        if (role === null) {
          expect([name, status]).toEqual([name, 401]);
        } else if (access !== 'public' && !access.includes(role)) {
          expect([name, status, body.code]).toEqual([name, 403, 'forbidden']);
          expect(body.message).toContain(name);
        } else {
          expect(
            [401, 403].includes(status) && body.code === 'forbidden' && String(body.message).includes('role'),
            `${name} answered ${status} ${JSON.stringify(body)}`,
          ).toBe(false);
          continue;
        }
        expect(written(), `${name} as ${role}`).toBe(before);
      }
    },
  );

  it('shows a supervisor a sampled decision blind until the re-review is recorded', async () => {
    await signInAs('supervisor1');
    expect((await call('audit.download', period)).status).toBe(200);
    const sample = (await call('qa.draw', { seed: 11, size: 5, mode: 'random' })).body as { id: string; items: Array<{ decisionId: string }> };
    const ref = { sampleId: sample.id, decisionId: sample.items[0]!.decisionId };
    const blind = await call('qa.item', ref);
    expect(blind.status).toBe(200);
    expect(blind.body.original).toBeNull();
    expect(blind.body.review).toBeNull();
    // Nothing of the original travels with the blind view: not its action, reason, note or moderator.
    const stored = openDbFile(dbFile, rootKey).prepare('SELECT moderator_id, note FROM team_decisions WHERE id = ?').get(ref.decisionId) as {
      moderator_id: string;
      note: string | null;
    };
    expect(JSON.stringify(blind.body)).not.toContain(stored.moderator_id);
    if (stored.note) expect(JSON.stringify(blind.body)).not.toContain(stored.note);

    const recorded = await call('qa.record', { ...ref, action: 'approve', reasonCode: null, note: null });
    expect(recorded.status).toBe(200);
    expect(recorded.body.original).toMatchObject({ action: expect.any(String), moderatorName: expect.any(String) });
    const noReason = await call('qa.verdict', { ...ref, verdict: 'overturn', reason: null });
    expect([noReason.status, noReason.body.field]).toEqual([400, 'reason']);
  });

  it('answers a malformed filter with a 400 naming the field', async () => {
    await signInAs('supervisor1');
    const bad = await call('audit.log', { filter: { classifierBand: 'extreme' } });
    expect([bad.status, bad.body.field]).toEqual([400, 'filter.classifierBand']);
    const extra = await call('audit.log', { filter: { colour: 'red' } });
    expect(extra.status).toBe(400);
  });
});
