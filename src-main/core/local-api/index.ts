import { CoreError } from '../errors';
import type { LocalApiKey, LocalApiLogEntry, LocalApiNewKey, LocalApiStatus, ServiceId } from '../../../src-shared/types';
import type { SettingsStore } from '../vault/settings-store';
import { KeyStore } from './keys';
import { CallLog } from './log';
import { DEFAULT_RATE_LIMIT, RateLimiter, type RateLimit } from './rate-limit';
import { Routes, type RouteDeps } from './routes';
import { LocalApiServer } from './server';

/**
 * 7431: a registered-range port no service in /etc/services claims, below the ephemeral ranges
 * (Linux 32768–60999, Windows and macOS 49152–65535) where an outgoing connection could already
 * hold it, and away from the ports dev servers default to (3000, 5000, 5173, 8000, 8080).
 */
export const DEFAULT_PORT = 7431;
const DEFAULT_MAX_BODY = 10 * 1024 * 1024;

export interface LocalApiOptions {
  /** The port while the person has not chosen one; 0 takes any free port (tests). */
  defaultPort?: number;
  rateLimit?: RateLimit;
  /** Largest request body a script may send; default 10 MB. */
  maxBodyBytes?: number;
}

export interface LocalApiDeps extends Omit<RouteDeps, 'maxBodyBytes'> {
  dataDir: string;
  settings: SettingsStore;
  now: () => number;
  options: LocalApiOptions;
}

/** The local API (docs/local-api.md): its settings, keys, call log and server, for the core's channels. */
export class LocalApi {
  readonly keys: KeyStore;
  private readonly log = new CallLog();
  private readonly limiter: RateLimiter;
  private readonly server: LocalApiServer;
  private error: string | undefined;
  /** configure() calls run one after another: a toggle pressed twice must not race two servers. */
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;
  private running = false;

  constructor(private readonly deps: LocalApiDeps) {
    this.keys = new KeyStore(deps.dataDir, deps.now);
    this.limiter = new RateLimiter(deps.options.rateLimit ?? DEFAULT_RATE_LIMIT, deps.now);
    const routes = new Routes({ ...deps, maxBodyBytes: deps.options.maxBodyBytes ?? DEFAULT_MAX_BODY });
    this.server = new LocalApiServer({ keys: this.keys, log: this.log, limiter: this.limiter, routes, now: deps.now });
  }

  private get port(): number {
    return this.deps.settings.localApi.port ?? this.deps.options.defaultPort ?? DEFAULT_PORT;
  }

  status(): LocalApiStatus {
    const { enabled } = this.deps.settings.localApi;
    const port = this.running ? this.server.port : this.port;
    return { enabled, port, address: `http://127.0.0.1:${port}`, running: this.running, ...(this.error ? { error: this.error } : {}) };
  }

  /** Starts the server if the settings say so (at the core's start); a taken port is reported, not thrown. */
  start(): Promise<LocalApiStatus> {
    return this.serially(() => this.apply());
  }

  configure(change: { enabled?: boolean | undefined; port?: number | undefined }): Promise<LocalApiStatus> {
    return this.serially(async () => {
      const before = this.deps.settings.localApi;
      this.deps.settings.setLocalApi(change);
      const moved = change.port !== undefined && change.port !== (before.port ?? this.deps.options.defaultPort ?? DEFAULT_PORT);
      if (moved) await this.stop();
      return this.apply();
    });
  }

  createKey(name: string, services: ServiceId[]): LocalApiNewKey {
    return this.keys.create(name, services);
  }

  listKeys(): LocalApiKey[] {
    return this.keys.list();
  }

  revokeKey(id: string): { revoked: boolean } {
    this.limiter.forget(id);
    return this.keys.revoke(id);
  }

  recent(limit?: number): LocalApiLogEntry[] {
    return this.log.recent(limit);
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.queue.catch(() => undefined);
    await this.stop();
    this.keys.flush();
  }

  private serially<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async apply(): Promise<LocalApiStatus> {
    const { enabled } = this.deps.settings.localApi;
    if (!enabled || this.closed) {
      await this.stop();
      this.error = undefined;
      return this.status();
    }
    if (this.running) return this.status();
    try {
      await this.server.listen(this.port);
      this.running = true;
      this.error = undefined;
    } catch (error) {
      this.error = error instanceof CoreError ? error.message : 'The local API could not start.';
    }
    return this.status();
  }

  private async stop(): Promise<void> {
    this.running = false;
    await this.server.close();
  }
}
