import * as oauth from 'oauth4webapi';
import type { Catalog } from './config';
import { clientConfig } from './oauth/client-config';
import type { ProviderSettingsService } from './provider-settings';
import type { CoreEvent } from '../../src-shared/types';
import type { ConnectionRecord, ConnectionVault, Secrets } from './vault/connection-vault';

export interface DisconnectDeps {
  catalog: Catalog;
  settings: ProviderSettingsService;
  vault: ConnectionVault;
  fetch: typeof fetch;
  emit(event: CoreEvent): void;
  /** Cancels the connection's API requests and holds off new ones until the returned function runs. */
  suspendRequests?(id: string): () => void;
}

/**
 * Revokes at the provider where it can (RFC 7009; for Google, revoking the refresh token revokes
 * the whole grant), then deletes the record and its secrets. A failed revocation still deletes
 * locally, and says so.
 * @see https://www.rfc-editor.org/rfc/rfc7009#section-2
 */
export async function disconnect(deps: DisconnectDeps, id: string): Promise<{ revoked: boolean; message?: string }> {
  const record = deps.vault.get(id);
  // Before anything else: no request may go out with this connection's token from here on.
  const resume = deps.suspendRequests?.(id);
  try {
    return await revokeAndDelete(deps, record);
  } finally {
    resume?.();
  }
}

async function revokeAndDelete(deps: DisconnectDeps, record: ConnectionRecord): Promise<{ revoked: boolean; message?: string }> {
  const { id } = record;
  const provider = deps.catalog.provider(record.provider);
  const { name, manageAccessUrl } = provider.definition;
  // The sign-in is shared with other services of the account: revoking it would end theirs too.
  const others = deps.vault.linksOf(record.grantId).filter((link) => link.id !== id && link.disconnectingAt === undefined);
  let result: { revoked: boolean; message?: string };
  if (others.length > 0) {
    const names = others.map((link) => deps.catalog.service(link.service).definition.name).join(', ');
    const service = deps.catalog.service(record.service).definition.name;
    result = {
      revoked: false,
      message: `Junction removed ${service}. ${names} still ${others.length === 1 ? 'uses' : 'use'} the same ${name} sign-in${
        record.account.email ? ` for ${record.account.email}` : ''
      }, so its access was not revoked at ${name}; disconnecting the last of them revokes it.`,
    };
  } else if (!provider.revocationEndpoint) {
    result = {
      revoked: false,
      message: `${name} offers apps no way to revoke access, so Junction deleted its copy. ${noRevocation(manageAccessUrl)}`,
    };
  } else {
    // Written before the provider is asked: a crash after the revocation must not leave the
    // record behind as a broken connection (the core finishes the disconnect on the next start).
    deps.vault.markDisconnecting(id);
    const outcome = await revoke(deps, record);
    result = outcome.revoked
      ? { revoked: true }
      : {
          revoked: false,
          message: `Junction deleted the connection, but could not revoke it at ${name} (${outcome.why}). ${checkAt(manageAccessUrl)}`,
        };
  }
  deps.vault.delete(id);
  deps.emit({ type: 'connections.changed' });
  return result;
}

/**
 * Finishes the disconnects Junction was stopped in the middle of: asks the provider to revoke
 * again, then deletes. Asking twice is harmless, since a revocation endpoint answers 200 for a
 * token that is already invalid (RFC 7009 §2.2). Returns one notice per connection.
 */
export async function finishInterruptedDisconnects(deps: DisconnectDeps, timeoutMs: number): Promise<string[]> {
  const interrupted = deps.vault.interruptedDisconnects();
  if (interrupted.length === 0) return [];
  const notices = await Promise.all(
    interrupted.map(async (record) => {
      const provider = deps.catalog.provider(record.provider);
      const { name, manageAccessUrl } = provider.definition;
      const who = record.account.email ?? record.account.displayName ?? record.service;
      const finished = `Junction finished disconnecting ${who}, which it was removing when it last stopped`;
      if (!provider.revocationEndpoint) return `${finished}. ${noRevocation(manageAccessUrl)}`;
      const outcome = await revoke(deps, record, AbortSignal.timeout(timeoutMs));
      return outcome.revoked
        ? `${finished}; ${name} confirmed that its access is revoked.`
        : `${finished}, but could not revoke it at ${name} (${outcome.why}). ${checkAt(manageAccessUrl)}`;
    }),
  );
  deps.vault.dropDisconnected(interrupted.map((record) => record.id));
  return notices;
}

const noRevocation = (manageUrl: string) =>
  `To remove Junction's access completely, visit ${manageUrl}. A token already issued stays valid until it expires (at most an hour).`;
const checkAt = (manageUrl: string) => `To be sure, remove Junction's access at ${manageUrl}.`;

async function revoke(
  deps: DisconnectDeps,
  record: ConnectionRecord,
  signal = AbortSignal.timeout(10_000),
): Promise<{ revoked: true } | { revoked: false; why: string }> {
  let secrets: Secrets;
  try {
    secrets = deps.vault.secrets(record.id);
  } catch {
    return { revoked: false, why: 'the saved sign-in could not be read' };
  }
  const credentials = deps.settings.credentials(record.provider);
  if (!credentials) return { revoked: false, why: 'the client ID is no longer set' };
  const config = clientConfig(deps.catalog.provider(record.provider), credentials, deps.fetch);
  try {
    const token = secrets.refreshToken ?? secrets.accessToken;
    const response = await oauth.revocationRequest(config.as, config.client, config.auth, token, {
      ...config.requestOptions(signal),
      additionalParameters: { token_type_hint: secrets.refreshToken ? 'refresh_token' : 'access_token' },
    });
    await oauth.processRevocationResponse(response);
    return { revoked: true };
  } catch (error) {
    return {
      revoked: false,
      why: error instanceof Error && error.name === 'TimeoutError' ? 'it did not answer in time' : 'it refused or could not be reached',
    };
  }
}
