import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Account, ApiError } from '../../../electron/api';
import { checkAccess, createSessions } from '../../../electron/core/auth';
import { createTestPlatform } from '../../../electron/core/platform/testing';
import { openStore, type Store } from '../../../electron/core/store';
import { createUpstreamClient } from '../../../electron/core/sync';
import { tempDir } from '../store/fixtures';
import { json, startLocalServer, type LocalServer } from '../sync/localServer';

const moderator: Account = { id: 'acc-mod', username: 'mod1', displayName: 'Mina', role: 'moderator', teamId: 'team-1', childSafetyCleared: true };
const supervisor: Account = {
  id: 'acc-sup',
  username: 'supervisor1',
  displayName: 'Sam',
  role: 'supervisor',
  teamId: 'team-1',
  childSafetyCleared: true,
};

/** The ApiError a call throws, failing the test when it throws nothing or something else. */
function thrown(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    return error as ApiError;
  }
  throw new Error('expected an ApiError, nothing was thrown');
}

describe('checkAccess', () => {
  it('lets anyone make a public call, signed in or not', () => {
    expect(() => checkAccess('public', null, 'session.login')).not.toThrow();
    expect(() => checkAccess('public', supervisor, 'session.login')).not.toThrow();
  });

  it('refuses an anonymous caller of a role-bound call as unauthenticated', () => {
    const error = thrown(() => checkAccess(['moderator'], null, 'review.decide'));
    expect(error.code).toBe('unauthenticated');
    expect(error.message).toBe('Sign in to use review.decide.');
  });

  it('refuses the wrong role as forbidden, naming the allowed roles and the caller’s role', () => {
    const error = thrown(() => checkAccess(['moderator', 'wellness_lead'], supervisor, 'review.decide'));
    expect(error.code).toBe('forbidden');
    expect(error.message).toBe('review.decide is for moderator or wellness_lead accounts; supervisor1 is signed in as supervisor.');
  });

  it('lets an allowed role through', () => {
    expect(() => checkAccess(['moderator'], moderator, 'review.decide')).not.toThrow();
    expect(() => checkAccess(['moderator', 'supervisor'], supervisor, 'sync.status')).not.toThrow();
  });
});

