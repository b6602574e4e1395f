import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import Provider, { type InteractionResult, type KoaContextWithOIDC } from 'oidc-provider';
import type { ProviderOverride } from '../../src-main/core/options';
import type { ServiceId } from '../../src-shared/types';
import { apiErrorBody, type PeerKind } from './api-errors';
import { closeServer, listenOnLoopback, readBody, sendJson, sleep } from './http-utils';
import { createPeerStore } from './peer-adapter';
import { buildConfiguration, PEER_CLIENTS } from './peer-config';
import { FaultQueue, isDelayOnly, playFault } from './peer-faults';
import { API_BASE_PATHS, installProfileRoutes, installTestRoutes } from './resource-routes';
import { startResourceServer, type PeerAccount, type ResourceServer, type TokenInfo } from './resource-server';
import { createPeerStats, type PeerStats } from './peer-stats';
import { installScopeRoutes } from './scope-routes';

export type { PeerAccount, PeerKind };

export interface OAuthPeerOptions {
  kind: PeerKind;
  /** Seconds; default 3600. */
  accessTokenTtl?: number;
  /** Default: spotify true, google false (as the real providers behave). */
  rotateRefreshTokens?: boolean;
  /** Redirect URIs registered besides http://127.0.0.1/callback and junction://oauth/callback. */
  extraRedirectUris?: string[];
}

export interface OAuthPeer {
  kind: PeerKind;
  issuer: string;
  clientId: string;
  clientSecret?: string;
  endpoints: { authorization: string; token: string; revocation: string; userinfo: string };
  /** Ready for CoreOptions.providers[kind]. */
  providerOverride: ProviderOverride;
  /** Service id → API base URL on the resource server. */
  apiBaseUrls: Partial<Record<ServiceId, string>>;
  /** Ready for CoreOptions.services. */
  servicesOverride: Partial<Record<ServiceId, { apiBaseUrl: string }>>;
  /** The resource-server resource indicator tokens are issued for. */
  resource: string;
  /** The account the next sign-in logs in as. */
  account: PeerAccount;
  setAccount(account: PeerAccount): void;
  /** The next authorization ends with error=access_denied (and iss), as when a person clicks "Cancel". */
  denyNext(description?: string): void;
  /** The next consent grants only these of the asked scopes, as when a person unticks boxes at Google. */
  grantOnlyNext(scopes: string[]): void;
  /** Every access token, refresh token and authorization code this peer ever issued, for leak checks. */
  issuedTokens(): string[];
  /** Fields added to every later successful token response (e.g. `refresh_token_expires_in`); null stops it. */
  addToTokenResponses(fields: Record<string, unknown> | null): void;
  stats: PeerStats;
  resetStats(): void;
  faults: { token: FaultQueue; revocation: FaultQueue; userinfo: FaultQueue };
  api: ResourceServer;
  provider: Provider;
  /** Destroys every access token, refresh token, code and grant: "revoked elsewhere". */
  revokeAll(): number;
  /** Makes every access token expired now ("The access token expired"); refresh still works. */
  expireAccessTokens(): number;
  /** Destroys access tokens only: unknown to the API (401 before expiry), refresh still works. */
  revokeAccessTokens(): number;
  /** Looks up a live access token as the resource server does; null if dead. */
  inspectToken(token: string): Promise<TokenInfo | null>;
  close(): Promise<void>;
}

export const DEFAULT_ACCOUNT: PeerAccount = { sub: 'user-1', email: 'ada@example.com', name: 'Ada Lovelace' };

