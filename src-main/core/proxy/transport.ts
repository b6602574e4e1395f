import { STATUS_CODES } from 'node:http';
import { pipeline, type Readable } from 'node:stream';
import zlib from 'node:zlib';
import { Agent, request } from 'undici';

export interface UpstreamRequest {
  method: string;
  /** Lower-case names; the core has already refused the ones it owns. */
  headers: Record<string, string>;
  /** Bytes are sent as they are (the local API's path-based requests). */
  body: string | Uint8Array | undefined;
  signal: AbortSignal;
}

export interface UpstreamResponse {
  status: number;
  statusText: string;
  /** Lower-case names, repeated fields joined with ", " as fetch's Headers does. */
  headers: Record<string, string>;
  /** The body with its content codings undone. */
  body: Readable;
  /** Whether `body` is the bytes as sent (no content coding to undo). */
  raw: boolean;
  /** The whole body in one go when it is `raw` (faster than streaming it for small answers). */
  bytes(): Promise<Uint8Array>;
  /** Frees the connection when the body is not wanted (redirects, retries, a 401). */
  discard(): Promise<void>;
}

/** zstd only where this Node's zlib has it (22.15+). */
const zstd = (zlib as { createZstdDecompress?: () => NodeJS.ReadWriteStream }).createZstdDecompress;
const ACCEPT_ENCODING = `${zstd ? 'zstd, ' : ''}br, gzip, deflate`;
const DEFAULT_HEADERS: Record<string, string> = { accept: '*/*', 'accept-encoding': ACCEPT_ENCODING, 'user-agent': 'Junction' };
const MAX_CODINGS = 5;
/** Lenient flushing, as browsers and curl decode: a slightly short gzip tail still yields its text. */
const SYNC = { flush: zlib.constants.Z_SYNC_FLUSH, finishFlush: zlib.constants.Z_SYNC_FLUSH };

/**
 * A decoder per content coding, last applied first (RFC 9110 §8.4), as fetch does; an unknown or
 * excessive coding leaves the bytes as they came.
 */
function decoders(contentEncoding: string | undefined): NodeJS.ReadWriteStream[] {
  if (!contentEncoding) return [];
  const codings = contentEncoding
    .toLowerCase()
    .split(',')
    .map((coding) => coding.trim())
    .filter(Boolean);
  if (codings.length > MAX_CODINGS) return [];
  const streams: NodeJS.ReadWriteStream[] = [];
  for (const coding of codings.reverse()) {
    if (coding === 'gzip' || coding === 'x-gzip') streams.push(zlib.createGunzip(SYNC));
    else if (coding === 'deflate') streams.push(zlib.createInflate(SYNC));
    else if (coding === 'br') streams.push(zlib.createBrotliDecompress());
    else if (coding === 'zstd' && zstd) streams.push(zstd());
    else if (coding !== 'identity') return [];
  }
  return streams;
}

/**
 * The proxy's HTTP client: undici's request API (the engine under Node's fetch, without the
 * WHATWG layers the proxy does not need: Request/Response/Headers objects, CORS and redirect
 * modes, resource timing). It sends the headers it is given plus Accept, Accept-Encoding and a
 * User-Agent where those are missing, never follows a redirect itself, and undoes gzip, deflate,
 * br and zstd as fetch would.
 */
export class Transport {
  // The proxy's own deadline (timeoutMs, at most 300 s) and cancel govern every request: undici's
  // header and body timers (300 s each by default) would only race them.
  // Keep-alive as fetch's own pool has it (idle sockets closed after 4 s, or the server's hint).
  private readonly agent = new Agent({ headersTimeout: 0, bodyTimeout: 0 });

  async send(url: URL, init: UpstreamRequest): Promise<UpstreamResponse> {
    // What fetch would add (less its browser-only ones), unless the caller chose otherwise.
    const headers = { ...DEFAULT_HEADERS, ...init.headers };
    const response = await request(url, {
      method: init.method as 'GET',
      headers,
      body: init.body,
      signal: init.signal,
      dispatcher: this.agent,
    });
    // No prototype: a header named `__proto__` is a header like any other, not a way to set one.
    const flat = Object.create(null) as Record<string, string>;
    for (const [name, value] of Object.entries(response.headers)) {
      if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
    }
    const raw = response.body as unknown as Readable;
    const noBody = init.method === 'HEAD' || response.statusCode === 204 || response.statusCode === 304;
    const chain = noBody ? [] : decoders(flat['content-encoding']);
    const body = chain.length === 0 ? raw : (pipeline([raw, ...chain], () => undefined) as unknown as Readable);
    return {
      status: response.statusCode,
      statusText: STATUS_CODES[response.statusCode] ?? '',
      headers: flat,
      body,
      raw: chain.length === 0,
      bytes: () => response.body.bytes(),
      discard: async () => {
        if (chain.length > 0) body.destroy();
        await response.body.dump().catch(() => undefined);
      },
    };
  }

  /** Ends every connection, aborting what is still in flight. */
  destroy(): Promise<void> {
    return this.agent.destroy();
  }
}
