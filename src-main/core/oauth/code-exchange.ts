import { randomUUID } from 'node:crypto';
import * as oauth from 'oauth4webapi';
import type { Catalog } from '../config';
import type { ConnectionView } from '../connection-view';
import { CoreError } from '../errors';
import type { Account, Connection } from '../../../src-shared/types';
import { lifeAfterSignIn } from '../tokens/token-life';
import type { ConnectionVault } from '../vault/connection-vault';
import { fetchAccount } from './identity';
import type { PendingFlow } from './pending-flows';

export interface ExchangeDeps {
  catalog: Catalog;
  vault: ConnectionVault;
  view: ConnectionView;
  fetch: typeof fetch;
  now: () => number;
}

/** What the provider granted, not stored yet. */
export interface Granted {
  tokens: oauth.TokenEndpointResponse;
  account: Account;
}

/** Throws what ended the flow (timeout, cancel, close, withdrawn consent) if it is no longer live. */
export function assertLive(flow: PendingFlow): void {
  if (flow.phase !== 'done') return;
  throw flow.outcome && !flow.outcome.ok ? flow.outcome.error : new CoreError('cancelled', 'The sign-in ended.');
}

/**
 * The token request and the identity lookup, stopped by the flow's abort signal; after every
 * await the flow must still be live, or the tokens are dropped unstored.
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-4.1.3
 */
export async function exchangeCode(deps: ExchangeDeps, flow: PendingFlow, params: URLSearchParams): Promise<Granted> {
  const { as, client, auth } = flow.config;
  const signal = flow.abort.signal;
  const provider = deps.catalog.provider(flow.provider);
  const response = await oauth.authorizationCodeGrantRequest(
    as,
    client,
    auth,
    params,
    flow.redirectUri,
    flow.verifier,
    flow.config.requestOptions(signal),
  );
  assertLive(flow);
  const tokens = await oauth.processAuthorizationCodeResponse(as, client, response);
  assertLive(flow);
  const claims = oauth.getValidatedIdTokenClaims(tokens);
  const account = await fetchAccount(deps.catalog, provider, flow.config, tokens.access_token, claims, deps.fetch, signal);
  assertLive(flow);
  return { tokens, account };
}

/**
 * Synchronous from the liveness check to the write, so a flow that has ended never stores. The
 * same account of the same service is repaired in place; an account without an id never is.
 */
export function storeConnection(deps: ExchangeDeps, flow: PendingFlow, { tokens, account }: Granted): Connection {
  const { vault, now } = deps;
  assertLive(flow);
  // The person may grant fewer scopes than asked: what the token response says is the truth.
  const scopes = tokens.scope ? tokens.scope.split(' ').filter(Boolean) : flow.scopes;
  const existing = account.id ? vault.findByAccount(flow.service, account.id) : undefined;
  const at = now();
  const stored = vault.save(
    {
      id: existing?.id ?? randomUUID(),
      service: flow.service,
      provider: flow.provider,
      account,
      scopes,
      status: 'connected',
      tokenExpiresAt: typeof tokens.expires_in === 'number' ? at + tokens.expires_in * 1000 : null,
      lastAuthorizedAt: at,
      lastRefreshedAt: existing?.lastRefreshedAt ?? null,
      createdAt: existing?.createdAt ?? at,
      updatedAt: at,
      ...lifeAfterSignIn(tokens, at),
      ...(existing?.lastUsedAt !== undefined ? { lastUsedAt: existing.lastUsedAt } : {}),
    },
    { accessToken: tokens.access_token, ...(tokens.refresh_token ? { refreshToken: tokens.refresh_token } : {}) },
  );
  return deps.view(stored);
}
