import * as oauth from 'oauth4webapi';
import type { Catalog } from './config';
import { clientConfig } from './oauth/client-config';
import type { ProviderSettingsService } from './provider-settings';
import type { CoreEvent } from './types';
import type { ConnectionVault, Secrets } from './vault/connection-vault';

export interface DisconnectDeps {
  catalog: Catalog;
  settings: ProviderSettingsService;
  vault: ConnectionVault;
  fetch: typeof fetch;
  emit(event: CoreEvent): void;
}

/**
 * Revokes at the provider where it can (RFC 7009; for Google, revoking the refresh token revokes
 * the whole grant), then deletes the record and its secrets. A failed revocation still deletes
 * locally, and says so.
 * @see https://www.rfc-editor.org/rfc/rfc7009#section-2
 */
export async function disconnect(deps: DisconnectDeps, id: string): Promise<{ revoked: boolean; message?: string }> {
  const record = deps.vault.get(id);
  const provider = deps.catalog.provider(record.provider);
  const name = provider.definition.name;
  let result: { revoked: boolean; message?: string };
  if (!provider.revocationEndpoint) {
    result = {
      revoked: false,
      message: `${name} offers apps no way to revoke access, so Junction deleted its copy. To remove Junction's access completely, visit ${provider.definition.manageAccessUrl}. A token already issued stays valid until it expires (at most an hour).`,
    };
  } else {
    // Written before the provider is asked: a crash after the revocation must not leave the
    // record behind as a broken connection (the vault finishes the delete on the next start).
    deps.vault.markDisconnecting(id);
    result = await revoke(deps, id, record.provider, name, provider.definition.manageAccessUrl);
  }
  deps.vault.delete(id);
  deps.emit({ type: 'connections.changed' });
  return result;
}

async function revoke(
  deps: DisconnectDeps,
  id: string,
  providerId: Parameters<ProviderSettingsService['credentials']>[0],
  name: string,
  manageUrl: string,
): Promise<{ revoked: boolean; message?: string }> {
  const failed = (why: string) => ({
    revoked: false,
    message: `Junction deleted the connection, but could not revoke it at ${name} (${why}). To be sure, remove Junction's access at ${manageUrl}.`,
  });
  let secrets: Secrets;
  try {
    secrets = deps.vault.secrets(id);
  } catch {
    return failed('the saved sign-in could not be read');
  }
  const credentials = deps.settings.credentials(providerId);
  if (!credentials) return failed('the client ID is no longer set');
  const config = clientConfig(deps.catalog.provider(providerId), credentials, deps.fetch);
  try {
    const token = secrets.refreshToken ?? secrets.accessToken;
    const response = await oauth.revocationRequest(config.as, config.client, config.auth, token, {
      ...config.requestOptions(AbortSignal.timeout(10_000)),
      additionalParameters: { token_type_hint: secrets.refreshToken ? 'refresh_token' : 'access_token' },
    });
    await oauth.processRevocationResponse(response);
    return { revoked: true };
  } catch (error) {
    return failed(error instanceof Error && error.name === 'TimeoutError' ? 'it did not answer in time' : 'it refused or could not be reached');
  }
}
