// The shapes that cross the core's boundary (docs/contract.md). Pure types and constants: both
// processes import this file, so it must not import anything of Node, Electron or zod.

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
  apiBaseUrl: string;
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
}

export interface Account {
  id?: string;
  email?: string;
  displayName?: string;
}

export type ConnectionStatus = 'connected' | 'needs_reauth';

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
}

export type CoreEvent =
  | { type: 'connections.changed' }
  | { type: 'oauth.finished'; state: string; ok: boolean; error?: CoreErrorShape; connectionId?: string }
  | { type: 'storage.changed'; storage: StorageInfo }
  | { type: 'api.progress'; requestId: string; pages: number; items: number };

export type Envelope<T = unknown> = { ok: true; data: T } | { ok: false; error: CoreErrorShape };
