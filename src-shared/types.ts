// The shapes that cross the core's boundary (docs/contract.md). Pure types and constants: both
// processes import this file, so it must not import anything of Node, Electron or zod.
import type { BodyHandle } from './body';

export const PROVIDER_IDS = ['google', 'spotify'] as const;
export type ProviderId = (typeof PROVIDER_IDS)[number];

export const SERVICE_IDS = ['google_gmail', 'google_calendar', 'google_drive', 'google_docs', 'spotify'] as const;
export type ServiceId = (typeof SERVICE_IDS)[number];

export const REDIRECT_MODES = ['loopback', 'protocol'] as const;
export type RedirectMode = (typeof REDIRECT_MODES)[number];

export const ERROR_CODES = [
  'invalid_input',
  'unknown_channel',
  'not_configured',
  'not_found',
  'access_denied',
  'state_mismatch',
  'timeout',
  'cancelled',
  'host_not_allowed',
  'reauth_required',
  'provider_error',
  'network_error',
  /** Junction's own fault (a bug), not the provider's or the person's: the log has details. */
  'internal',
  /** Local API: no key, or a key Junction does not know (HTTP 401). */
  'unauthorized',
  /** Local API: the key may not use that service, or the request came from a web page (HTTP 403). */
  'forbidden',
  /** Local API: more than one thing matches, e.g. a service with several connections (HTTP 409). */
  'conflict',
  /** Local API: the request body is over the limit (HTTP 413). */
  'too_large',
  /** Local API: the key sent too many requests; wait for Retry-After (HTTP 429). */
  'rate_limited',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface OptionalScope {
  scope: string;
  description: string;
}

export interface Service {
  id: ServiceId;
  provider: ProviderId;
  name: string;
  /** The scopes every connection of this service asks for. */
  scopes: string[];
  /** Scopes a person may tick before connecting, on top of `scopes`. */
  optionalScopes: OptionalScope[];
  /** Every scope of `scopes` and `optionalScopes` with its plain meaning, for "granted versus asked". Optional for older cores. */
  scopeInfo?: OptionalScope[];
  apiBaseUrl: string;
  /**
   * Origins (`https://host`, or the base's own origin) a request with this service's token may
   * reach: the core's allowlist, so the window can tell a URL the core would refuse. Optional for
   * the window's sake; the core always fills it.
   */
  allowedOrigins?: string[];
  configured: boolean;
  /** A who-am-I request relative to `apiBaseUrl`, for the "Test" button; null where the API has none. */
  testPath: string | null;
  /** The provider's API reference, for people composing requests by hand. */
  docsUrl: string;
}

export interface ProviderSettings {
  provider: ProviderId;
  name: string;
  configured: boolean;
  clientId?: string;
  hasClientSecret: boolean;
  /** Whether the provider's token endpoint needs a client secret (Google's Desktop clients do). */
  needsClientSecret: boolean;
  redirectMode: RedirectMode;
  /** The redirect modes this provider accepts; Google accepts loopback only. */
  redirectModes: RedirectMode[];
  /** What to register at the provider's console for the chosen mode. */
  redirectUri: string;
  /** Where the person creates a client ID. */
  consoleUrl: string;
  /** How to register the redirect URI at the provider, in a sentence or two. */
  redirectHelp: string;
  /**
   * Whether the provider's console must be told the redirect URI (Spotify: exactly as shown). Google's
   * Desktop clients accept any loopback port unregistered, so the window does not ask to register one.
   */
  registersRedirectUri: boolean;
  /**
   * The person ticked "This client is in Testing" (Google: OAuth consent screen → Publishing status):
   * Google then ends refresh tokens 7 days after sign-in. Always set by the core; optional for older callers.
   */
  testingClient?: boolean;
  /**
   * Present exactly when `configured` is false: the field still to fill in (Google without the
   * client secret its token endpoint requires: `clientSecret`), for the window to mark in red.
   */
  missing?: 'clientId' | 'clientSecret';
}

export interface Account {
  id?: string;
  email?: string;
  displayName?: string;
}

export type ConnectionStatus = 'connected' | 'needs_reauth';

export const HEALTH_STATES = ['ok', 'expiring', 'needs_reauth'] as const;
export type HealthState = (typeof HEALTH_STATES)[number];

/** How a connection is doing, foreseen from its refresh token's life and the core's clock. */
export interface ConnectionHealth {
  state: HealthState;
  /** One sentence for the person: what is going on and what to do. */
  message: string;
  /** When `expiring`: the moment (ms epoch) the sign-in ends, so Reconnect before it. */
  actBy?: number;
}

export interface Connection {
  id: string;
  service: ServiceId;
  provider: ProviderId;
  account: Account;
  scopes: string[];
  status: ConnectionStatus;
  /** Why the connection needs re-authorization, in words for the person. */
  reauthReason?: string;
  tokenExpiresAt: number | null;
  lastAuthorizedAt: number;
  lastRefreshedAt: number | null;
  createdAt: number;
  updatedAt: number;
  apiBaseUrl: string;
  /** When the current refresh token's life began (ms epoch); null when unknown (e.g. imported). */
  refreshTokenIssuedAt?: number | null;
  /** When the refresh token stops working (ms epoch); null when the provider sets no limit or it is unknown. */
  refreshTokenExpiresAt?: number | null;
  /** The last API request sent with this connection (ms epoch); null when none yet. */
  lastUsedAt?: number | null;
  health: ConnectionHealth;
}

export interface OAuthStartResult {
  state: string;
  authUrl: string;
  service: ServiceId;
  redirectUri: string;
}
export interface ApiResponse {
  status: number;
  statusText: string;
  headers: Record<string, string>;
  body: string;
  json?: unknown;
  bodyEncoding: 'utf8' | 'base64';
  sizeBytes: number;
  durationMs: number;
  attempts: number;
  refreshed: boolean;
  truncated: boolean;
  /** The final URL after redirects, for display. */
  url: string;
  /** What a known provider error means and what to do, e.g. Spotify's development-mode 403. */
  hint?: string;
  /**
   * On a 401/403 the provider gave for a missing scope: the scopes to ask for (Grant access calls
   * `oauth.start` with the connection's scopes plus these). Absent on any other answer.
   */
  missingScopes?: string[];
  /** Milliseconds the request waited in Junction's pacer for the provider's rate limit; absent when it did not wait. */
  waitedMs?: number;
  /** Every attempt in order, with the wait before it and why (the response's timeline); the last is this answer. */
  attemptLog?: AttemptRecord[];
  /** The body as the main process keeps it, for `api.body` and `api.saveBody`; absent when there is no body. */
  bodyHandle?: BodyHandle;
}

/** Why an attempt waited before it went: the provider's rate limit (the pacer), a retry's backoff after a 502/503/504, or a token refresh after a 401. */
export const ATTEMPT_WAITS = ['rate_limit', 'backoff', 'refresh'] as const;
export type AttemptWait = (typeof ATTEMPT_WAITS)[number];

/** One attempt of an `api.request`: what it got, and what held it up before it was sent. */
export interface AttemptRecord {
  /** The HTTP status the attempt got (a 429, a 302 followed, a 503 retried, …). */
  status: number;
  /** Milliseconds from the end of the attempt before (or the start) to this one's send, when at least 1. */
  waitedMs?: number;
  /** Why it waited; absent when it did not wait for anything in particular. */
  waitedFor?: AttemptWait;
  /** Milliseconds from send to the answer's headers. */
  durationMs: number;
}

/** How a connection is being paced now (`connections.pace`). */
export interface ConnectionPace {
  requestsLastMinute: number;
  /** Requests waiting for their turn. */
  queued: number;
  inFlight: number;
  /** Epoch ms of the next send the pacer allows; null when nothing waits. */
  nextSendAt: number | null;
  /** Current requests per second: the service's published pace, or less after a rate limit. */
  ratePerSecond: number;
  /** While a rate limit holds the connection: "waiting for Google's rate limit (12 s)". */
  reason?: string;
}

export interface StorageInfo {
  backend: string;
  secure: boolean;
  /** The person accepted weaker storage for tokens (only asked when `secure` is false). */
  insecureAccepted: boolean;
}

export interface AppInfo {
  storage: StorageInfo;
  protocolScheme: string;
  /** Things the person should hear about once (a damaged file set aside); cleared once read. */
  notices: string[];
}

export interface CoreErrorShape {
  code: ErrorCode;
  message: string;
  /** For an `access_denied` that a missing scope caused (a quick action's check, the provider's 403): the scopes to ask for. */
  missingScopes?: string[];
}

export type CoreEvent =
  | { type: 'connections.changed' }
  /** Once per connection per refresh token, when its health first turns `expiring`. */
  | { type: 'connection.expiring'; connectionId: string; actBy: number }
  | {
      type: 'oauth.finished';
      state: string;
      ok: boolean;
      error?: CoreErrorShape;
      /** The primary service's connection. */
      connectionId?: string;
      /** Every connection the sign-in made or repaired (several services in one consent), the primary first. */
      connectionIds?: string[];
    }
  | { type: 'storage.changed'; storage: StorageInfo }
  | {
      type: 'api.progress';
      requestId: string;
      pages: number;
      items: number;
      /** While the next page waits out the provider's rate limit: ms still to wait. */
      waitingMs?: number;
      /** Why it waits, for a person: "waiting for Google's rate limit (12 s)". */
      reason?: string;
    };

/** The local API's state (docs/local-api.md). */
export interface LocalApiStatus {
  enabled: boolean;
  port: number;
  /** e.g. http://127.0.0.1:7431 */
  address: string;
  running: boolean;
  /** Why it is not running although enabled, in words for the person (e.g. the port is taken). */
  error?: string;
}

/** A local API key as listed: never the key itself, which is shown once when created. */
export interface LocalApiKey {
  id: string;
  name: string;
  services: ServiceId[];
  createdAt: number;
  lastUsedAt: number | null;
}

/** The answer to creating a key: the only time the key crosses IPC. */
export interface LocalApiNewKey {
  key: string;
  id: string;
  name: string;
  services: ServiceId[];
  createdAt: number;
}

/** One call to the local API, for History → Local API: never the key or a token. */
export interface LocalApiLogEntry {
  at: number;
  /** null when the request named no key Junction knows. */
  keyName: string | null;
  method: string;
  /** The path without its query string. */
  path: string;
  status: number;
  durationMs: number;
}

export type Envelope<T = unknown> = { ok: true; data: T } | { ok: false; error: CoreErrorShape };
