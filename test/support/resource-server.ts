import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import { apiErrorBody, insufficientScopeBody, unauthorized, type PeerKind, type TokenProblem } from './api-errors';
import { closeServer, listenOnLoopback, readBody, sleep } from './http-utils';
import { isDelayOnly, playFault, type Fault } from './peer-faults';

/** Who the peer signs in; `sub` doubles as the Spotify user id. */
export interface PeerAccount {
  sub: string;
  email: string;
  name: string;
  country?: string;
  product?: 'premium' | 'free' | 'open';
}

/** A live access token, as the resource server resolved it. */
export interface TokenInfo {
  token: string;
  accountId: string;
  clientId: string;
  scopes: string[];
  /** Epoch seconds. */
  expiresAt: number;
}

export type TokenLookup = (token: string) => Promise<TokenInfo | TokenProblem>;

export interface ApiRequest {
  method: string;
  path: string;
  url: URL;
  query: URLSearchParams;
  /** Values of `:name` segments of the route's path. */
  params: Record<string, string>;
  headers: IncomingHttpHeaders;
  body: string;
  /** The live token presented, or null (only on routes registered with `auth: false`). */
  token: TokenInfo | null;
  /** The token's account (null when no live token). */
  account: PeerAccount | null;
  /** Where this server answers, e.g. to build `href`s. */
  baseUrl: string;
  req: IncomingMessage;
  res: ServerResponse;
}

export interface ApiReply {
  status?: number;
  headers?: Record<string, string>;
  /** Sent as JSON; ignored when `body` is given. */
  json?: unknown;
  body?: string | Buffer;
}

/** Returns the reply, or undefined after answering on `request.res` itself (streams). */
export type ApiHandler = (request: ApiRequest) => ApiReply | undefined | Promise<ApiReply | undefined>;

export interface RouteOptions {
  /** Demand a live bearer token (default true). */
  auth?: boolean;
  /** Any one of these scopes suffices; none listed: any live token. */
  scopes?: string[];
}

/** A scripted answer: a Fault plus the `Retry-After` header rate limits carry. */
export interface ScriptedAnswer extends Fault {
  retryAfter?: string;
}

export interface ApiRequestRecord {
  method: string;
  path: string;
  query: string;
  /** The bearer token presented, or null. */
  token: string | null;
  authorized: boolean;
  scripted: boolean;
  status?: number;
  at: number;
}

export interface ResourceServer {
  readonly baseUrl: string;
  /** Adds a route; a later route for the same method and path wins over an earlier one. */
  route(method: string, path: string, handler: ApiHandler, options?: RouteOptions): void;
  /** The next requests to `path` (exact pathname) get these answers in order, then normal ones. */
  next(path: string, answers: ScriptedAnswer[]): void;
  readonly requests: ApiRequestRecord[];
  /** Every bearer token presented, live or not. */
  readonly seenTokens: Set<string>;
  /** Requests to this pathname so far. */
  count(path: string): number;
  /** Forgets requests, seen tokens and pending scripted answers. */
  reset(): void;
  close(): Promise<void>;
}

interface Route {
  method: string;
  pattern: RegExp;
  names: string[];
  handler: ApiHandler;
  options: RouteOptions;
}

