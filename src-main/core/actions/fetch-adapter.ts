// The one transport of every typed client: a fetch that turns the client's request into
// an `api.request` payload and the core's ApiResponse back into a Response. Because the clients
// only ever talk to this function, refresh, retries, the host allowlist and redaction apply to them
// exactly as to the console, and no real token ever reaches them.
import { CoreError } from '../errors';
import { HTTP_METHODS, type HttpMethod } from '../../../src-shared/channels';
import type { ChannelPayload } from '../ipc/contract';
import type { ApiResponse, Connection } from '../../../src-shared/types';
import type { ActionDeps } from './deps';

export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

type Query = NonNullable<ChannelPayload<'api.request'>['query']>;

export interface MappedUrl {
  /** Relative to the connection's apiBaseUrl (starts with `/`), or absolute. */
  url: string;
  query?: Query;
}

// The core sets Authorization itself and the proxy refuses a caller's; the others describe one
// hop of the client's own connection, which the core's request does not share.
const DROPPED_REQUEST_HEADERS = new Set([
  'authorization',
  'host',
  'connection',
  'content-length',
  'transfer-encoding',
  'accept-encoding',
  'keep-alive',
  'te',
  'trailer',
  'upgrade',
  'proxy-authorization',
]);

// The core hands over a decoded body; these would describe the wire form it no longer has.
const DROPPED_RESPONSE_HEADERS = new Set(['content-encoding', 'content-length', 'transfer-encoding']);

const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

function trimSlashes(url: string): string {
  return url.replace(/\/+$/, '');
}

function isUnder(path: string, base: string): boolean {
  return path === base || path.startsWith(`${base}/`);
}

function relativeTo(path: string, base: string): string {
  const rest = path.slice(base.length);
  return rest === '' ? '/' : rest;
}