export async function startOAuthPeer(options: OAuthPeerOptions): Promise<OAuthPeer> {
  const { kind } = options;
  const store = createPeerStore();
  const accounts = new Map<string, PeerAccount>([[DEFAULT_ACCOUNT.sub, DEFAULT_ACCOUNT]]);
  let current: PeerAccount = DEFAULT_ACCOUNT;
  let denial: string | undefined;
  let grantOnly: string[] | undefined;
  let tokenExtras: Record<string, unknown> | null = null;
  const stats = createPeerStats();
  const faults = { token: new FaultQueue(), revocation: new FaultQueue(), userinfo: new FaultQueue() };
  // The resource server must exist first (its URL is the resource indicator), so it reaches the
  // provider through this holder.
  const ref: { provider?: Provider } = {};

  async function inspectToken(token: string): Promise<TokenInfo | null> {
    const found = await ref.provider?.AccessToken.find(token, { ignoreExpiration: true });
    if (!found || found.isExpired) return null;
    return {
      token,
      accountId: found.accountId,
      clientId: found.clientId,
      scopes: (found.scope ?? '').split(' ').filter(Boolean),
      expiresAt: found.exp,
    };
  }

  const api = await startResourceServer({
    kind,
    accountFor: (sub) => accounts.get(sub),
    async lookupToken(token) {
      const found = await ref.provider?.AccessToken.find(token, { ignoreExpiration: true });
      if (!found) return 'invalid';
      if (found.isExpired) return 'expired';
      return (await inspectToken(token)) ?? 'invalid';
    },
  });
  installProfileRoutes(api, kind);
  installTestRoutes(api, kind);
  installScopeRoutes(api, kind);
  const resource = `${api.baseUrl}/`;

  const front = createServer();
  const issuer = await listenOnLoopback(front);
  const oidc = new Provider(
    issuer,
    buildConfiguration({
      kind,
      store,
      resource,
      accessTokenTtl: options.accessTokenTtl ?? 3600,
      rotateRefreshTokens: options.rotateRefreshTokens ?? kind === 'spotify',
      extraRedirectUris: options.extraRedirectUris ?? [],
      accountFor: (sub) => accounts.get(sub),
    }),
  );
  ref.provider = oidc;
  // Counts what reached the provider itself, after it parsed the body. Registered before
  // oidc.callback() below: middleware added later is never composed in.
  oidc.use(async (ctx: KoaContextWithOIDC, next) => {
    await next();
    const body = ctx.body as Record<string, unknown> | undefined;
    if (tokenExtras && ctx.path === '/token' && body && typeof body === 'object' && 'access_token' in body)
      Object.assign(body, tokenExtras);
    stats.record(ctx.path, ctx.oidc?.body, ctx.status, ctx.oidc?.entities?.Account?.accountId);
  });
  const callback = oidc.callback();

  async function interaction(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const details = await oidc.interactionDetails(req, res);
    if (denial !== undefined) {
      const result: InteractionResult = { error: 'access_denied', error_description: denial };
      denial = undefined;
      await oidc.interactionFinished(req, res, result, { mergeWithLastSubmission: false });
      return;
    }
    if (details.prompt.name === 'login') {
      accounts.set(current.sub, current);
      await oidc.interactionFinished(req, res, { login: { accountId: current.sub } }, { mergeWithLastSubmission: false });
      return;
    }
    const accountId = details.session?.accountId ?? current.sub;
    const clientId = details.params.client_id ?? '';
    const grant = (details.grantId ? await oidc.Grant.find(details.grantId) : undefined) ?? new oidc.Grant({ accountId, clientId });
    const { missingOIDCScope, missingOIDCClaims, missingResourceScopes } = details.prompt.details as {
      missingOIDCScope?: string[];
      missingOIDCClaims?: string[];
      missingResourceScopes?: Record<string, string[]>;
    };
    if (missingOIDCScope?.length) grant.addOIDCScope(missingOIDCScope.join(' '));
    if (missingOIDCClaims?.length) grant.addOIDCClaims(missingOIDCClaims);
    for (const [indicator, scopes] of Object.entries(missingResourceScopes ?? {})) {
      const granted = grantOnly ? scopes.filter((scope) => grantOnly?.includes(scope)) : scopes;
      if (granted.length) grant.addResourceScope(indicator, granted.join(' '));
      // Unticked scopes are rejected, not left missing, or the consent prompt would come back.
      const refused = scopes.filter((scope) => !granted.includes(scope));
      if (refused.length) grant.rejectResourceScope(indicator, refused.join(' '));
    }
    grantOnly = undefined;
    const grantId = await grant.save();
    await oidc.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
  }

  async function userinfo(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // oidc-provider's own /me refuses tokens issued for a resource server (they carry `aud`), yet
    // Google's userinfo accepts any access token with the identity scopes: answer as Google does.
    stats.userinfo += 1;
    const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const token = bearer ? await inspectToken(bearer) : null;
    const found = token ? await oidc.AccessToken.find(token.token) : undefined;
    const grant = found ? await oidc.Grant.find(found.grantId) : undefined;
    const account = token ? accounts.get(token.accountId) : undefined;
    if (!token || !account || !grant) {
      sendJson(
        res,
        401,
        { error: 'invalid_request', error_description: 'Invalid Credentials' },
        { 'www-authenticate': 'Bearer realm="https://accounts.google.com/", error="invalid_token"' },
      );
      return;
    }
    const oidcScopes = grant.getOIDCScope().split(' ');
    const [givenName, ...rest] = account.name.split(' ');
    sendJson(res, 200, {
      sub: account.sub,
      ...(oidcScopes.includes('email') ? { email: account.email, email_verified: true } : {}),
      ...(oidcScopes.includes('profile') ? { name: account.name, given_name: givenName, family_name: rest.join(' ') } : {}),
    });
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', issuer).pathname;
    const queue =
      path === '/token' ? faults.token : path === '/token/revocation' ? faults.revocation : path === '/me' ? faults.userinfo : undefined;
    const fault = queue?.take();
    if (fault && !isDelayOnly(fault)) {
      // The provider never sees a faulted request, so count it here from its own body.
      const body = new URLSearchParams((await readBody(req)).toString('utf8'));
      stats.recordFault(path, Object.fromEntries(body));
      await playFault(res, fault, { error: 'temporarily_unavailable', error_description: 'Injected fault' });
      return;
    }
    if (fault?.delayMs) await sleep(fault.delayMs);
    if (path.startsWith('/interaction/')) return interaction(req, res);
    if (path === '/me') return userinfo(req, res);
    callback(req, res);
  }

  front.on('request', (req: IncomingMessage, res: ServerResponse) => {
    route(req, res).catch((error: unknown) => {
      console.error('oauth peer failed', error);
      if (!res.headersSent) sendJson(res, 500, apiErrorBody(kind, 500));
    });
  });

  const clientSecret = kind === 'google' ? PEER_CLIENTS.google.clientSecret : undefined;
  const endpoints = {
    authorization: `${issuer}/auth`,
    token: `${issuer}/token`,
    revocation: `${issuer}/token/revocation`,
    userinfo: `${issuer}/me`,
  };
  const apiBaseUrls = Object.fromEntries(
    Object.entries(API_BASE_PATHS[kind]).map(([service, path]) => [service, api.baseUrl + path]),
  ) as Partial<Record<ServiceId, string>>;

  const peer: OAuthPeer = {
    kind,
    issuer,
    clientId: PEER_CLIENTS[kind].clientId,
    ...(clientSecret ? { clientSecret } : {}),
    endpoints,
    providerOverride: {
      clientId: PEER_CLIENTS[kind].clientId,
      ...(clientSecret ? { clientSecret } : {}),
      issuer,
      authorizationEndpoint: endpoints.authorization,
      tokenEndpoint: endpoints.token,
      // Spotify has no revocation endpoint; the core is told so even though the peer has one.
      revocationEndpoint: kind === 'google' ? endpoints.revocation : null,
      ...(kind === 'google' ? { userinfoEndpoint: endpoints.userinfo } : {}),
    },
    apiBaseUrls,
    servicesOverride: Object.fromEntries(Object.entries(apiBaseUrls).map(([service, apiBaseUrl]) => [service, { apiBaseUrl }])),
    resource,
    get account() {
      return current;
    },
    setAccount(account) {
      current = account;
      accounts.set(account.sub, account);
    },
    denyNext(description = 'The user denied access to Junction.') {
      denial = description;
    },
    grantOnlyNext(scopes) {
      grantOnly = scopes;
    },
    issuedTokens: () => store.issued(),
    addToTokenResponses(fields) {
      tokenExtras = fields;
    },
    stats,
    resetStats: () => stats.reset(),
    faults,
    api,
    provider: oidc,
    revokeAll: () => store.clear(['AccessToken', 'RefreshToken', 'AuthorizationCode', 'Grant']),
    expireAccessTokens: () => store.expire('AccessToken'),
    revokeAccessTokens: () => store.clear(['AccessToken']),
    inspectToken,
    async close() {
      await Promise.all([closeServer(front), api.close()]);
    },
  };
  return peer;
}
