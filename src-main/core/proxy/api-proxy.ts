import type { Catalog } from '../config';
import { CoreError } from '../errors';
import type { ChannelPayload } from '../ipc/contract';
import type { TokenManager } from '../tokens/token-manager';
import type { ApiResponse } from '../../../src-shared/types';
import type { ConnectionVault } from '../vault/connection-vault';
import { MAX_BODY_BYTES } from '../../../src-shared/limits';
import { bodyTooLarge } from '../ipc/bounds';
import type { Pace } from '../providers/types';
import type { ServiceId } from '../../../src-shared/types';
import { sleep, transportError, unlessAborted } from './abort';
import { AttemptLog } from './attempt-log';
import { Deadline } from './deadline';
import { decodeBody, readBody } from './read-body';
import type { BodyStore } from '../body/store';
import { keptAnswer } from '../body/kept-answer';
import { InFlight } from './in-flight';
import { Pacer, type PaceStatus } from './pacer';
import { checkRateLimit } from './rate-limit';
import { assertAllowed, resolveRequestUrl } from './resolve-url';
import { parseRetryAfter, retryDelay } from './retry-policy';
import { diagnoseScopes } from './scope-doctor';
import type { Transport, UpstreamResponse } from './transport';
import { CORE_OWNED_HEADERS } from '../../../src-shared/headers';

export interface ProxyDeps {
  catalog: Catalog;
  vault: ConnectionVault;
  tokens: TokenManager;
  transport: Transport;
  now: () => number;
  requestTimeoutMs: number;
  retryBaseDelayMs: number;
  maxRetryAfterMs: number;
  /** The body cap now (the person may change it in Settings). */
  maxBodyBytes(): number;
  /** Where answers' bodies are kept for `api.body` (body/store.ts). */
  bodies: BodyStore;
  /** A connection's pace: the service's published one, or the embedding app's override. */
  pace(service: ServiceId): Pace;
  /** The longest a request waits in the pacer's queue; default 10 minutes. */
  maxQueueWaitMs?: number;
}

/**
 * Rate-limit answers a request may go back to the pacer with before the answer is handed over as
 * it is. They do not use the 3 retries of retry-policy.ts, which stay for 502/503/504.
 */
export const MAX_RATE_LIMIT_WAITS = 10;

type Request = ChannelPayload<'api.request'>;

interface ResponseMeta {
  attempts: number;
  refreshed: boolean;
  started: number;
  waitedMs: number;
  log: AttemptLog;
  provider: { explainApiError?(status: number, body: unknown): string | undefined };
}

/** Headers the caller may not set: the core owns credentials and the transport. */
const FORBIDDEN_HEADERS: ReadonlySet<string> = new Set(CORE_OWNED_HEADERS);
const MAX_REDIRECTS = 5;

/**
 * `api.request`: one console request with the connection's token, sent only to hosts the service
 * allows, refreshed on 401, retried on 429/502/503/504 within bounds, cut at the size cap.
 */
export class ApiProxy {
  private readonly running = new InFlight();
  private readonly pacer: Pacer;

  constructor(private readonly deps: ProxyDeps) {
    this.pacer = new Pacer({ baseBackoffMs: deps.retryBaseDelayMs, maxQueueWaitMs: deps.maxQueueWaitMs ?? 10 * 60_000, maxQueued: 5_000 });
  }

  /** `connections.pace`: requests in the last minute, queued, next send. */
  pace(connectionId: string): PaceStatus {
    return this.pacer.status(connectionId);
  }

  /** While the connection waits out a rate limit: for paging progress. */
  waiting(connectionId: string): { waitingMs: number; reason: string } | null {
    return this.pacer.waiting(connectionId);
  }

  /** Makes an operation cancellable through `api.cancel`. */
  track(requestId: string): { controller: AbortController; release(): void } {
    return this.running.track(requestId);
  }

  cancel(requestId: string): { cancelled: boolean } {
    return this.running.cancel(requestId);
  }

  /** After a disconnect: the connection's pacing state is freed. */
  forget(connectionId: string): void {
    this.pacer.forget(connectionId);
  }

  /** For a disconnect: see InFlight.suspend. */
  suspend(connectionId: string): () => void {
    return this.running.suspend(connectionId);
  }

  close(): Promise<void> {
    this.running.cancelAll();
    return this.deps.transport.destroy();
  }

  /**
   * `declaredScopes`: what the quick action sending this needs, for the scope doctor's diagnosis.
   * `keep: false` (quick actions and paging, which parse every page): the body is read whole into
   * memory and no handle is kept.
   */
  async request(
    payload: Request,
    options: { signal?: AbortSignal; declaredScopes?: readonly string[]; keep?: boolean } = {},
  ): Promise<ApiResponse> {
    return this.exchange(payload, options, async (response, url, meta) =>
      this.diagnose(payload.connectionId, await this.toApiResponse(response, url, meta, options.keep ?? true), options.declaredScopes),
    );
  }