function toQuery(params: URLSearchParams): Query | undefined {
  const query: Query = {};
  let any = false;
  for (const [key, value] of params) {
    any = true;
    const existing = query[key];
    if (existing === undefined) query[key] = value;
    else query[key] = Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return any ? query : undefined;
}

/**
 * Maps a URL the client built against its fixed base (`sdkBase`, e.g. Spotify's
 * `https://api.spotify.com/v1`) onto the connection's `apiBaseUrl`, which tests and self-hosted
 * gateways point elsewhere. A URL under either base becomes relative; one on the SDK's host but
 * outside its base path (Drive's `/upload/drive/v3/files`) keeps its path on the connection's
 * host; anything else stays absolute and the core's allowlist decides.
 */
export function mapRequestUrl(target: URL, sdkBase: string, apiBaseUrl: string): MappedUrl {
  const path = target.origin + target.pathname;
  const query = toQuery(target.searchParams);
  const sdk = trimSlashes(sdkBase);
  const api = trimSlashes(apiBaseUrl);
  if (isUnder(path, sdk)) return { url: relativeTo(path, sdk), query };
  if (isUnder(path, api)) return { url: relativeTo(path, api), query };
  const sdkUrl = new URL(sdk);
  if (target.origin === sdkUrl.origin && sdk !== api) {
    const apiUrl = new URL(api);
    const sdkPath = trimSlashes(sdkUrl.pathname);
    const root =
      sdkPath !== '' && trimSlashes(apiUrl.pathname).endsWith(sdkPath) ? api.slice(0, api.length - sdkPath.length) : apiUrl.origin;
    return { url: root + target.pathname, query };
  }
  return { url: path, query };
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}

function chunkBytes(chunk: unknown): Uint8Array {
  if (typeof chunk === 'string') return Buffer.from(chunk, 'utf8');
  if (chunk instanceof Uint8Array) return chunk;
  throw new CoreError('invalid_input', 'A request body contained something other than bytes or text.');
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function decodeText(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch (cause) {
    // api.request carries a body as text or JSON; binary uploads would be corrupted on the way.
    throw new CoreError('invalid_input', 'Only text bodies can be sent through Junction; this request body is binary.', { cause });
  }
}

/** Reads whatever body a client handed to fetch (gaxios gives Node streams for multipart uploads). */
export async function readRequestBody(body: unknown): Promise<string | undefined> {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return body;
  if (body instanceof URLSearchParams) return body.toString();
  if (body instanceof Blob) return decodeText(new Uint8Array(await body.arrayBuffer()));
  if (body instanceof ArrayBuffer) return decodeText(new Uint8Array(body));
  if (ArrayBuffer.isView(body)) return decodeText(new Uint8Array(body.buffer, body.byteOffset, body.byteLength));
  if (body instanceof ReadableStream || isAsyncIterable(body)) {
    const chunks: Uint8Array[] = [];
    for await (const chunk of body as AsyncIterable<unknown>) chunks.push(chunkBytes(chunk));
    return decodeText(Buffer.concat(chunks));
  }
  throw new CoreError('invalid_input', 'This kind of request body (form data) cannot be sent through Junction.');
}

function toMethod(method: string | undefined): HttpMethod {
  const upper = (method ?? 'GET').toUpperCase();
  const known = HTTP_METHODS.find((candidate) => candidate === upper);
  if (!known) throw new CoreError('invalid_input', `The HTTP method ${upper} is not supported.`);
  return known;
}

function toHeaders(headers: Headers): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  let any = false;
  headers.forEach((value, name) => {
    if (DROPPED_REQUEST_HEADERS.has(name)) return;
    out[name] = value;
    any = true;
  });
  return any ? out : undefined;
}

/** The core's answer as the Response a fetch-based client expects. */
export function toResponse(api: ApiResponse): Response {
  if (api.truncated) {
    throw new CoreError('provider_error', 'The answer was larger than Junction keeps, so this action cannot read it. Narrow the request.');
  }
  const headers = new Headers();
  for (const [name, value] of Object.entries(api.headers)) {
    if (!DROPPED_RESPONSE_HEADERS.has(name.toLowerCase())) headers.set(name, value);
  }
  const body = NULL_BODY_STATUSES.has(api.status)
    ? null
    : api.bodyEncoding === 'base64'
      ? new Uint8Array(Buffer.from(api.body, 'base64'))
      : api.body;
  // Response refuses statuses outside 200–599; a 1xx never reaches a client as a final answer.
  const status = api.status >= 200 && api.status <= 599 ? api.status : 502;
  return new Response(body, { status, statusText: api.statusText.replace(/[^\t\x20-\x7e]/g, ''), headers });
}

export interface CoreFetchOptions {
  deps: Pick<ActionDeps, 'request'>;
  connection: Connection;
  /** The base the client builds its URLs on, e.g. `https://gmail.googleapis.com/gmail/v1`. */
  sdkBase: string;
  signal?: AbortSignal;
  /** The scopes the action needs, passed on for the scope doctor. */
  declaredScopes?: readonly string[];
  /** Sees every answer and the request it answers, e.g. to report whether the core refreshed the token. */
  onResponse?: (response: ApiResponse, request: ChannelPayload<'api.request'>) => void;
}

/** A fetch whose every request is an `api.request` of this connection. */
export function createCoreFetch(options: CoreFetchOptions): FetchLike {
  const { deps, connection, sdkBase } = options;
  return async (input, init) => {
    const request = input instanceof Request ? input : undefined;
    const target = new URL(request ? request.url : input.toString());
    const headers = new Headers(request?.headers);
    new Headers(init?.headers).forEach((value, name) => headers.set(name, value));
    const body = await readRequestBody(init?.body ?? request?.body);
    const mapped = mapRequestUrl(target, sdkBase, connection.apiBaseUrl);
    const signals = [options.signal, init?.signal ?? request?.signal].filter(
      (signal): signal is AbortSignal => signal instanceof AbortSignal,
    );
    const forwarded = toHeaders(headers);
    const payload: ChannelPayload<'api.request'> = {
      connectionId: connection.id,
      method: toMethod(init?.method ?? request?.method),
      url: mapped.url,
      ...(mapped.query ? { query: mapped.query } : {}),
      ...(forwarded ? { headers: forwarded } : {}),
      ...(body !== undefined ? { body } : {}),
    };
    const answer = await deps.request(payload, {
      ...(signals.length > 0 ? { signal: AbortSignal.any(signals) } : {}),
      ...(options.declaredScopes ? { declaredScopes: options.declaredScopes } : {}),
    });
    options.onResponse?.(answer, payload);
    return toResponse(answer);
  };
}