describe('sessions', () => {
  let server: LocalServer;
  let tmp: ReturnType<typeof tempDir>;
  let store: Store;
  let platform: ReturnType<typeof createTestPlatform>;
  let issued = 0;

  beforeAll(async () => {
    server = await startLocalServer((req, res) => {
      if (req.path === '/auth/login') {
        const { username, password } = req.body as { username: string; password: string };
        if (username !== 'mod1' || password !== 'demo') return json(res, 401, { error: { code: 'unauthenticated', message: 'no' } });
        issued++;
        return json(res, 200, { token: `tok-${issued}`, account: moderator });
      }
      if (req.path === '/auth/logout') return json(res, 200, { ok: true });
      json(res, 404, { error: { code: 'not_found', message: req.path } });
    });
  });

  afterAll(() => server.close());

  beforeEach(() => {
    tmp = tempDir('auth');
    store = openStore(path.join(tmp.dir, 'workstation.db'));
    platform = createTestPlatform(tmp.dir);
  });

  afterEach(() => {
    store.close();
    tmp.remove();
  });

  const sessionsFor = (baseUrl = server.url) =>
    createSessions({ store, client: createUpstreamClient({ baseUrl }), keychain: platform.keychain, log: platform.log });

  it('restores nothing on a fresh workstation', async () => {
    const sessions = sessionsFor();
    expect(await sessions.restore()).toBeNull();
    expect(sessions.current()).toBeNull();
  });

  it('signs in, keeps the token in the keychain and the account in the store, and restores both after a restart', async () => {
    const first = sessionsFor();
    const session = await first.login('mod1', 'demo');
    expect(session).toEqual({ account: moderator, token: 'tok-1' });
    expect(await platform.keychain.get('upstream-token')).toBe('tok-1');
    expect(JSON.parse(store.setting('session.account') ?? 'null')).toEqual(moderator);

    const afterRestart = sessionsFor();
    expect(await afterRestart.restore()).toEqual({ account: moderator, token: 'tok-1' });
    expect(afterRestart.current()).toEqual({ account: moderator, token: 'tok-1' });
  });

  it('restores nothing when either half is missing', async () => {
    await sessionsFor().login('mod1', 'demo');
    await platform.keychain.delete('upstream-token');
    expect(await sessionsFor().restore()).toBeNull();

    await platform.keychain.set('upstream-token', 'tok-x');
    store.deleteSetting('session.account');
    expect(await sessionsFor().restore()).toBeNull();
  });

  it('signs out a stored account it cannot read instead of failing to start', async () => {
    await platform.keychain.set('upstream-token', 'tok-x');
    for (const unreadable of ['{"id": 1}', '{not json']) {
      store.putSetting('session.account', unreadable);
      expect(await sessionsFor().restore()).toBeNull();
      expect(store.setting('session.account')).toBeNull();
    }
    expect(platform.lines.filter((l) => l.includes('stored session is unreadable'))).toHaveLength(2);
  });

  it('logout clears the keychain and the store and tells the upstream', async () => {
    const sessions = sessionsFor();
    await sessions.login('mod1', 'demo');
    await sessions.logout();

    expect(sessions.current()).toBeNull();
    expect(await platform.keychain.get('upstream-token')).toBeNull();
    expect(store.setting('session.account')).toBeNull();
    expect(server.seen.at(-1)).toMatchObject({ method: 'POST', path: '/auth/logout', authorization: `Bearer tok-${issued}` });
    expect(await sessionsFor().restore()).toBeNull();
  });

  it('logout still closes the local session when the upstream is unreachable', async () => {
    const sessions = sessionsFor();
    await sessions.login('mod1', 'demo');
    const offline = sessionsFor('http://127.0.0.1:9');
    await offline.restore();
    await offline.logout();
    expect(await platform.keychain.get('upstream-token')).toBeNull();
    expect(store.setting('session.account')).toBeNull();
    expect(platform.lines.some((l) => l.includes('upstream sign-out of mod1 failed; the local session is closed anyway'))).toBe(true);
  });

  it('maps a wrong password to unauthenticated on the password field, and stores nothing', async () => {
    const error = await sessionsFor()
      .login('mod1', 'wrong')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).toBody()).toEqual({ code: 'unauthenticated', message: 'Wrong username or password.', field: 'password' });
    expect(await platform.keychain.get('upstream-token')).toBeNull();
    expect(store.setting('session.account')).toBeNull();
  });

  it('maps an unreachable upstream to upstream_unavailable', async () => {
    const error = await sessionsFor('http://127.0.0.1:9')
      .login('mod1', 'demo')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('upstream_unavailable');
    expect((error as ApiError).message).toMatch(/^Cannot sign in: The upstream at http:\/\/127\.0\.0\.1:9 is unreachable/);
  });

  it('locks a session left idle, refuses calls with a notice that says so, and opens again on sign-in', async () => {
    let now = Date.parse('2026-11-30T08:00:00Z');
    const sessions = createSessions({
      store,
      client: createUpstreamClient({ baseUrl: server.url }),
      keychain: platform.keychain,
      log: platform.log,
      clock: () => new Date(now),
      idleLockMs: 60_000,
    });
    await sessions.login('mod1', 'demo');
    now += 59_000;
    sessions.touch();
    now += 59_000;
    expect(sessions.current()?.account).toEqual(moderator);
    expect(sessions.lockNotice()).toBeNull();
    now += 2_000;
    expect(sessions.current()).toBeNull();
    expect(sessions.lockNotice()).toBe(
      'The session of mod1 was locked after 1 minutes without activity; sign in again to continue (uploads went on meanwhile).',
    );
    // A call while locked does not reopen it.
    sessions.touch();
    expect(sessions.current()).toBeNull();
    await sessions.login('mod1', 'demo');
    expect(sessions.current()?.account).toEqual(moderator);
  });

  it('pauses sign-in for a username after five wrong passwords, without asking the upstream again', async () => {
    const sessions = sessionsFor();
    for (let i = 0; i < 5; i++) await sessions.login('mod1', 'wrong').catch(() => undefined);
    const asked = server.seen.length;
    const error = await sessions.login('mod1', 'demo').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'too_many_requests', field: 'username' });
    expect(server.seen).toHaveLength(asked);
  });
});
