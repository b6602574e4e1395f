import * as oauth from 'oauth4webapi';
import type { Catalog } from '../config';
import type { ConnectionView } from '../connection-view';
import { CoreError } from '../errors';
import type { Account, Connection } from '../../../src-shared/types';
import { lifeAfterSignIn } from '../tokens/token-life';
import type { ConnectionVault } from '../vault/connection-vault';
import { fetchAccount } from './identity';
import { saveSignIn } from './save-sign-in';
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
 * tokens become the account's grant, shared by its services; each service of the flow gets its
 * connection, the account's existing one repaired in place; an account without an id is never
 * matched. Returns every connection the sign-in made or repaired, the primary first.
 */
export function storeConnection(deps: ExchangeDeps, flow: PendingFlow, { tokens, account }: Granted): Connection[] {
  const { vault, now } = deps;
  assertLive(flow);
  const saved = saveSignIn(vault, now, {
    provider: flow.provider,
    services: flow.services,
    account,
    // The person may grant fewer scopes than asked: what the token response says is the truth.
    scopes: tokens.scope ? tokens.scope.split(' ').filter(Boolean) : flow.scopes,
    tokens,
    life: lifeAfterSignIn(tokens, now()),
    refreshedAt: null,
  });
  return saved.map(deps.view);
}
