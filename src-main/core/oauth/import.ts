// `connections.import`: connect from a refresh token the person already has (their own earlier
// sign-in with the same client), as integration APIs offer a programmatic connect. The token is
// write-only: it goes to the token endpoint and, encrypted, to the vault; never into a result,
// an event, a log line or an error message.
import * as oauth from 'oauth4webapi';
import { CoreError } from '../errors';
import { declaredExpiry } from '../tokens/token-life';
import type { Connection, ServiceId } from '../../../src-shared/types';
import type { ConnectionRecord } from '../vault/connection-vault';
import { clientConfig } from './client-config';
import type { FlowDeps } from './flows';
import { fetchAccount } from './identity';
import { toCoreError } from './protocol-errors';
import { saveSignIn } from './save-sign-in';

/** What a sign-in needs, less the browser: consent is checked before the provider is asked, and again by the vault at the write. */
export type ImportDeps = Omit<FlowDeps, 'openExternal' | 'protocolScheme' | 'flowTimeoutMs'>;

/** Refusals that mean "this token is no good for this client": dead, revoked, or issued to another client. */
const REFUSED = new Set(['invalid_grant', 'unauthorized_client']);

/** Defence in depth: no provider should quote the token back, but if one does, it goes no further. */
function redact(error: CoreError, token: string): CoreError {
  return error.message.includes(token) ? new CoreError(error.code, error.message.split(token).join('[the token]')) : error;
}

export async function importRefreshToken(deps: ImportDeps, service: ServiceId, refreshToken: string): Promise<Connection> {
  const { catalog, settings, vault, now } = deps;
  const providerId = catalog.service(service).provider.id;
  const provider = catalog.provider(providerId);
  const { name } = provider.definition;
  const config = clientConfig(provider, settings.require(providerId), deps.fetch);
  deps.consent.assert('sign-in');

  let tokens: oauth.TokenEndpointResponse;
  try {
    const response = await oauth.refreshTokenGrantRequest(config.as, config.client, config.auth, refreshToken, config.requestOptions());
    tokens = await oauth.processRefreshTokenResponse(config.as, config.client, response);
  } catch (error) {
    if (error instanceof oauth.ResponseBodyError && REFUSED.has(error.error)) {
      const words = error.error_description ? `${error.error_description} (${error.error})` : error.error;
      throw redact(
        new CoreError(
          'reauth_required',
          `${name} refused this refresh token: ${words}. It may have expired, been revoked, or come from another client ID than the one in Settings. Nothing was saved; connect through the browser instead.`,
        ),
        refreshToken,
      );
    }
    throw redact(toCoreError(error, name, 'refresh', new URL(provider.tokenEndpoint).host), refreshToken);
  }

  const claims = oauth.getValidatedIdTokenClaims(tokens);
  // The identity lookup may take as long as a token request does.
  const account = await fetchAccount(catalog, provider, config, tokens.access_token, claims, deps.fetch, config.requestOptions().signal);
  // The consent may have changed while the provider answered (the vault checks it again at the write).
  deps.consent.assert('sign-in');
  const at = now();
  // The account's grant, shared by its services, takes the token; a connection of the same
  // service and account is repaired in place. A rotating provider (Spotify) has just replaced the
  // given token: the new one is kept.
  const [stored] = saveSignIn(vault, now, {
    provider: providerId,
    services: [service],
    account,
    // What the provider says this token carries; unknown (not said) is none, so actions check honestly.
    scopes: tokens.scope ? tokens.scope.split(' ').filter(Boolean) : [],
    tokens: { ...tokens, refresh_token: tokens.refresh_token ?? refreshToken },
    // When the token was first issued is unknown, so only an end the provider declares applies.
    life: { refreshTokenIssuedAt: null, refreshTokenDeclaredExpiresAt: declaredExpiry(tokens, at) },
    refreshedAt: at,
  });
  deps.emit({ type: 'connections.changed' });
  return deps.view(stored as ConnectionRecord);
}
