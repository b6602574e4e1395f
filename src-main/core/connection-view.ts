import type { Catalog } from './config';
import { computeHealth } from './health';
import type { ProviderSettingsService } from './provider-settings';
import { refreshTokenExpiresAt } from './tokens/token-life';
import type { Connection } from '../../src-shared/types';
import type { ConnectionVault, StoredConnection } from './vault/connection-vault';

export interface ViewDeps {
  catalog: Catalog;
  settings: Pick<ProviderSettingsService, 'testingClient'>;
  vault: Pick<ConnectionVault, 'lastUsedAt'>;
  now: () => number;
}

export type ConnectionView = (record: StoredConnection) => Connection;

/**
 * The public face of a stored connection: every field but the secret and the core's bookkeeping,
 * plus where its API lives, its refresh token's life and its health at the core's `now`.
 */
export function connectionView(deps: ViewDeps): ConnectionView {
  return (record) => {
    const {
      grantId: _grantId,
      disconnectingAt: _disconnectingAt,
      refreshTokenDeclaredExpiresAt,
      expiringNotifiedFor: _notified,
      lastUsedAt: _lastUsedAt,
      refreshTokenIssuedAt,
      ...rest
    } = record;
    const { provider, apiBaseUrl } = deps.catalog.service(record.service);
    const expiresAt = refreshTokenExpiresAt(
      { refreshTokenIssuedAt, refreshTokenDeclaredExpiresAt },
      provider,
      deps.settings.testingClient(record.provider),
    );
    return {
      ...rest,
      apiBaseUrl,
      refreshTokenIssuedAt,
      refreshTokenExpiresAt: expiresAt,
      lastUsedAt: deps.vault.lastUsedAt(record.id),
      health: computeHealth(
        {
          status: record.status,
          reauthReason: record.reauthReason,
          lifeStartedAt: refreshTokenIssuedAt ?? record.lastAuthorizedAt,
          refreshTokenExpiresAt: expiresAt,
        },
        deps.now(),
      ),
    };
  };
}
