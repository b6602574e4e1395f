// How long a refresh token lives, from what the provider said or, failing that, its rule in the
// provider data (providers/*.ts). Only times are kept here, never a token.
import type * as oauth from 'oauth4webapi';
import type { ProviderDefinition } from '../providers/types';

/** The refresh-token clock as stored with a connection. */
export interface TokenLife {
  /** When the current refresh token's life began; null when unknown (imported) or there is none. */
  refreshTokenIssuedAt: number | null;
  /** The end the provider declared (`refresh_token_expires_in`); null when it said nothing. */
  refreshTokenDeclaredExpiresAt: number | null;
}

/** `refresh_token_expires_in` (seconds; Google sends it for time-limited grants) as ms epoch, or null. */
export function declaredExpiry(tokens: oauth.TokenEndpointResponse, at: number): number | null {
  const raw = tokens['refresh_token_expires_in'];
  const seconds = typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : raw;
  return typeof seconds === 'number' && Number.isFinite(seconds) && seconds > 0 ? at + seconds * 1000 : null;
}

/** After a completed sign-in: a new grant, so its clock starts now. */
export function lifeAfterSignIn(tokens: oauth.TokenEndpointResponse, at: number): TokenLife {
  if (!tokens.refresh_token) return { refreshTokenIssuedAt: null, refreshTokenDeclaredExpiresAt: null };
  return { refreshTokenIssuedAt: at, refreshTokenDeclaredExpiresAt: declaredExpiry(tokens, at) };
}

/**
 * After a refresh: a rotated token inherits its predecessor's end (Spotify), so the clock keeps
 * running unless the provider declares a new end.
 */
export function lifeAfterRefresh(tokens: oauth.TokenEndpointResponse, at: number, previous: TokenLife): TokenLife {
  return { ...previous, refreshTokenDeclaredExpiresAt: declaredExpiry(tokens, at) ?? previous.refreshTokenDeclaredExpiresAt };
}

/** When the refresh token ends: what the provider declared, else the provider's rule; null when unknown or unlimited. */
export function refreshTokenExpiresAt(
  life: TokenLife,
  provider: Pick<ProviderDefinition, 'refreshTokenExpiry'>,
  testingClient: boolean,
): number | null {
  if (life.refreshTokenDeclaredExpiresAt !== null) return life.refreshTokenDeclaredExpiresAt;
  if (life.refreshTokenIssuedAt === null) return null;
  return provider.refreshTokenExpiry(life.refreshTokenIssuedAt, { testingClient });
}
