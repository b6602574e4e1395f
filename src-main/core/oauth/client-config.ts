import * as oauth from 'oauth4webapi';
import type { ResolvedProvider } from '../config';

/** What oauth4webapi needs to talk to one provider with one client. */
export interface ClientConfig {
  as: oauth.AuthorizationServer;
  client: oauth.Client;
  auth: oauth.ClientAuth;
  /** Per-request options: the injected fetch, plain http only where the endpoints are loopback. */
  requestOptions(signal?: AbortSignal): RequestOptions;
}

/** Fits every oauth4webapi call's options (token, userinfo, revocation). */
export interface RequestOptions {
  signal: AbortSignal;
  [oauth.customFetch]?: never;
  [oauth.allowInsecureRequests]?: boolean;
}

export const TOKEN_REQUEST_TIMEOUT_MS = 30_000;

/**
 * @see https://www.rfc-editor.org/rfc/rfc8414 (the metadata shape oauth4webapi expects)
 * @see https://www.rfc-editor.org/rfc/rfc9207 (the `issuer` each callback's `iss` is checked against)
 */
export function clientConfig(
  provider: ResolvedProvider,
  credentials: { clientId: string; clientSecret?: string },
  fetchImpl: typeof fetch | undefined,
): ClientConfig {
  const as: oauth.AuthorizationServer = {
    issuer: provider.issuer,
    authorization_endpoint: provider.authorizationEndpoint,
    token_endpoint: provider.tokenEndpoint,
    ...(provider.revocationEndpoint ? { revocation_endpoint: provider.revocationEndpoint } : {}),
    ...(provider.userinfoEndpoint ? { userinfo_endpoint: provider.userinfoEndpoint } : {}),
  };
  const client: oauth.Client = { client_id: credentials.clientId };
  const auth =
    provider.definition.clientAuth === 'client_secret_post' ? oauth.ClientSecretPost(credentials.clientSecret ?? '') : oauth.None();
  // Config validation already refused plain http anywhere but loopback.
  const insecure = [provider.tokenEndpoint, provider.revocationEndpoint, provider.userinfoEndpoint].some((u) => u?.startsWith('http:'));
  const timeoutMs = provider.requestTimeoutMs ?? TOKEN_REQUEST_TIMEOUT_MS;
  return {
    as,
    client,
    auth,
    requestOptions: (signal) => ({
      signal: signal ? AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]) : AbortSignal.timeout(timeoutMs),
      ...(fetchImpl ? { [oauth.customFetch]: fetchImpl as never } : {}),
      ...(insecure ? { [oauth.allowInsecureRequests]: true } : {}),
    }),
  };
}
