import type { Channel, ChannelInput, ChannelResult } from '../../src-shared/channels';
import type { CoreEvent, ProviderId, ServiceId } from '../../src-shared/types';
import type { BodyStoreLimits } from './body/store';
import type { LocalApiOptions } from './local-api';
import type { Pace } from './providers/types';

/** What the core encrypts secrets with: Electron's safeStorage in the app, AES-GCM in tests. */
export interface Cipher {
  /** e.g. 'keychain', 'dpapi', 'gnome_libsecret', 'basic_text'. */
  backend: string;
  /** False when the OS offers no real secret store. */
  secure: boolean;
  encrypt(plain: string): Buffer;
  decrypt(data: Buffer): string;
}

export interface ProviderOverride {
  clientId?: string;
  clientSecret?: string;
  /** Expected `iss`; default: the authorization endpoint's origin when endpoints are overridden. */
  issuer?: string;
  authorizationEndpoint?: string;
  tokenEndpoint?: string;
  /** null: the provider has none. */
  revocationEndpoint?: string | null;
  /** Where the account's identity comes from, if not the API. */
  userinfoEndpoint?: string;
}

/** What the save dialog shows. */
export interface SavePathRequest {
  title: string;
  /** A file name, no folder. */
  defaultName: string;
  filters: { name: string; extensions: string[] }[];
}

export interface CoreOptions {
  /** Created if missing; all persisted state lives under it. */
  dataDir: string;
  cipher: Cipher;
  /** Opens the system browser. */
  openExternal(url: string): Promise<void> | void;
  /**
   * Asks the person where to save a file (the shell's save dialog); null when they cancel. Absent:
   * saving is refused with `invalid_input` (no dialog to ask with).
   */
  chooseSavePath?(request: SavePathRequest): Promise<string | null>;
  /** Overrides: tests, self-hosted gateways, env config. http endpoints only on loopback. */
  providers?: Partial<Record<ProviderId, ProviderOverride>>;
  /** `pace`: a connection's rate, burst and concurrency instead of the provider's published ones. */
  services?: Partial<Record<ServiceId, { apiBaseUrl?: string; pace?: Partial<Pace> }>>;
  /** Custom-scheme redirect, default 'junction'. */
  protocolScheme?: string;
  /** For the token, revocation and userinfo endpoints; API requests use the proxy's own undici client. */
  fetch?: typeof fetch;
  now?: () => number;
  /** How long a sign-in may take before it times out; default 5 minutes. */
  flowTimeoutMs?: number;
  /** How long one request to a token, revocation or userinfo endpoint may take; default 30 s. */
  tokenRequestTimeoutMs?: number;
  /** Default timeout of one API request; default 30 s. */
  requestTimeoutMs?: number;
  /** Base of the exponential backoff between API retries; default 500 ms. */
  retryBaseDelayMs?: number;
  /** The longest `Retry-After` honoured; default 30 s. Longer ones are not waited for. */
  maxRetryAfterMs?: number;
  /** The longest a request waits for its turn in the pacer's queue; default 10 minutes. */
  maxQueueWaitMs?: number;
  /** Largest response body kept; default 200 MiB (DEFAULT_BODY_CAP). */
  maxBodyBytes?: number;
  /** Where answers' bodies are kept (body/store.ts): the spill threshold and the store's bounds. */
  bodyStore?: Partial<BodyStoreLimits>;
  /** The body worker's script; default the worker.ts beside the core's source (tests, tsx). The app passes its bundled file. */
  bodyWorkerPath?: string;
  /** The longest one `api.body` read (a search, a filter) may take before the worker is restarted; default 60 s. */
  bodyReadTimeoutMs?: number;
  /** The most items one `api.paginate` gathers; default PAGINATE_MAX_ITEMS (100,000). */
  maxPaginateItems?: number;
  /** The most bytes of pages one `api.paginate` keeps; default PAGINATE_MAX_BYTES (50 MiB). */
  maxPaginateBytes?: number;
  /** The local API's default port, rate limit and body limit (docs/local-api.md). */
  localApi?: LocalApiOptions;
}

export interface Core {
  /** For trusted callers (tests, the local code that knows the channel): typed end to end. */
  invoke<C extends Channel>(channel: C, payload: ChannelInput<C>): Promise<ChannelResult<C>>;
  /** What ipcMain.handle calls: any channel name and payload, validated before anything runs. */
  invokeUntrusted(channel: unknown, payload: unknown): Promise<unknown>;
  /** Pushed to the renderer. */
  onEvent(listener: (event: CoreEvent) => void): () => void;
  /** A deep link; true if it completed a flow. */
  handleProtocolUrl(url: string): Promise<boolean>;
  /** Stops listeners, flushes state. */
  close(): Promise<void>;
}
