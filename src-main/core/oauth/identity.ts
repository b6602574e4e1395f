import * as oauth from 'oauth4webapi';
import type { Catalog, ResolvedProvider } from '../config';
import type { Account } from '../../../src-shared/types';
import type { ClientConfig } from './client-config';
import { nonEmptyString as str } from '../net';

/**
 * Whose account a fresh token belongs to: Google's userinfo (OIDC Core §5.3), Spotify's /me.
 * It is also how re-connecting the same account is recognised, so the answer decides which
 * connection new tokens land in: it must come from the configured endpoint itself and must not
 * contradict the ID token. No redirect is followed (a 3xx is no answer), and a userinfo `sub`
 * other than the ID token's is refused (oauth4webapi's expected-subject check, OIDC Core §5.3.2).
 * Failing to learn it does not fail the connection; the ID token's claims fill in what they can,
 * and an account without an id is never merged into an existing connection.
 * @see https://openid.net/specs/openid-connect-core-1_0.html#UserInfo
 */
export async function fetchAccount(
  catalog: Catalog,
  provider: ResolvedProvider,
  config: ClientConfig,
  accessToken: string,
  idClaims: oauth.IDToken | undefined,
  fetchImpl: typeof fetch,
  signal: AbortSignal,
): Promise<Account> {
  const fromClaims: Account = {
    id: str(idClaims?.sub),
    email: str(idClaims?.email),
    displayName: str(idClaims?.name),
  };
  const source = provider.definition.identity;
  try {
    switch (source.kind) {
      case 'userinfo': {
        if (!provider.userinfoEndpoint) return fromClaims;
        const response = await oauth.userInfoRequest(config.as, config.client, accessToken, config.requestOptions(signal));
        const info = await oauth.processUserInfoResponse(config.as, config.client, fromClaims.id ?? oauth.skipSubjectCheck, response);
        return { id: info.sub, email: str(info.email) ?? fromClaims.email, displayName: str(info.name) ?? fromClaims.displayName };
      }
      case 'api': {
        const base = catalog.service(source.service).apiBaseUrl;
        const response = await fetchImpl(`${base}${source.path}`, {
          headers: { Authorization: `Bearer ${accessToken}`, Accept: 'application/json' },
          // A redirect could hand the decision (and, to the same origin, the token) to another server.
          redirect: 'manual',
          signal: AbortSignal.any([signal, AbortSignal.timeout(15_000)]),
        });
        if (!response.ok) {
          await response.body?.cancel();
          return fromClaims;
        }
        const json: unknown = await response.json();
        if (!json || typeof json !== 'object') return fromClaims;
        const answer = source.map(json as Record<string, unknown>);
        // Where an ID token names the account, an API answer naming another is not believed (no provider has both today).
        if (fromClaims.id && answer.id !== fromClaims.id) return fromClaims;
        return { ...fromClaims, ...answer };
      }
    }
  } catch {
    return fromClaims;
  }
}
