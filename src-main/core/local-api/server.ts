import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CoreError } from '../errors';
import type { LocalApiKey } from '../../../src-shared/types';
import { sendError, sendJson } from './http';
import type { KeyStore } from './keys';
import type { CallLog } from './log';
import type { RateLimiter } from './rate-limit';
import type { Routes } from './routes';

export interface ServerDeps {
  keys: KeyStore;
  log: CallLog;
  limiter: RateLimiter;
  routes: Routes;
  now: () => number;
}

/** Logged when the connection closed before an answer went out (nginx's convention). */
export const NO_ANSWER = 499;
const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;

/**
 * The local API's HTTP server: 127.0.0.1 only. Before any route runs it refuses a Host that is not
 * its own address (DNS rebinding), any request with an Origin (a web page: no CORS, ever), a
 * missing or unknown key (401) and a key over its rate (429); every call is logged.
 */
export class LocalApiServer {
  private server: Server | null = null;
  private boundPort = 0;
  private readonly inFlight = new Set<AbortController>();

  constructor(private readonly deps: ServerDeps) {}

  get port(): number {
    return this.boundPort;
  }

  /** Rejects with a CoreError in words when the port cannot be had. */
  async listen(port: number): Promise<void> {
    const server = createServer({ headersTimeout: 10_000, requestTimeout: 120_000, keepAliveTimeout: 5_000, maxHeaderSize: 32 * 1024 });
    server.maxConnections = 256;
    server.on('request', (req: IncomingMessage, res: ServerResponse) => void this.handle(req, res));
    // Node answers an Expect it does not know with a bare 417 of its own: make it a coded error.
    server.on('checkExpectation', (_req: IncomingMessage, res: ServerResponse) =>
      sendJson(
        res,
        417,
        { error: { code: 'invalid_input', message: 'Expect: the local API understands only "100-continue".' } },
        { Connection: 'close' },
      ),
    );
    await new Promise<void>((resolve, reject) => {
      server.once('error', (error: NodeJS.ErrnoException) => {
        const why =
          error.code === 'EADDRINUSE'
            ? `port ${port} is already in use by another program`
            : error.code === 'EACCES'
              ? `this system does not let Junction use port ${port}`
              : `it could not listen on port ${port} (${error.code ?? 'unknown error'})`;
        reject(new CoreError('network_error', `The local API is not running: ${why}. Choose another port in Settings → Local API.`));
      });
      server.listen(port, '127.0.0.1', () => resolve());
    });
    server.on('error', () => undefined);
    this.server = server;
    this.boundPort = (server.address() as AddressInfo).port;
  }

  /** Stops at once: open sockets are closed and requests in flight are cancelled. */
  async close(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    for (const controller of this.inFlight) controller.abort(new CoreError('cancelled', 'The local API was turned off.'));
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    await closed;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    const at = this.deps.now();
    let key: LocalApiKey | null = null;
    const controller = new AbortController();
    this.inFlight.add(controller);
    res.once('close', () => {
      this.inFlight.delete(controller);
      if (!res.writableFinished) controller.abort(new CoreError('cancelled', 'The caller closed the connection.'));
      this.deps.log.add({
        at,
        keyName: key?.name ?? null,
        method: (req.method ?? '').slice(0, 16),
        path: req.url ?? '',
        status: res.headersSent ? res.statusCode : NO_ANSWER,
        durationMs: Math.round((performance.now() - started) * 10) / 10,
      });
    });
    try {
      const own = `127.0.0.1:${this.boundPort}`;
      if (req.headers.host !== own && req.headers.host !== `localhost:${this.boundPort}`) {
        res.setHeader('Connection', 'close');
        throw new CoreError('forbidden', `This is Junction's local API; call it as http://${own}.`);
      }
      if (req.headers.origin !== undefined) {
        throw new CoreError(
          'forbidden',
          'Junction’s local API does not answer web pages: call it from a script, without an Origin header.',
        );
      }
      let url: URL;
      try {
        url = new URL(req.url ?? '/', `http://${own}`);
      } catch {
        throw new CoreError('invalid_input', 'The request line does not hold a valid path.');
      }
      if (url.pathname !== '/api' && !url.pathname.startsWith('/api/')) {
        throw new CoreError('not_found', 'The local API lives under /api/; docs/local-api.md lists the endpoints.');
      }
      key = this.authenticate(req, res);
      const wait = this.deps.limiter.take(key.id);
      if (wait > 0) {
        res.setHeader('Retry-After', String(Math.ceil(wait / 1000)));
        throw new CoreError(
          'rate_limited',
          `The key "${key.name}" sent too many requests; wait ${Math.ceil(wait / 1000)} s (Retry-After) and slow down.`,
        );
      }
      await this.deps.routes.handle({ req, res, url, key, signal: controller.signal });
    } catch (error) {
      // Nobody is left to answer (the caller went away, or the server was turned off).
      if (res.headersSent || res.destroyed || controller.signal.aborted) {
        res.destroy();
        return;
      }
      // After a refused body the rest of it is not read: the connection cannot carry another request.
      if (error instanceof CoreError && error.code === 'too_large') res.setHeader('Connection', 'close');
      sendError(res, error);
    }
  }

  private authenticate(req: IncomingMessage, res: ServerResponse): LocalApiKey {
    const header = req.headers.authorization;
    const presented = header === undefined ? null : (BEARER.exec(header)?.[1] ?? null);
    const key = presented === null ? null : this.deps.keys.verify(presented);
    if (key) return key;
    res.setHeader('WWW-Authenticate', 'Bearer realm="Junction local API"');
    throw new CoreError(
      'unauthorized',
      header === undefined
        ? 'Send a key as "Authorization: Bearer jct_…"; create one in Junction’s Settings → Local API.'
        : 'Junction does not know this key (it may have been revoked). Create a new one in Settings → Local API.',
    );
  }
}