function compile(path: string): { pattern: RegExp; names: string[] } {
  const names: string[] = [];
  const source = path
    .split('/')
    .map((segment) => {
      if (segment.startsWith(':')) {
        names.push(segment.slice(1));
        return '([^/]+)';
      }
      if (segment === '*') {
        names.push('rest');
        return '(.*)';
      }
      return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  return { pattern: new RegExp(`^${source}$`), names };
}

function bearerOf(headers: IncomingHttpHeaders): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(headers.authorization ?? '');
  return match?.[1] ?? null;
}

export async function startResourceServer(options: {
  kind: PeerKind;
  lookupToken: TokenLookup;
  accountFor: (sub: string) => PeerAccount | undefined;
}): Promise<ResourceServer> {
  const { kind } = options;
  const routes: Route[] = [];
  const scripted = new Map<string, ScriptedAnswer[]>();
  const requests: ApiRequestRecord[] = [];
  const seenTokens = new Set<string>();
  let baseUrl = '';

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', baseUrl);
    const method = (req.method ?? 'GET').toUpperCase();
    const bearer = bearerOf(req.headers);
    if (bearer) seenTokens.add(bearer);
    const lookup: TokenInfo | TokenProblem = bearer ? await options.lookupToken(bearer) : 'missing';
    const token = typeof lookup === 'string' ? null : lookup;
    const record: ApiRequestRecord = {
      method,
      path: url.pathname,
      query: url.search,
      token: bearer,
      authorized: token !== null,
      scripted: false,
      at: Date.now(),
    };
    requests.push(record);
    res.on('finish', () => {
      record.status = res.statusCode;
    });

    const answer = scripted.get(url.pathname)?.shift();
    if (answer && !isDelayOnly(answer)) {
      record.scripted = true;
      const headers = { ...answer.headers, ...(answer.retryAfter ? { 'retry-after': answer.retryAfter } : {}) };
      await playFault(res, { ...answer, headers }, apiErrorBody(kind, answer.status ?? 500));
      return;
    }
    if (answer?.delayMs) await sleep(answer.delayMs);

    const found = findRoute(method, url.pathname);
    if (!found) {
      reply(res, { status: 404, json: apiErrorBody(kind, 404) });
      return;
    }
    const { route, params } = found;
    if (route.options.auth !== false && !token) {
      const { body, headers } = unauthorized(kind, typeof lookup === 'string' ? lookup : 'invalid');
      reply(res, { status: 401, json: body, headers });
      return;
    }
    const needed = route.options.scopes;
    if (token && needed?.length && !needed.some((scope) => token.scopes.includes(scope))) {
      reply(res, { status: 403, json: insufficientScopeBody(kind) });
      return;
    }
    const body = (await readBody(req)).toString('utf8');
    const account = token ? (options.accountFor(token.accountId) ?? null) : null;
    const result = await route.handler({
      method,
      path: url.pathname,
      url,
      query: url.searchParams,
      params,
      headers: req.headers,
      body,
      token,
      account,
      baseUrl,
      req,
      res,
    });
    if (result) reply(res, result);
  }

  function findRoute(method: string, path: string): { route: Route; params: Record<string, string> } | undefined {
    for (let i = routes.length - 1; i >= 0; i -= 1) {
      const route = routes[i];
      if (!route || (route.method !== '*' && route.method !== method)) continue;
      const match = route.pattern.exec(path);
      if (!match) continue;
      const params: Record<string, string> = {};
      route.names.forEach((name, index) => {
        params[name] = decodeURIComponent(match[index + 1] ?? '');
      });
      return { route, params };
    }
    return undefined;
  }

  function reply(res: ServerResponse, result: ApiReply): void {
    if (res.headersSent) return;
    const isJson = result.body === undefined;
    const body = result.body ?? JSON.stringify(result.json ?? null);
    res.writeHead(result.status ?? 200, {
      ...(isJson ? { 'content-type': 'application/json; charset=utf-8' } : {}),
      'content-length': String(Buffer.byteLength(body)),
      ...result.headers,
    });
    res.end(body);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      console.error('resource server route failed', error);
      if (!res.headersSent) reply(res, { status: 500, json: apiErrorBody(kind, 500) });
      else res.destroy();
    });
  });
  baseUrl = await listenOnLoopback(server);

  return {
    baseUrl,
    route(method, path, handler, routeOptions = {}) {
      routes.push({ method: method.toUpperCase(), ...compile(path), handler, options: routeOptions });
    },
    next(path, answers) {
      scripted.set(path, [...(scripted.get(path) ?? []), ...answers]);
    },
    requests,
    seenTokens,
    count: (path) => requests.filter((record) => record.path === path).length,
    reset() {
      requests.length = 0;
      seenTokens.clear();
      scripted.clear();
    },
    close: () => closeServer(server),
  };
}
