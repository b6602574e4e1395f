import type { Account, OptionalScope, ProviderId, RedirectMode, ServiceId } from '../../../src-shared/types';

/** How fast Junction sends to one connection of a service (src-main/core/proxy/pacer.ts). */
export interface Pace {
  /** Sustained requests per second, from the provider's published per-user limit. */
  ratePerSecond: number;
  /** Requests that may go at once after a quiet spell. */
  burst: number;
  /** Requests in flight at once. */
  concurrency: number;
}

/** One API a provider offers, as data. */
export interface ServiceDefinition {
  id: ServiceId;
  name: string;
  apiBaseUrl: string;
  /** Hosts an absolute URL (or a redirect) may reach with this service's token, https only. */
  allowedHosts: string[];
  /** Scopes every connection asks for, on top of the provider's identity scopes. */
  scopes: string[];
  optionalScopes: OptionalScope[];
  /** Who-am-I, relative to apiBaseUrl; null where the API has none (Docs: use userinfo). */
  testPath: string | null;
  docsUrl: string;
  /** The pace a connection starts at and climbs back to after a rate limit (docs/providers.md). */
  pace: Pace;
}

/** How a connection learns whose account it is. */
export type IdentitySource =
  { kind: 'userinfo' } | { kind: 'api'; service: ServiceId; path: string; map(json: Record<string, unknown>): Account };

/** A provider as data: adding a third provider means adding one file like google.ts. */
export interface ProviderDefinition {
  id: ProviderId;
  name: string;
  /** Expected `iss` of authorization responses (RFC 9207) and ID tokens. */
  issuer: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  /** RFC 7009 endpoint; null where the provider has none. */
  revocationEndpoint: string | null;
  userinfoEndpoint: string | null;
  /** Google's Desktop clients authenticate with a (non-confidential) secret; Spotify's PKCE clients don't. */
  clientAuth: 'client_secret_post' | 'none';
  redirectModes: RedirectMode[];
  /** Extra authorization request parameters. */
  authorizationParams: Record<string, string>;
  /** Scopes asked with every service so that identity works. */
  identityScopes: string[];
  identity: IdentitySource;
  /** Where a person creates a client ID. */
  consoleUrl: string;
  /** What to tell a person about registering the redirect URI. */
  redirectHelp: string;
  /** The provider's console must list the redirect URI (false: Google's Desktop clients take any loopback port). */
  registersRedirectUri: boolean;
  /** Where a person removes the app's access when the provider cannot revoke it. */
  manageAccessUrl: string;
  services: ServiceDefinition[];
  /** `error.errors[].reason` values of a 403 that mean "slow down", not "forbidden" (Google). */
  rateLimitReasons?: string[];
  /** The rate limit counts the app (client ID), not each user: one connection's limit holds all of them. */
  rateLimitPerApp?: boolean;
  /**
   * When a refresh token ends if the token response does not say (`refresh_token_expires_in`):
   * ms epoch from the original authorization `authorizedAt`, or null when the provider sets no limit.
   */
  refreshTokenExpiry(authorizedAt: number, context: { testingClient: boolean }): number | null;
  /** A hint for an API error the provider answers in a known way (e.g. Spotify's development mode). */
  explainApiError?(status: number, body: unknown): string | undefined;
}
