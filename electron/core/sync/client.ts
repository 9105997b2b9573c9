import { createHash } from 'node:crypto';
import {
  appealListReplySchema,
  auditPageSchema,
  chainHeadSchema,
  chainHeadsReplySchema,
  correctionsReplySchema,
  deltaPageSchema,
  demoAccountsReplySchema,
  entryBatchReplySchema,
  errorBodySchema,
  leaseReplySchema,
  loginReplySchema,
  policyPreviewSchema,
  policySchema,
  releaseReplySchema,
  renewReplySchema,
  reportBatchReplySchema,
  reportListReplySchema,
  snapshotSchema,
  type AppealDecisionEntry,
  teamExposureSchema,
  wellnessPolicySchema,
  type BatchResult,
  type ChainHeadBody,
  type DecisionEntry,
  type QaEntry,
  type EnforcementUpload,
  type LeaseBody,
  type LoginBody,
  type ReportBatchResult,
  type ReportEntry,
  type ReportSummary,
  type ReleaseBody,
  type SyncKind,
  type TeamQuery,
  type WellnessDay,
  type WellnessPolicyContent,
  type WellnessPolicySaveBody,
} from '@workstation/protocol';
import type { z } from 'zod';
import { UpstreamError } from './errors';

export interface UpstreamClientOptions {
  baseUrl: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

function retryAfterMs(header: string | null): number | null {
  if (header === null) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, at - Date.now());
}

/** A batch reply must answer every uploaded entry, and only those. */
function answeringEach<R extends { idempotencyKey: string }>(entries: ReadonlyArray<{ idempotencyKey: string }>, results: R[], what: string): R[] {
  const keys = new Set(entries.map((e) => e.idempotencyKey));
  if (results.length !== entries.length || results.some((r) => !keys.has(r.idempotencyKey))) {
    throw new UpstreamError({
      kind: 'protocol',
      message: `The upstream answered ${results.length} results for ${entries.length} uploaded ${what}, or named keys it was not sent`,
    });
  }
  return results;
}

const STALE_CONNECTION_CODES = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET']);

function isStaleConnection(error: unknown): boolean {
  const cause = (error as { cause?: { code?: unknown } } | null)?.cause;
  return typeof cause?.code === 'string' && STALE_CONNECTION_CODES.has(cause.code);
}

/** Reads, and uploads of entries each under its idempotency key, which the upstream takes once however often sent. */
function replayable(method: string, body: unknown): boolean {
  return method === 'GET' || (typeof body === 'object' && body !== null && 'entries' in body);
}

/**
 * The upstream's HTTP API as typed functions. Every response is validated: a malformed reply is
 * refused as a protocol error instead of reaching the store.
 */
