import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Account, Role } from '@workstation/protocol';
import type { Db } from '../db';

export type HttpMethod = 'GET' | 'POST';

/** 'public' needs no token, 'signed_in' any role, otherwise the listed roles only. */
export type Access = 'public' | 'signed_in' | readonly Role[];

export interface ServiceContext {
  db: Db;
  leaseSeconds: number;
  demo: boolean;
}

export interface RequestContext {
  service: ServiceContext;
  req: IncomingMessage;
  res: ServerResponse;
  params: Record<string, string>;
  query: URLSearchParams;
  /** Set whenever access is not 'public'. */
  account: Account | null;
  token: string | null;
  body(): Promise<unknown>;
}

/** A handler either returns a JSON body (sent with `status`) or writes the response itself. */
export type Handler = (ctx: RequestContext) => Promise<unknown>;

export interface Route {
  method: HttpMethod;
  /** OpenAPI template syntax, e.g. /assignments/{id}/renew, so the spec check compares strings. */
  path: string;
  access: Access;
  status?: number;
  handle: Handler;
}

interface CompiledRoute {
  route: Route;
  pattern: RegExp;
  names: string[];
}

export interface RouteMatch {
  route: Route;
  params: Record<string, string>;
}

// A malformed escape is left as typed: it then simply matches nothing (404), not a crash.
function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export class Router {
  private readonly compiled: CompiledRoute[];

  constructor(readonly routes: readonly Route[]) {
    this.compiled = routes.map((route) => {
      const names: string[] = [];
      const source = route.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{(\w+)\}/g, (_, name: string) => {
        names.push(name);
        return '([^/]+)';
      });
      return { route, pattern: new RegExp(`^${source}$`), names };
    });
  }

  match(method: string, pathname: string): RouteMatch | null {
    for (const { route, pattern, names } of this.compiled) {
      if (route.method !== method) continue;
      const found = pattern.exec(pathname);
      if (!found) continue;
      const params: Record<string, string> = {};
      names.forEach((name, i) => {
        params[name] = safeDecode(found[i + 1]!);
      });
      return { route, params };
    }
    return null;
  }
}
