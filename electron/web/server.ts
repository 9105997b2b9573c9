import { randomBytes, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { ApiError, httpStatusOf, previewRequestOf } from '../api';
import type { Core } from '../core';
import { contentSecurityPolicy } from './csp';
import { createRateLimit } from './rateLimit';
import { readStatic } from './staticFiles';

export interface WebHostOptions {
  core: Pick<Core, 'dispatch' | 'preview' | 'subscribe'>;
  /** The built renderer (out/renderer). */
  staticDir: string;
  port?: number;
  log: (line: string) => void;
  /** Fixed for tests; otherwise random per launch. */
  token?: string;
  rateLimit?: { capacity: number; perSecond: number };
}

/** A shift's heaviest bursts (a batch's previews, a lens following the pointer) stay well inside this. */
const DEFAULT_RATE_LIMIT = { capacity: 600, perSecond: 100 };

export interface WebHost {
  url: string;
  origin: string;
  token: string;
  /** The URL to open: the token rides in the fragment, which browsers never send to a server. */
  launchUrl: string;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 1024 * 1024;
const HOST = '127.0.0.1';

class HttpRefusal extends Error {
  constructor(readonly error: ApiError) {
    super(error.message);
  }
}

function tokenMatches(expected: Buffer, token: string | undefined | null): boolean {
  const presented = Buffer.from(token ?? '', 'utf8');
  return presented.length === expected.length && timingSafeEqual(presented, expected);
}

/** The token of an `Authorization: Bearer <token>` header (RFC 6750); anything else presents none. */
function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer ([^\s]+)$/.exec(header ?? '');
  return match ? match[1]! : null;
}

/** One percent-encoded path segment, decoded; a malformed escape is the client's error, not ours. */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new HttpRefusal(new ApiError('bad_request', `The request path has a malformed escape: ${segment}`));
  }
}

async function readJson(req: http.IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new HttpRefusal(new ApiError('bad_request', `The request body is larger than ${MAX_BODY_BYTES} bytes.`));
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HttpRefusal(new ApiError('bad_request', 'The request body is not valid JSON.'));
  }
}

/**
 * The browser-mode transport: the same API as the Electron IPC, as HTTP POST per call plus a
 * WebSocket for events, on 127.0.0.1 only. Every API request must carry the per-launch token and,
 * when a browser sends one, the host's own Origin; the Host header is checked against DNS rebinding.
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = options.token ?? randomBytes(32).toString('hex');
  const rateLimit = createRateLimit(options.rateLimit ?? DEFAULT_RATE_LIMIT);
  const expected = Buffer.from(token, 'utf8');
  const { core, log } = options;
  let origin = '';
  let csp = '';

  const send = (res: http.ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
    res.end(JSON.stringify(body));
  };
  const refuse = (res: http.ServerResponse, error: ApiError) => send(res, httpStatusOf[error.code], { error: error.toBody() });

  function guard(req: http.IncomingMessage): void {
    const host = req.headers.host;
    if (host !== origin.replace(/^http:\/\//, '')) {
      throw new HttpRefusal(new ApiError('forbidden', `Requests must be addressed to ${origin}.`));
    }
    const requestOrigin = req.headers.origin;
    if (requestOrigin !== undefined && requestOrigin !== origin) {
      throw new HttpRefusal(new ApiError('forbidden', `Origin ${requestOrigin} may not call this workstation.`));
    }
  }

  function authenticate(req: http.IncomingMessage): void {
    if (!tokenMatches(expected, bearerToken(req.headers.authorization))) {
      throw new HttpRefusal(new ApiError('unauthenticated', 'Missing or wrong workstation token: open the URL the host printed.'));
    }
    if (!rateLimit.take()) {
      throw new HttpRefusal(new ApiError('too_many_requests', 'Too many requests from this window in a short time; wait a moment and try again.'));
    }
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', origin);
    if (url.pathname.startsWith('/api/')) {
      guard(req);
      if (req.method !== 'POST') throw new HttpRefusal(new ApiError('not_found', `API calls are POST; got ${req.method}.`));
      authenticate(req);
      const name = decodeSegment(url.pathname.slice('/api/'.length));
      const input = await readJson(req);
      const output = await core.dispatch(name, input);
      send(res, 200, output);
      // A signed-out window must not go on hearing the workstation's events.
      if (name === 'session.logout') for (const client of wss.clients) client.close(1000, 'signed out');
      return;
    }
    if (url.pathname.startsWith('/preview/')) {
      guard(req);
      authenticate(req);
      const image = await core.preview(previewRequestOf(url.pathname.slice('/preview/'.length), url.searchParams));
      res.writeHead(200, { 'content-type': image.mimeType, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
      res.end(image.bytes);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') throw new HttpRefusal(new ApiError('not_found', 'Not found.'));
    const file = await readStatic(options.staticDir, url.pathname);
    if (!file) throw new HttpRefusal(new ApiError('not_found', `No such file: ${url.pathname}`));
    res.writeHead(200, {
      'content-type': file.type,
      'content-security-policy': csp,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-cache',
    });
    res.end(req.method === 'HEAD' ? undefined : file.body);
  }

  const server = http.createServer((req, res) => {
    const started = Date.now();
    handle(req, res)
      .catch((error: unknown) => {
        const apiError =
          error instanceof HttpRefusal ? error.error : error instanceof ApiError ? error : new ApiError('internal', (error as Error).message);
        if (apiError.code === 'internal') log(`[web] ${req.method} ${req.url?.split('?')[0]} failed: ${(error as Error).stack ?? String(error)}`);
        if (!res.headersSent) refuse(res, apiError);
        else res.destroy();
      })
      .finally(() => {
        if (req.url?.startsWith('/api/') || res.statusCode >= 400) {
          log(`[web] ${req.method} ${req.url?.split('?')[0]} ${res.statusCode} ${Date.now() - started}ms`);
        }
      });
  });

  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', origin);
    const allowed =
      url.pathname === '/events' &&
      req.headers.host === origin.replace(/^http:\/\//, '') &&
      (req.headers.origin === undefined || req.headers.origin === origin) &&
      tokenMatches(expected, url.searchParams.get('token'));
    if (!allowed) {
      log(`[web] refused a WebSocket upgrade to ${url.pathname} from origin ${req.headers.origin ?? 'none'}`);
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const unsubscribe = core.subscribe((event) => ws.send(JSON.stringify(event)));
      ws.on('close', unsubscribe);
      ws.on('error', (error) => log(`[web] event socket error: ${error.message}`));
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, HOST, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://${HOST}:${port}`;
  csp = contentSecurityPolicy([`ws://${HOST}:${port}`]);
  return {
    url: origin,
    origin,
    token,
    launchUrl: `${origin}/#token=${token}`,
    async close() {
      for (const client of wss.clients) client.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