export function createUpstreamClient(options: UpstreamClientOptions) {
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 15_000;
  const base = options.baseUrl.replace(/\/+$/, '');

  async function request(method: string, path: string, token: string | null, body?: unknown): Promise<Response> {
    const headers: Record<string, string> = {};
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const send = () =>
      doFetch(`${base}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
    let res: Response;
    try {
      res = await send().catch((error: unknown) => {
        // A kept-alive connection the server closed as this request went out: sent again once on a
        // fresh one, where sending twice changes nothing (a read, or entries under idempotency keys).
        if (isStaleConnection(error) && replayable(method, body)) return send();
        throw error;
      });
    } catch (error) {
      throw new UpstreamError({
        kind: 'network',
        message: `The upstream at ${base} is unreachable (${method} ${path}): ${(error as Error).message}`,
      });
    }
    if (res.ok) return res;
    const text = await res.text().catch(() => '');
    let code = `http_${res.status}`;
    let message = `The upstream answered ${res.status} to ${method} ${path}`;
    let field: string | undefined;
    try {
      const parsed = errorBodySchema.safeParse(JSON.parse(text));
      if (parsed.success) {
        code = parsed.data.error.code;
        if (parsed.data.error.message) message = parsed.data.error.message;
        field = parsed.data.error.field;
      }
    } catch {
      // A non-JSON error body (a proxy's HTML page, say) keeps the status-based message above.
    }
    throw new UpstreamError({
      kind: 'http',
      status: res.status,
      code,
      message,
      retryAfterMs: retryAfterMs(res.headers.get('retry-after')),
      ...(field === undefined ? {} : { field }),
    });
  }

  async function json<T>(res: Response, schema: z.ZodType<T>, what: string): Promise<T> {
    let data: unknown;
    try {
      data = await res.json();
    } catch (error) {
      throw new UpstreamError({ kind: 'protocol', message: `The upstream sent malformed JSON for ${what}: ${(error as Error).message}` });
    }
    const parsed = schema.safeParse(data);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new UpstreamError({
        kind: 'protocol',
        message: `The upstream's ${what} is missing or has a bad field (${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'})`,
      });
    }
    return parsed.data;
  }

  return {
    baseUrl: base,
    async demoAccounts() {
      return json(await request('GET', '/auth/demo-accounts', null), demoAccountsReplySchema, 'demo account list');
    },
    async login(username: string, password: string) {
      return json(await request('POST', '/auth/login', null, { username, password } satisfies LoginBody), loginReplySchema, 'sign-in reply');
    },
    async logout(token: string): Promise<void> {
      await request('POST', '/auth/logout', token);
    },
    async policy(token: string) {
      return json(await request('GET', '/policy', token), policySchema, 'policy');
    },
    /** One page of the policy, lexicon and hash-bank change log after `cursor` (null: from the start). */
    async deltas(token: string, cursor: string | null, limit: number) {
      const query = new URLSearchParams({ limit: String(limit) });
      if (cursor !== null) query.set('cursor', cursor);
      return json(await request('GET', `/sync/deltas?${query}`, token), deltaPageSchema, 'delta page');
    },
    /** The current state of every subject of `kind` (all kinds when null), for a resync. */
    async snapshot(token: string, kind: SyncKind | null) {
      return json(await request('GET', `/sync/snapshot${kind === null ? '' : `?kind=${kind}`}`, token), snapshotSchema, 'sync snapshot');
    },
    async lease(token: string, size: number) {
      return json(await request('POST', '/assignments/lease', token, { size } satisfies LeaseBody), leaseReplySchema, 'leased batch');
    },
    async renew(token: string, assignmentId: string) {
      return json(await request('POST', `/assignments/${encodeURIComponent(assignmentId)}/renew`, token), renewReplySchema, 'lease renewal');
    },
    /** Hands undecided items of a batch back to the pool at once; answers which went back. */
    async release(token: string, assignmentId: string, itemIds: readonly string[]) {
      return json(
        await request('POST', `/assignments/${encodeURIComponent(assignmentId)}/release`, token, { itemIds: [...itemIds] } satisfies ReleaseBody),
        releaseReplySchema,
        'release reply',
      );
    },
    /** Downloads media by content hash and refuses bytes whose SHA-256 is not that hash. */
    async media(token: string, sha256: string): Promise<{ bytes: Buffer; mimeType: string }> {
      const res = await request('GET', `/media/${sha256}`, token);
      const bytes = Buffer.from(await res.arrayBuffer());
      const actual = createHash('sha256').update(bytes).digest('hex');
      if (actual !== sha256) {
        throw new UpstreamError({
          kind: 'protocol',
          message: `Media ${sha256} arrived with content hashing to ${actual}; refused as corrupt or tampered`,
        });
      }
      return { bytes, mimeType: res.headers.get('content-type') ?? 'application/octet-stream' };
    },
    async uploadDecisions(token: string, entries: readonly DecisionEntry[]): Promise<BatchResult[]> {
      const { results } = await json(await request('POST', '/decisions/batch', token, { entries }), entryBatchReplySchema, 'decision batch reply');
      return answeringEach(entries, results, 'decisions');
    },
    async uploadActions(token: string, entries: readonly EnforcementUpload[]): Promise<BatchResult[]> {
      const { results } = await json(await request('POST', '/actions/batch', token, { entries }), entryBatchReplySchema, 'action batch reply');
      return answeringEach(entries, results, 'actions');
    },
    async uploadReports(token: string, entries: readonly ReportEntry[]): Promise<ReportBatchResult[]> {
      const { results } = await json(await request('POST', '/reports/batch', token, { entries }), reportBatchReplySchema, 'report batch reply');
      return answeringEach(entries, results, 'reports');
    },
    /** One page of a team's audit log for a period; the caller verifies its checksum. */
    async auditPage(token: string, query: { teamId: string; from: string; to: string; cursor: string | null; limit: number }) {
      const params = new URLSearchParams({ teamId: query.teamId, from: query.from, to: query.to, limit: String(query.limit) });
      if (query.cursor !== null) params.set('cursor', query.cursor);
      return json(await request('GET', `/audit/log?${params}`, token), auditPageSchema, 'audit log page');
    },
    async uploadQa(token: string, entries: readonly QaEntry[]): Promise<BatchResult[]> {
      const { results } = await json(await request('POST', '/audit/qa/batch', token, { entries }), entryBatchReplySchema, 'QA batch reply');
      return answeringEach(entries, results, 'QA results');
    },
    async uploadAppealOutcomes(token: string, entries: readonly AppealDecisionEntry[]): Promise<BatchResult[]> {
      const { results } = await json(await request('POST', '/audit/appeals/batch', token, { entries }), entryBatchReplySchema, 'appeal batch reply');
      return answeringEach(entries, results, 'appeal outcomes');
    },
    async appeals(token: string, teamId: string) {
      return json(await request('GET', `/appeals?teamId=${encodeURIComponent(teamId)}`, token), appealListReplySchema, 'appeal list');
    },
    async reportChainHead(token: string, head: ChainHeadBody) {
      return json(await request('POST', '/audit/chain-head', token, head), chainHeadSchema, 'chain head reply');
    },
    async chainHeads(token: string, teamId: string) {
      return json(await request('GET', `/audit/chain-heads?teamId=${encodeURIComponent(teamId)}`, token), chainHeadsReplySchema, 'chain heads');
    },
    /** Corrections of the signed-in moderator's decisions after seq `since`. */
    async corrections(token: string, since: number, limit: number) {
      return json(await request('GET', `/corrections?since=${since}&limit=${limit}`, token), correctionsReplySchema, 'corrections');
    },
    async uploadWellnessDays(token: string, entries: readonly WellnessDay[]): Promise<BatchResult[]> {
      const { results } = await json(
        await request('POST', '/wellness/aggregates', token, { entries }),
        entryBatchReplySchema,
        'aggregate batch reply',
      );
      return answeringEach(entries, results, 'daily aggregates');
    },
    async wellnessPolicy(token: string) {
      return json(await request('GET', '/wellness/policy', token), wellnessPolicySchema, 'wellness policy');
    },
    async saveWellnessPolicy(token: string, body: WellnessPolicySaveBody) {
      return json(await request('POST', '/wellness/policy', token, body), wellnessPolicySchema, 'saved wellness policy');
    },
    async previewWellnessPolicy(token: string, policy: WellnessPolicyContent) {
      return json(await request('POST', '/wellness/policy/preview', token, { policy }), policyPreviewSchema, 'policy preview');
    },
    /** The team's aggregates by day and harm category, for a wellness lead or supervisor of that team. */
    async team(token: string, query: TeamQuery) {
      return json(await request('GET', `/wellness/team?${new URLSearchParams(query)}`, token), teamExposureSchema, 'team aggregates');
    },
    /** The signed-in moderator's own reports with their status, newest first. */
    async ownReports(token: string, limit: number): Promise<ReportSummary[]> {
      const { reports } = await json(await request('GET', `/reports?limit=${limit}`, token), reportListReplySchema, 'report list');
      return reports;
    },
  };
}

export type UpstreamClient = ReturnType<typeof createUpstreamClient>;
