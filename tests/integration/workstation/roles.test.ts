/**
 * The role matrix, table-driven over every call of the contract (new calls join it by being in the
 * contract): each call, made by each kind of person — signed out, a cleared moderator, an uncleared
 * moderator, a supervisor, a wellness lead — with an input derived from the call's schema. A call
 * the role may not make is refused before anything else: 401 signed out, 403 naming the role
 * otherwise, and nothing is written. A call the role may make is never refused for the role.
 */
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ApiError, type CallName, contract, type Role } from '../../../electron/api';
import { createCore, type Core } from '../../../electron/core';
import { createTestPlatform } from '../../../electron/core/platform/testing';
import { startUpstream, type Upstream } from '../../../upstream';
import { plausible } from '../../support/schemaSamples';
import { rowCounts, storeRootKeyOf } from '../../support/storeFile';
import { tempDir } from '../../unit/store/fixtures';

const WRITTEN_TABLES = ['decisions', 'outbox', 'enforcement_actions', 'escalation_drafts', 'reveal_log'];
const PEOPLE: ReadonlyArray<{ who: string; username: string | null; role: Role | null }> = [
  { who: 'signed out', username: null, role: null },
  { who: 'cleared moderator', username: 'mod1', role: 'moderator' },
  { who: 'uncleared moderator', username: 'mod2', role: 'moderator' },
  { who: 'supervisor', username: 'supervisor1', role: 'supervisor' },
  { who: 'wellness lead', username: 'wellness1', role: 'wellness_lead' },
];
/** Calls whose success changes who is signed in: made last for each person, or not at all. */
const SESSION_CALLS = new Set<CallName>(['session.login', 'session.logout']);

let tmp: ReturnType<typeof tempDir>;
let upstream: Upstream;
let core: Core;
let dbFile: string;
let rootKey: string;

beforeAll(async () => {
  tmp = tempDir('roles');
  dbFile = path.join(tmp.dir, 'data', 'workstation.db');
  upstream = await startUpstream({ port: 0, size: 12, seed: 2 });
  const platform = createTestPlatform(path.join(tmp.dir, 'data'));
  core = await createCore({ platform, upstreamUrl: upstream.url, dbFile, syncPollMs: 3_600_000 });
  rootKey = await storeRootKeyOf(platform.keychain);
});

afterAll(async () => {
  await core?.close();
  await upstream?.close();
  tmp?.remove();
});

it('refuses every call to every role the contract does not name, and never refuses a named one for its role', async () => {
  const names = (Object.keys(contract) as CallName[]).filter((name) => !SESSION_CALLS.has(name));
  const table: string[] = [];
  let cells = 0;
  for (const person of PEOPLE) {
    if (person.username) await core.dispatch('session.login', { username: person.username, password: 'demo' });
    for (const name of names) {
      const { access } = contract[name];
      const allowed = access === 'public' || (person.role !== null && access.includes(person.role));
      const before = rowCounts(dbFile, rootKey, WRITTEN_TABLES);
      const outcome = await core.dispatch(name, plausible(contract[name].input)).then(
        () => 'ok',
        (error: unknown) => (error instanceof ApiError ? error : new ApiError('internal', String(error))),
      );
      cells++;
      if (allowed) {
        // Other refusals (no batch yet, unknown item) are fine; one for the role is not.
        if (outcome instanceof ApiError) {
          expect(outcome.code, `${name} for ${person.who}: ${outcome.message}`).not.toBe('internal');
          expect(outcome.message, `${name} for ${person.who}`).not.toMatch(/accounts; .* is signed in as/);
          if (person.role !== null) expect(outcome.code, `${name} for ${person.who}`).not.toBe('unauthenticated');
        }
      } else {
        expect(outcome, `${name} for ${person.who}`).toBeInstanceOf(ApiError);
        const error = outcome as ApiError;
        expect(error.code, `${name} for ${person.who}`).toBe(person.role === null ? 'unauthenticated' : 'forbidden');
        if (person.role !== null) expect(error.message).toContain(`signed in as ${person.role}`);
        expect(rowCounts(dbFile, rootKey, WRITTEN_TABLES), `${name} for ${person.who} wrote`).toEqual(before);
      }
      table.push(`${name.padEnd(28)} ${person.who.padEnd(20)} ${allowed ? 'allowed' : 'refused'}`);
    }
    if (person.username) await core.dispatch('session.logout', {});
  }
  console.log(`[roles] ${cells} cells (${names.length} calls x ${PEOPLE.length} people)`);
  expect(cells).toBe(names.length * PEOPLE.length);
}, 180_000);
