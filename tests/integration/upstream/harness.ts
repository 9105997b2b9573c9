import { randomBytes } from 'node:crypto';
import type { Role } from '@workstation/protocol';
import pg from 'pg';
import { createAccount, startUpstream, type Upstream, type UpstreamOptions } from '../../../upstream';

/**
 * The database is the parameter: PGlite in memory by default, or a throwaway schema on the
 * Postgres at DATABASE_URL, so the same tests prove leasing on a real multi-connection server.
 */
export const backend = process.env.DATABASE_URL ? 'postgres' : 'pglite';

type TestOptions = Omit<UpstreamOptions, 'databaseUrl' | 'dataDir' | 'host' | 'port'>;

async function withAdmin(databaseUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A fresh schema on the Postgres at DATABASE_URL: its URL (search_path set) and how to drop it. */
export async function scratchSchema(databaseUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const schema = `upstream_test_${randomBytes(6).toString('hex')}`;
  await withAdmin(databaseUrl, `CREATE SCHEMA ${schema}`);
  const scoped = new URL(databaseUrl);
  scoped.searchParams.set('options', `-c search_path=${schema}`);
  return { url: scoped.toString(), drop: () => withAdmin(databaseUrl, `DROP SCHEMA ${schema} CASCADE`) };
}

export async function startTestUpstream(options: TestOptions = {}): Promise<Upstream> {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) return startUpstream({ port: 0, ...options });
  const scratch = await scratchSchema(databaseUrl);
  const upstream = await startUpstream({ port: 0, ...options, databaseUrl: scratch.url });
  return {
    ...upstream,
    async close() {
      await upstream.close();
      await scratch.drop();
    },
  };
}

export interface Reply<T = any> {
  status: number;
  body: T;
  headers: Headers;
  bytes: Buffer;
}

export class ApiClient {
  constructor(
    readonly baseUrl: string,
    readonly token: string | null = null,
  ) {}

  async request<T = any>(method: string, path: string, body?: unknown, rawBody?: string): Promise<Reply<T>> {
    const headers: Record<string, string> = {};
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    if (body !== undefined || rawBody !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      body: rawBody ?? (body === undefined ? undefined : JSON.stringify(body)),
    });
    const bytes = Buffer.from(await response.arrayBuffer());
    const isJson = response.headers.get('content-type')?.startsWith('application/json') ?? false;
    return { status: response.status, body: isJson ? JSON.parse(bytes.toString('utf8')) : undefined, headers: response.headers, bytes };
  }

  get<T = any>(path: string): Promise<Reply<T>> {
    return this.request<T>('GET', path);
  }

  post<T = any>(path: string, body?: unknown): Promise<Reply<T>> {
    return this.request<T>('POST', path, body);
  }
}

export async function login(upstream: Upstream, username: string, password = 'demo'): Promise<ApiClient> {
  const reply = await new ApiClient(upstream.url).post('/auth/login', { username, password });
  if (reply.status !== 200) throw new Error(`login as ${username} failed with ${reply.status}: ${JSON.stringify(reply.body)}`);
  return new ApiClient(upstream.url, reply.body.token);
}

/** Extra reviewers beyond the three demo accounts, for multi-moderator scenarios. */
/** A fresh account, cleared for child-safety items unless the test says otherwise, so pool order is the demo's. */
export async function addReviewer(upstream: Upstream, username: string, role: Role = 'moderator', childSafetyCleared = true): Promise<ApiClient> {
  await createAccount(upstream.db, { username, displayName: username, role, password: 'test-password', childSafetyCleared });
  return login(upstream, username, 'test-password');
}

export interface DecisionInput {
  key: string;
  itemId: string;
  assignmentId: string;
  action: 'approve' | 'remove' | 'escalate' | 'skip';
  reasonCode?: string | null;
  supersedes?: string | null;
  decidedAt?: string;
}

export function entry(input: DecisionInput) {
  return {
    idempotencyKey: input.key,
    itemId: input.itemId,
    assignmentId: input.assignmentId,
    action: input.action,
    reasonCode: input.reasonCode ?? null,
    note: null,
    decidedAt: input.decidedAt ?? new Date().toISOString(),
    supersedes: input.supersedes ?? null,
  };
}
