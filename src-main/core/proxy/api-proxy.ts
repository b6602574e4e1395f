import type { Catalog } from '../config';
import { CoreError } from '../errors';
import type { ChannelPayload } from '../ipc/contract';
import type { TokenManager } from '../tokens/token-manager';
import type { ApiResponse } from '../../../src-shared/types';
import type { ConnectionVault } from '../vault/connection-vault';
import { MAX_BODY_BYTES } from '../../../src-shared/limits';
import { bodyTooLarge } from '../ipc/bounds';
import { isDecompressionError, networkCode, networkReason } from '../net';
import { decodeBody, readBody } from './read-body';
import { InFlight } from './in-flight';
import { assertAllowed, resolveRequestUrl } from './resolve-url';
import { retryDelay } from './retry-policy';
import type { Transport, UpstreamResponse } from './transport';

export interface ProxyDeps {
  catalog: Catalog;
  vault: ConnectionVault;
  tokens: TokenManager;
  transport: Transport;
  now: () => number;
  requestTimeoutMs: number;
  retryBaseDelayMs: number;
  maxRetryAfterMs: number;
  maxBodyBytes: number;
}

type Request = ChannelPayload<'api.request'>;

interface ResponseMeta {
  attempts: number;
  refreshed: boolean;
  started: number;
  provider: { explainApiError?(status: number, body: unknown): string | undefined };
}

/** Headers the caller may not set: the core owns credentials and the transport. */
const FORBIDDEN_HEADERS = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'host',
  'connection',
  'content-length',
  'transfer-encoding',
  'keep-alive',
  'upgrade',
  'te',
  'trailer',
  'expect',
]);
const MAX_REDIRECTS = 5;

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Waits for `work` unless `signal` fires first. A refresh is shared by every request of its
 * connection, so one request giving up must not cancel it, only stop waiting for it.
 */
function unlessAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function transportError(error: unknown, url: URL, reading: boolean): CoreError {
  if (error instanceof CoreError) return error;
  if (reading && isDecompressionError(error)) {
    return new CoreError(
      'network_error',
      `${url.host} sent a compressed answer that could not be unpacked (${networkCode(error)}). Try again; if it keeps happening, send the header "Accept-Encoding: identity" to ask for it uncompressed.`,
    );
  }
  const why = networkReason(error) ?? networkCode(error) ?? 'the network failed';
  return new CoreError(
    'network_error',
    reading
      ? `The connection to ${url.host} broke off while reading the answer (${why}). Try again.`
      : `Junction could not reach ${url.host} (${why}). Check your internet connection and try again.`,
  );
}

/**
 * `api.request`: one console request with the connection's token, sent only to hosts the service
 * allows, refreshed on 401, retried on 429/502/503/504 within bounds, cut at the size cap.
 */
export class ApiProxy {
  private readonly running = new InFlight();

  constructor(private readonly deps: ProxyDeps) {}

  /** Makes an operation cancellable through `api.cancel`. */
  track(requestId: string): { controller: AbortController; release(): void } {
    return this.running.track(requestId);
  }

  cancel(requestId: string): { cancelled: boolean } {
    return this.running.cancel(requestId);
  }

  /** For a disconnect: see InFlight.suspend. */
  suspend(connectionId: string): () => void {
    return this.running.suspend(connectionId);
  }

  close(): Promise<void> {
    this.running.cancelAll();
    return this.deps.transport.destroy();
  }

  async request(payload: Request, options: { signal?: AbortSignal } = {}): Promise<ApiResponse> {
    return this.exchange(payload, options, (response, url, meta) => this.toApiResponse(response, url, meta));
  }

  /**
   * The same request (allowlist, token, refresh on 401, redirects, retries), but the answer as the
   * API sent it: status, headers and the body as a stream, not read into memory. For the local
   * API. `rawBody` replaces `payload.body` with bytes sent as they are. The deadline covers the
   * wait for the headers; the caller owns the body from then on (destroy it to stop).
   */
  stream(payload: Request, options: { signal?: AbortSignal; rawBody?: Uint8Array } = {}): Promise<UpstreamResponse> {
    return this.exchange(payload, options, (response) => Promise.resolve(response));
  }

