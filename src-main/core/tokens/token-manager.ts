import * as oauth from 'oauth4webapi';
import type { Catalog } from '../config';
import { CoreError } from '../errors';
import { clientConfig } from '../oauth/client-config';
import { toCoreError } from '../oauth/protocol-errors';
import type { ProviderSettingsService } from '../provider-settings';
import type { CoreEvent } from '../../../src-shared/types';
import type { ConnectionVault } from '../vault/connection-vault';
import type { StorageConsent } from '../vault/storage-consent';
import { lifeAfterRefresh } from './token-life';

/** Refresh this long before the access token expires, so a request never leaves with a dying one. */
export const REFRESH_SKEW_MS = 60_000;

export interface AccessToken {
  token: string;
  /** Whether getting it took a refresh. */
  refreshed: boolean;
}

export interface TokenManagerDeps {
  catalog: Catalog;
  settings: ProviderSettingsService;
  vault: ConnectionVault;
  /** Renewed tokens are written with the cipher: without consent (weaker storage) no refresh starts, and none is written. */
  consent: StorageConsent;
  fetch: typeof fetch;
  now: () => number;
  emit(event: CoreEvent): void;
}

/**
 * Hands out access tokens: refreshes ahead of expiry and after a 401, one refresh at a time per
 * grant — every service of an account shares one — however many requests of however many of its
 * connections wait (a second concurrent refresh with a rotating provider would look like token
 * theft and revoke the grant; RFC 9700 §4.14.2).
 */
export class TokenManager {
  /** Keyed by grant id. */
  private readonly inFlight = new Map<string, Promise<AccessToken>>();

  constructor(private readonly deps: TokenManagerDeps) {}

  private pending(connectionId: string): Promise<AccessToken> | undefined {
    const record = this.deps.vault.find(connectionId);
    return record ? this.inFlight.get(record.grantId) : undefined;
  }

  async get(connectionId: string): Promise<AccessToken> {
    const pending = this.pending(connectionId);
    if (pending) return pending;
    const record = this.usable(connectionId);
    const secrets = this.deps.vault.secrets(connectionId);
    const expiresAt = record.tokenExpiresAt;
    if (expiresAt !== null && expiresAt - REFRESH_SKEW_MS <= this.deps.now() && secrets.refreshToken) {
      return this.refreshOnce(connectionId);
    }
    return { token: secrets.accessToken, refreshed: false };
  }

  /**
   * After the API refused `rejected` with a 401. If another request already replaced that token,
   * the new one is used without a second refresh.
   */
  async afterRejection(connectionId: string, rejected: string): Promise<AccessToken> {
    const pending = this.pending(connectionId);
    if (pending) return pending;
    this.usable(connectionId);
    const secrets = this.deps.vault.secrets(connectionId);
    // Someone else's refresh already replaced it: this request still rides on a refresh.
    if (secrets.accessToken !== rejected) return { token: secrets.accessToken, refreshed: true };
    if (!secrets.refreshToken) {
      throw this.markNeedsReauth(
        connectionId,
        'The provider refused the saved sign-in and there is no way to renew it. Reconnect the account.',
      );
    }
    return this.refreshOnce(connectionId);
  }

  private usable(connectionId: string) {
    const record = this.deps.vault.get(connectionId);
    if (record.status === 'needs_reauth') {
      throw new CoreError('reauth_required', record.reauthReason ?? 'This connection needs you to sign in again. Reconnect the account.');
    }
    return record;
  }

  private refreshOnce(connectionId: string): Promise<AccessToken> {
    const { grantId } = this.deps.vault.get(connectionId);
    let pending = this.inFlight.get(grantId);
    if (!pending) {
      pending = this.refresh(connectionId).finally(() => this.inFlight.delete(grantId));
      this.inFlight.set(grantId, pending);
    }
    return pending;
  }

