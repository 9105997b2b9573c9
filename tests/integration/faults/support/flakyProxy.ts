import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { seededRandom } from '../../../unit/sync/seededRandom';

/** What the proxy may do to one request instead of passing it through untouched. */
export type Fault = 'drop' | 'error500' | 'rateLimit' | 'slow' | 'lostReply';

export interface FlakyProxyOptions {
  /** Where requests go when they are let through. */
  target: string;
  seed: number;
  /** Chance of each fault per request; whatever is left over passes cleanly. */
  faults?: Partial<Record<Fault, number>>;
  /** Seconds sent in Retry-After with a 429. */
  retryAfterSeconds?: number;
  /** Delay range of a slow reply, in ms. */
  slowMs?: [number, number];
  /** Replaces the body of a reply that passes cleanly, to play an upstream sending bad data; null keeps it. */
  rewrite?: (request: { method: string; path: string }, body: Buffer) => string | null;
  /** Answers a request itself instead of passing it on, to play an upstream failing on one entry; null passes it. */
  intercept?: (request: { method: string; path: string; body: Buffer }) => { status: number; body: unknown } | null;
}

export interface FlakyProxy {
  url: string;
  /** How many requests met each fault, plus 'pass' for clean ones and 'down' for refused while switched off. */
  counts: Record<Fault | 'pass' | 'down', number>;
  /** Switched off, every connection is cut at once: the upstream looks unreachable. */
  setDown(down: boolean): void;
  close(): Promise<void>;
}

const FAULTS: readonly Fault[] = ['drop', 'error500', 'rateLimit', 'slow', 'lostReply'];

interface Forwarded {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

function forward(target: URL, req: http.IncomingMessage, body: Buffer): Promise<Forwarded> {
  return new Promise((resolve, reject) => {
    const out = http.request(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: target.host, connection: 'close' },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      },
    );
    out.on('error', reject);
    out.end(body);
  });
}

/**
 * A seeded, misbehaving HTTP proxy on 127.0.0.1 between the workstation and the upstream. The
 * worst fault is 'lostReply': the upstream has committed the request, then the client's socket is
 * cut before the answer, so the client cannot know whether its write happened.
 */
export async function startFlakyProxy(options: FlakyProxyOptions): Promise<FlakyProxy> {
  const target = new URL(options.target);
  const random = seededRandom(options.seed);
  const [slowMin, slowMax] = options.slowMs ?? [100, 400];
  const counts: FlakyProxy['counts'] = { drop: 0, error500: 0, rateLimit: 0, slow: 0, lostReply: 0, pass: 0, down: 0 };
  let down = false;

  const pick = (): Fault | 'pass' => {
    let r = random();
    for (const fault of FAULTS) {
      const p = options.faults?.[fault] ?? 0;
      if (r < p) return fault;
      r -= p;
    }
    return 'pass';
  };

  const reply = (res: http.ServerResponse, f: Forwarded, req: http.IncomingMessage) => {
    const rewritten = options.rewrite?.({ method: req.method ?? '', path: req.url ?? '' }, f.body);
    if (rewritten != null) f = { ...f, body: Buffer.from(rewritten) };
    const headers = { ...f.headers };
    delete headers['transfer-encoding'];
    delete headers.connection;
    res.writeHead(f.status, { ...headers, 'content-length': String(f.body.length) });
    res.end(f.body);
  };

  // No idle timeout of its own: a test that blocks the event loop (a synchronous read of the whole
  // store) for longer than the 1 s margin between the server's and the client's idle timeouts would
  // otherwise have the proxy close a kept-alive socket just as the client sends on it, an ECONNRESET
  // no fault asked for. The client then closes idle sockets itself, after its own 4 s.
  const server = http.createServer({ keepAliveTimeout: 0 }, async (req, res) => {
    if (down) {
      counts.down++;
      req.socket.destroy();
      return;
    }
    const fault = pick();
    counts[fault]++;
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const intercepted = options.intercept?.({ method: req.method ?? '', path: req.url ?? '', body });
    if (intercepted) {
      res.writeHead(intercepted.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(intercepted.body));
      return;
    }
    try {
      switch (fault) {
        case 'drop':
          req.socket.destroy();
          return;
        case 'error500':
          res.writeHead(500, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ error: { code: 'internal', message: 'flaky proxy: injected 500' } }));
          return;
        case 'rateLimit':
          res.writeHead(429, { 'content-type': 'application/json', 'retry-after': String(options.retryAfterSeconds ?? 1) });
          res.end(JSON.stringify({ error: { code: 'rate_limited', message: 'flaky proxy: injected 429' } }));
          return;
        case 'slow': {
          const forwarded = await forward(target, req, body);
          await new Promise((resolve) => setTimeout(resolve, slowMin + random() * (slowMax - slowMin)));
          reply(res, forwarded, req);
          return;
        }
        case 'lostReply':
          await forward(target, req, body);
          req.socket.destroy();
          return;
        case 'pass':
          reply(res, await forward(target, req, body), req);
      }
    } catch {
      // The upstream itself is unreachable: the client sees a cut connection, as it would without a proxy.
      req.socket.destroy();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    counts,
    setDown(next) {
      down = next;
      if (next) server.closeAllConnections();
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