  private async exchange<T>(
    payload: Request,
    options: { signal?: AbortSignal; rawBody?: Uint8Array },
    finish: (response: UpstreamResponse, url: URL, meta: ResponseMeta) => Promise<T>,
  ): Promise<T> {
    const { catalog, vault, tokens } = this.deps;
    const record = vault.get(payload.connectionId);
    // From here to the `try` below nothing pauses: a disconnect either refuses this request here
    // or finds it enlisted and cancels it.
    this.running.refuseIfSuspended(payload.connectionId);
    const service = catalog.service(record.service);
    let method: string = payload.method ?? 'GET';
    let url = resolveRequestUrl(service, payload.url, payload.query);
    const headers = this.buildHeaders(payload);
    let body: string | Uint8Array | undefined;
    if (options.rawBody !== undefined && options.rawBody.byteLength > 0) {
      if (method === 'GET' || method === 'HEAD') {
        throw new CoreError('invalid_input', `body: a ${method} request cannot carry a body; choose POST, PUT or PATCH.`);
      }
      body = options.rawBody;
    } else if (payload.body !== undefined) {
      if (method === 'GET' || method === 'HEAD') {
        throw new CoreError('invalid_input', `body: a ${method} request cannot carry a body; choose POST, PUT or PATCH.`);
      }
      body = typeof payload.body === 'string' ? payload.body : JSON.stringify(payload.body);
      // The schema bounded the characters; the UTF-8 bytes can be up to three times as many.
      if (Buffer.byteLength(body) > MAX_BODY_BYTES) throw new CoreError('invalid_input', `body: ${bodyTooLarge}.`);
      // The defaults fetch would give: JSON for a value, plain text for a string.
      headers['content-type'] ??= typeof payload.body === 'string' ? 'text/plain;charset=UTF-8' : 'application/json';
    }

    const tracked = payload.requestId ? this.track(payload.requestId) : null;
    const controller = tracked?.controller ?? new AbortController();
    const delist = this.running.enlist(payload.connectionId, controller);
    const timeoutMs = payload.timeoutMs ?? this.deps.requestTimeoutMs;
    const timer = setTimeout(
      () =>
        controller.abort(
          new CoreError(
            'timeout',
            `${url.host} did not answer within ${timeoutMs < 1_000 ? `${timeoutMs} ms` : `${Math.round(timeoutMs / 1000)} s`}. Try again, or check the service's status.`,
          ),
        ),
      timeoutMs,
    );
    const onOuterAbort = () => controller.abort(options.signal?.reason ?? new CoreError('cancelled', 'The request was cancelled.'));
    options.signal?.addEventListener('abort', onOuterAbort, { once: true });
    const signal = controller.signal;
    const started = performance.now();
    let attempts = 0;
    let retries = 0;
    let redirects = 0;
    let replayedAfter401 = false;
    try {
      let access = await unlessAborted(tokens.get(payload.connectionId), signal);
      let refreshed = access.refreshed;
      for (;;) {
        signal.throwIfAborted();
        attempts += 1;
        headers['authorization'] = `Bearer ${access.token}`;
        let response: UpstreamResponse;
        try {
          response = await this.deps.transport.send(url, { method, headers, body, signal });
        } catch (error) {
          throw transportError(signal.aborted ? signal.reason : error, url, false);
        }
        if (response.status === 401 && !replayedAfter401) {
          replayedAfter401 = true;
          await response.discard();
          access = await unlessAborted(tokens.afterRejection(payload.connectionId, access.token), signal);
          refreshed ||= access.refreshed;
          continue;
        }
        const location = response.headers['location'];
        if (response.status >= 300 && response.status < 400 && location) {
          await response.discard();
          if (++redirects > MAX_REDIRECTS) {
            throw new CoreError(
              'provider_error',
              `${url.host} redirected more than ${MAX_REDIRECTS} times, so Junction stopped following. The API may be misconfigured.`,
            );
          }
          const next = new URL(location, url);
          // The token goes along, so a redirect may lead only where the request itself could go.
          assertAllowed(service, next);
          if (response.status === 303 || ((response.status === 301 || response.status === 302) && method === 'POST')) {
            method = 'GET';
            body = undefined;
            delete headers['content-type'];
          }
          url = next;
          continue;
        }
        const delay = retryDelay({
          method,
          status: response.status,
          retryAfter: response.headers['retry-after'] ?? null,
          attempt: retries + 1,
          baseDelayMs: this.deps.retryBaseDelayMs,
          maxRetryAfterMs: this.deps.maxRetryAfterMs,
          now: this.deps.now(),
        });
        if (delay !== null) {
          retries += 1;
          await response.discard();
          await sleep(delay, signal);
          continue;
        }
        return await finish(response, url, { attempts, refreshed, started, provider: service.provider });
      }
    } catch (error) {
      throw signal.aborted && signal.reason instanceof CoreError ? signal.reason : error;
    } finally {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onOuterAbort);
      tracked?.release();
      delist();
    }
  }

  /** Lower-case names; the same name given twice in different cases is joined, as Headers.append does. */
  private buildHeaders(payload: Request): Record<string, string> {
    // No prototype: `headers.constructor` must be undefined until the caller sets a `constructor` header.
    const headers = Object.create(null) as Record<string, string>;
    if (!payload.headers) return headers;
    for (const [name, value] of Object.entries(payload.headers)) {
      const key = name.toLowerCase();
      if (FORBIDDEN_HEADERS.has(key)) {
        throw new CoreError('invalid_input', `headers.${name}: Junction sets this header itself; remove it from the request.`);
      }
      const trimmed = value.trim();
      headers[key] = headers[key] === undefined ? trimmed : `${headers[key]}, ${trimmed}`;
    }
    return headers;
  }

  private async toApiResponse(response: UpstreamResponse, url: URL, meta: ResponseMeta): Promise<ApiResponse> {
    let read;
    try {
      read = await readBody(response, this.deps.maxBodyBytes);
    } catch (error) {
      throw transportError(error, url, true);
    }
    const { headers } = response;
    const decoded = decodeBody(read.bytes, headers['content-type'], read.truncated);
    const hint = response.status >= 400 ? meta.provider.explainApiError?.(response.status, decoded.json) : undefined;
    return {
      status: response.status,
      statusText: response.statusText,
      headers,
      ...decoded,
      sizeBytes: read.bytes.byteLength,
      durationMs: Math.round((performance.now() - meta.started) * 10) / 10,
      attempts: meta.attempts,
      refreshed: meta.refreshed,
      truncated: read.truncated,
      url: url.href,
      ...(hint ? { hint } : {}),
    };
  }
}