  /** @see https://www.rfc-editor.org/rfc/rfc6749#section-6 */
  private async refresh(connectionId: string): Promise<AccessToken> {
    const { catalog, settings, vault, now } = this.deps;
    const record = vault.get(connectionId);
    const secrets = vault.secrets(connectionId);
    const provider = catalog.provider(record.provider);
    if (!secrets.refreshToken) throw new CoreError('reauth_required', 'This sign-in cannot be renewed. Reconnect the account.');
    // Before the provider is asked: a rotating provider would retire the saved refresh token for one that could not be saved.
    this.deps.consent.assert('refresh');
    const config = clientConfig(provider, settings.require(record.provider), this.deps.fetch);
    let tokens: oauth.TokenEndpointResponse;
    try {
      const response = await oauth.refreshTokenGrantRequest(
        config.as,
        config.client,
        config.auth,
        secrets.refreshToken,
        config.requestOptions(),
      );
      tokens = await oauth.processRefreshTokenResponse(config.as, config.client, response);
    } catch (error) {
      const coreError = toCoreError(error, provider.definition.name, 'refresh', new URL(provider.tokenEndpoint).host);
      if (coreError.code === 'reauth_required') throw this.markNeedsReauth(connectionId, coreError.message);
      throw coreError;
    }
    const at = now();
    // Disconnected while the provider answered: saving now would bring the connection back. The
    // tokens are the grant's, so another service of the account still using it keeps them.
    const link = vault.linksOf(record.grantId).find((l) => l.disconnectingAt === undefined);
    const current = link && vault.find(link.id);
    if (!current) {
      throw new CoreError(
        'not_found',
        'That connection was disconnected while Junction renewed its sign-in. Connect the account again to use it.',
      );
    }
    if (!this.deps.consent.allowed) throw this.consentWithdrawnDuring(connectionId, secrets.refreshToken, tokens.refresh_token);
    // A rotated refresh token is on disk before the new access token is used; none back means keep the old one.
    // The grant is shared: every service of the account sees the new token, scopes and health.
    vault.updateGrant(
      record.grantId,
      {
        status: 'connected',
        reauthReason: undefined,
        scopes: tokens.scope ? tokens.scope.split(' ').filter(Boolean) : record.scopes,
        tokenExpiresAt: typeof tokens.expires_in === 'number' ? at + tokens.expires_in * 1000 : null,
        lastRefreshedAt: at,
        ...lifeAfterRefresh(tokens, at, {
          refreshTokenIssuedAt: current.refreshTokenIssuedAt,
          refreshTokenDeclaredExpiresAt: current.refreshTokenDeclaredExpiresAt,
        }),
      },
      { accessToken: tokens.access_token, refreshToken: tokens.refresh_token ?? secrets.refreshToken },
    );
    this.deps.emit({ type: 'connections.changed' });
    return { token: tokens.access_token, refreshed: true };
  }

  /**
   * Consent was withdrawn while the provider answered: the new tokens are dropped unwritten. If the
   * provider rotated the refresh token, the saved one is retired (and presenting it again would look
   * like token theft), so the connection needs a new sign-in; otherwise the saved one still works
   * once weaker storage is accepted again.
   */
  private consentWithdrawnDuring(connectionId: string, presented: string, issued: string | undefined): CoreError {
    if (issued === undefined || issued === presented) return this.deps.consent.refusal('refresh');
    return this.markNeedsReauth(
      connectionId,
      'Junction renewed this sign-in just as weaker storage stopped being accepted, so it could not save the renewed one and the saved one no longer works. Accept weaker storage in Settings, then reconnect the account.',
    );
  }

  private markNeedsReauth(connectionId: string, reason: string): CoreError {
    this.deps.vault.updateGrant(this.deps.vault.get(connectionId).grantId, { status: 'needs_reauth', reauthReason: reason });
    this.deps.emit({ type: 'connections.changed' });
    return new CoreError('reauth_required', reason);
  }
}
