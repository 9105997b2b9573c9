import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { isDataException } from '../db';
import { accountForToken } from '../domain/sessions';
import { ApiError, notFound } from '../errors';
import { readJson, sendError, sendJson } from './io';
import type { Access, RequestContext, Router, ServiceContext } from './router';

const BEARER = /^Bearer ([0-9a-f]{64})$/;

async function authenticate(service: ServiceContext, req: IncomingMessage, access: Access): Promise<Pick<RequestContext, 'account' | 'token'>> {
  if (access === 'public') return { account: null, token: null };
  const token = BEARER.exec(req.headers.authorization ?? '')?.[1] ?? null;
  const account = token ? await accountForToken(service.db, token) : null;
  if (!account) throw new ApiError(401, 'unauthorized', 'sign in first: send Authorization: Bearer <token> from POST /auth/login');
  if (access !== 'signed_in' && !access.includes(account.role)) {
    throw new ApiError(403, 'forbidden', `this needs the role ${access.join(' or ')}; you are signed in as ${account.role}`);
  }
  return { account, token };
}

async function dispatch(service: ServiceContext, router: Router, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const match = router.match(req.method ?? '', url.pathname);
  if (!match) throw notFound(`no route ${req.method} ${url.pathname}; see upstream/openapi.yaml`);
  const { route, params } = match;
  const auth = await authenticate(service, req, route.access);
  const result = await route.handle({ service, req, res, params, query: url.searchParams, ...auth, body: () => readJson(req) });
  if (res.headersSent) return;
  if (result === undefined) {
    res.writeHead(route.status ?? 204).end();
    return;
  }
  sendJson(res, route.status ?? 200, result);
}

/** node:http server over the route table; every failure becomes a JSON error, never a crash. */
export function createApiServer(service: ServiceContext, router: Router, log: (line: string) => void): Server {
  return createServer((req, res) => {
    const started = performance.now();
    const url = new URL(req.url ?? '/', 'http://upstream.invalid');
    res.on('finish', () => {
      log(`${req.method} ${url.pathname} ${res.statusCode} ${(performance.now() - started).toFixed(1)}ms`);
    });
    dispatch(service, router, req, res, url).catch((error: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (error instanceof ApiError) {
        sendError(res, error);
        return;
      }
      // Input the schemas let through but the database refuses (a NUL in a path segment, say) is the caller's to fix.
      if (isDataException(error)) {
        log(`refused ${req.method} ${url.pathname}: the database cannot store a value (${error.code}: ${error.message})`);
        sendError(
          res,
          new ApiError(
            400,
            'bad_request',
            `a value in this request cannot be stored (${error.message}); remove control characters from text and keep numbers in range`,
          ),
        );
        return;
      }
      log(`error in ${req.method} ${url.pathname}: ${(error as Error).stack ?? String(error)}`);
      sendError(res, new ApiError(500, 'internal_error', 'the server failed on this request; the log has details'));
    });
  });
}
