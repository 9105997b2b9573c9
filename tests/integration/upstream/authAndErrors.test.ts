import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Upstream } from '../../../upstream';
import { ApiClient, backend, login, startTestUpstream } from './harness';

describe(`upstream auth, errors, policy and media (${backend})`, () => {
  let upstream: Upstream;
  let anonymous: ApiClient;
  const logLines: string[] = [];

  beforeAll(async () => {
    upstream = await startTestUpstream({ seed: 3, size: 8, log: (line) => logLines.push(line) });
    anonymous = new ApiClient(upstream.url);
  });
  afterAll(() => upstream?.close());

  test('health answers without a token', async () => {
    const reply = await anonymous.get('/health');
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ ok: true, version: '1.0.0' });
  });

  test('demo accounts list the seeded team, every role, with their demo password', async () => {
    const reply = await anonymous.get('/auth/demo-accounts');
    expect(reply.body.accounts).toEqual([
      { username: 'mod1', displayName: 'Mina Moderator', role: 'moderator', password: 'demo' },
      { username: 'mod2', displayName: 'Omar Haddad', role: 'moderator', password: 'demo' },
      { username: 'mod3', displayName: 'Lena Vogt', role: 'moderator', password: 'demo' },
      { username: 'mod4', displayName: 'Priya Nair', role: 'moderator', password: 'demo' },
      { username: 'mod5', displayName: 'Tomás Reyes', role: 'moderator', password: 'demo' },
      { username: 'supervisor1', displayName: 'Sam Supervisor', role: 'supervisor', password: 'demo' },
      { username: 'wellness1', displayName: 'Wren Wellness', role: 'wellness_lead', password: 'demo' },
    ]);
  });

  test('login returns a 64-hex token and the account', async () => {
    const reply = await anonymous.post('/auth/login', { username: 'supervisor1', password: 'demo' });
    expect(reply.status).toBe(200);
    expect(reply.body.token).toMatch(/^[0-9a-f]{64}$/);
    expect(reply.body.account).toMatchObject({ username: 'supervisor1', displayName: 'Sam Supervisor', role: 'supervisor', teamId: 'team-north' });
  });

  test.each([
    { username: 'mod1', password: 'wrong' },
    { username: 'nobody', password: 'demo' },
  ])('login with $username / $password is 401 invalid_credentials', async (credentials) => {
    const reply = await anonymous.post('/auth/login', credentials);
    expect(reply.status).toBe(401);
    expect(reply.body.error.code).toBe('invalid_credentials');
  });

  test('passwords and tokens are stored only as hashes', async () => {
    const client = await login(upstream, 'mod1');
    const accounts = await upstream.db.query<{ password_hash: string }>('SELECT password_hash FROM accounts');
    expect(accounts.every((a) => a.password_hash.startsWith('scrypt$') && !a.password_hash.includes('demo'))).toBe(true);
    const sessions = await upstream.db.query<{ token_hash: string }>('SELECT token_hash FROM sessions');
    expect(sessions.map((s) => s.token_hash)).not.toContain(client.token);
    expect(sessions.map((s) => s.token_hash)).toContain(createHash('sha256').update(client.token!).digest('hex'));
  });

  test('logout ends the session', async () => {
    const client = await login(upstream, 'wellness1');
    expect((await client.get('/policy')).status).toBe(200);
    expect((await client.post('/auth/logout')).status).toBe(204);
    const after = await client.get('/policy');
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('unauthorized');
  });

  test('missing or unknown tokens are 401', async () => {
    expect((await anonymous.get('/policy')).status).toBe(401);
    expect((await new ApiClient(upstream.url, 'f'.repeat(64)).get('/policy')).status).toBe(401);
    expect((await new ApiClient(upstream.url, 'not-a-token').post('/assignments/lease')).status).toBe(401);
  });

  test('wrong roles are 403 forbidden', async () => {
    const supervisor = await login(upstream, 'supervisor1');
    const moderator = await login(upstream, 'mod1');
    const wellness = await login(upstream, 'wellness1');
    const replies = await Promise.all([
      supervisor.post('/assignments/lease', { size: 1 }),
      wellness.post('/decisions/batch', { entries: [] }),
      moderator.get('/decisions'),
    ]);
    expect(replies.map((r) => [r.status, r.body.error.code])).toEqual([
      [403, 'forbidden'],
      [403, 'forbidden'],
      [403, 'forbidden'],
    ]);
  });

  test('unknown routes are 404 not_found, with or without a token', async () => {
    const moderator = await login(upstream, 'mod1');
    for (const reply of [await anonymous.get('/nope'), await moderator.request('DELETE', '/policy'), await moderator.get('/assignments/x/renew')]) {
      expect(reply.status).toBe(404);
      expect(reply.body.error.code).toBe('not_found');
    }
  });

  test('bad bodies are 400 bad_request naming the field', async () => {
    const moderator = await login(upstream, 'mod1');
    const supervisor = await login(upstream, 'supervisor1');
    const cases: Array<[Promise<{ status: number; body: any }>, string]> = [
      [anonymous.post('/auth/login', { username: 'mod1' }), 'password'],
      [moderator.post('/assignments/lease', { size: 0 }), 'size'],
      [moderator.post('/assignments/lease', { size: 101 }), 'size'],
      [moderator.post('/decisions/batch', { entries: [] }), 'entries'],
      [
        moderator.post('/decisions/batch', {
          entries: [
            {
              idempotencyKey: 'short',
              itemId: 'i',
              assignmentId: 'a',
              action: 'approve',
              reasonCode: null,
              note: null,
              decidedAt: new Date().toISOString(),
              supersedes: null,
            },
          ],
        }),
        'entries.0.idempotencyKey',
      ],
      [
        moderator.post('/decisions/batch', {
          entries: [
            {
              idempotencyKey: 'long-enough',
              itemId: 'i',
              assignmentId: 'a',
              action: 'ban',
              reasonCode: null,
              note: null,
              decidedAt: new Date().toISOString(),
              supersedes: null,
            },
          ],
        }),
        'entries.0.action',
      ],
      [
        moderator.post('/decisions/batch', {
          entries: [
            {
              idempotencyKey: 'long-enough',
              itemId: 'i',
              assignmentId: 'a',
              action: 'skip',
              reasonCode: null,
              note: null,
              decidedAt: 'yesterday',
              supersedes: null,
            },
          ],
        }),
        'entries.0.decidedAt',
      ],
      [moderator.request('POST', '/auth/login', undefined, '{not json'), 'body'],
      [supervisor.get('/decisions?limit=0'), 'limit'],
      [moderator.get(`/media/${'z'.repeat(64)}`), 'sha256'],
    ];
    for (const [pending, field] of cases) {
      const reply = await pending;
      expect(reply.status, field).toBe(400);
      expect(reply.body.error).toMatchObject({ code: 'bad_request', field });
      expect(reply.body.error.message).toContain(field);
    }
    expect((await anonymous.get('/health')).status).toBe(200);
  });

  test('policy has version 2 and the expected reason codes with actions', async () => {
    const policy = (await (await login(upstream, 'wellness1')).get('/policy')).body;
    expect(policy.version).toBe(2);
    const codes = policy.reasonCodes.map((r: { code: string }) => r.code);
    expect(codes).toEqual(
      expect.arrayContaining([
        'CSAE-1',
        'NUD-1',
        'SEX-1',
        'HATE-1',
        'HARASS-1',
        'VIOL-1',
        'TERR-1',
        'SPAM-1',
        'SCAM-1',
        'SELF-1',
        'GROOM-1',
        'IMP-1',
      ]),
    );
    for (const reason of policy.reasonCodes) {
      expect(reason.label.length).toBeGreaterThan(0);
      expect(reason.actions.length).toBeGreaterThan(0);
    }
  });

  test('media bytes hash to the path, with content type and ETag; unknown hash is 404', async () => {
    const moderator = await login(upstream, 'mod1');
    const items = (await moderator.post('/assignments/lease', { size: 8 })).body.assignment.items;
    const refs = items.flatMap((i: { media: { sha256: string; mimeType: string; byteLength: number }[] }) => i.media);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) {
      const reply = await moderator.get(`/media/${ref.sha256}`);
      expect(reply.status).toBe(200);
      expect(createHash('sha256').update(reply.bytes).digest('hex')).toBe(ref.sha256);
      expect(reply.bytes.length).toBe(ref.byteLength);
      expect(reply.headers.get('content-type')).toBe(ref.mimeType);
      expect(reply.headers.get('etag')).toBe(`"${ref.sha256}"`);
    }
    const cached = await fetch(`${upstream.url}/media/${refs[0].sha256}`, {
      headers: { authorization: `Bearer ${moderator.token}`, 'if-none-match': `"${refs[0].sha256}"` },
    });
    expect(cached.status).toBe(304);
    expect((await moderator.get(`/media/${'0'.repeat(64)}`)).status).toBe(404);
    expect((await anonymous.get(`/media/${refs[0].sha256}`)).status).toBe(401);
  });

  test('every request is logged as method, path, status and milliseconds', () => {
    expect(logLines).toContainEqual(expect.stringMatching(/^GET \/health 200 \d+\.\d+ms$/));
    expect(logLines).toContainEqual(expect.stringMatching(/^GET \/nope 404 \d+\.\d+ms$/));
  });
});