  /** A missing-scope 401/403 gets `missingScopes` and a hint (the scope doctor). */
  private diagnose(connectionId: string, answer: ApiResponse, declared: readonly string[] | undefined): ApiResponse {
    if (answer.status !== 401 && answer.status !== 403) return answer;
    // Read now, not before sending: a refresh on the way may have changed the granted scopes.
    const record = this.deps.vault.find(connectionId);
    if (!record) return answer;
    const service = this.deps.catalog.service(record.service).definition;
    const diagnosis = diagnoseScopes({ ...answer, granted: record.scopes, declared, service });
    return diagnosis ? { ...answer, hint: diagnosis.hint, missingScopes: diagnosis.missingScopes } : answer;
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
    const hasRawBody = options.rawBody !== undefined && options.rawBody.byteLength > 0;
    if ((hasRawBody || payload.body !== undefined) && (method === 'GET' || method === 'HEAD')) {
      throw new CoreError('invalid_input', `body: a ${method} request cannot carry a body; choose POST, PUT or PATCH.`);
    }
    if (hasRawBody) {
      body = options.rawBody;
    } else if (payload.body !== undefined) {
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
    // The clock runs while the request is out of the pacer's queue (deadline.ts).
    const deadline = new Deadline(timeoutMs, () =>
      controller.abort(
        new CoreError(
          'timeout',
          `${url.host} did not answer within ${timeoutMs < 1_000 ? `${timeoutMs} ms` : `${Math.round(timeoutMs / 1000)} s`}. Try again, or check the service's status.`,
        ),
      ),
    );
    const onOuterAbort = () => controller.abort(options.signal?.reason ?? new CoreError('cancelled', 'The request was cancelled.'));
    options.signal?.addEventListener('abort', onOuterAbort, { once: true });
    const signal = controller.signal;
    const started = performance.now();
    let attempts = 0;
    let retries = 0;
    let redirects = 0;
    let replayedAfter401 = false;
    let rateLimitWaits = 0;
    let waitedMs = 0;
    const log = new AttemptLog();
    const lane = {
      connectionId: payload.connectionId,
      pace: this.deps.pace(service.definition.id),
      providerName: service.provider.name,
      ...(service.provider.rateLimitPerApp ? { sharedLimit: service.provider.id } : {}),
    };
    try {
      deadline.run();
      let access = await unlessAborted(tokens.get(payload.connectionId), signal);
      let refreshed = access.refreshed;
      if (refreshed) log.waitFor('refresh');
      vault.markUsed(payload.connectionId, this.deps.now());
      for (;;) {
        signal.throwIfAborted();
        deadline.pause();
        const slot = await this.pacer.acquire(lane, signal, rateLimitWaits > 0);
        waitedMs += slot.waitedMs;
        log.sent(slot.waitedMs);
        deadline.run();
        attempts += 1;
        headers['authorization'] = `Bearer ${access.token}`;
        let response: UpstreamResponse | undefined;
        let rateLimited = false;
        let retryAfterMs: number | null = null;
        try {
          response = await this.deps.transport.send(url, { method, headers, body, signal });
          ({ rateLimited, response } = await checkRateLimit(response, service.provider));
          log.answered(response.status);
          retryAfterMs = rateLimited ? parseRetryAfter(response.headers['retry-after'] ?? null, this.deps.now()) : null;
        } catch (error) {
          throw transportError(signal.aborted ? signal.reason : error, url, false);
        } finally {
          // A Retry-After beyond the cap is not waited for (the answer goes back as it is); the
          // connection still slows down, by its own backoff.
          const pause = retryAfterMs !== null && retryAfterMs <= this.deps.maxRetryAfterMs ? retryAfterMs : null;
          slot.done(rateLimited ? { rateLimited: true, retryAfterMs: pause } : { rateLimited: false, noAnswer: response === undefined });
        }
        const waitable = retryAfterMs === null || retryAfterMs <= this.deps.maxRetryAfterMs;
        if (rateLimited && waitable && rateLimitWaits < MAX_RATE_LIMIT_WAITS) {
          // Back to the pacer, which holds the whole connection until the provider's window reopens.
          rateLimitWaits += 1;
          log.waitFor('rate_limit');
          await response.discard();
          continue;
        }
        if (response.status === 401 && !replayedAfter401) {
          replayedAfter401 = true;
          log.waitFor('refresh');
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
          log.waitFor('backoff');
          await response.discard();
          await sleep(delay, signal);
          continue;
        }
        return await finish(response, url, { attempts, refreshed, started, waitedMs, log, provider: service.provider });
      }
    } catch (error) {
      throw signal.aborted && signal.reason instanceof CoreError ? signal.reason : error;
    } finally {
      deadline.stop();
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

  private async toApiResponse(response: UpstreamResponse, url: URL, meta: ResponseMeta, keep: boolean): Promise<ApiResponse> {
    const head = {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
      attempts: meta.attempts,
      refreshed: meta.refreshed,
      url: url.href,
      ...(meta.waitedMs >= 1 ? { waitedMs: Math.round(meta.waitedMs) } : {}),
      attemptLog: meta.log.list(),
    };
    const finish = (answer: Omit<ApiResponse, 'durationMs'>): ApiResponse => {
      const hint = response.status >= 400 ? meta.provider.explainApiError?.(response.status, answer.json) : undefined;
      return { ...answer, durationMs: Math.round((performance.now() - meta.started) * 10) / 10, ...(hint ? { hint } : {}) };
    };
    if (keep) {
      try {
        return finish(await keptAnswer(response, this.deps.bodies, this.deps.maxBodyBytes(), head));
      } catch (error) {
        throw transportError(error, url, true);
      }
    }
    let read;
    try {
      read = await readBody(response, this.deps.maxBodyBytes());
    } catch (error) {
      throw transportError(error, url, true);
    }
    const decoded = decodeBody(read.bytes, response.headers['content-type'], read.truncated);
    return finish({ ...head, ...decoded, sizeBytes: read.bytes.byteLength, truncated: read.truncated });
  }
}
