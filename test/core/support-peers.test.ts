import * as oauth from 'oauth4webapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from 'node:http';
import { completeAuthorization, createTestBrowser } from '../support/browser';
import { closeServer, listenOnLoopback } from '../support/http-utils';
import { createTestCipher } from '../support/cipher';
import { DEFAULT_ACCOUNT, startOAuthPeer, type OAuthPeer } from '../support/oauth-peer';
import { makeTempDir, removeAllTempDirs } from '../support/temp-dir';

// Proves the test peers behave like the providers on their own, with an independent client
// (oauth4webapi), so a failing core test points at the core and not at its peers.

const insecure = { [oauth.allowInsecureRequests]: true };
const G = 'https://www.googleapis.com/auth/';

function serverOf(peer: OAuthPeer): oauth.AuthorizationServer {
  return {
    issuer: peer.issuer,
    authorization_endpoint: peer.endpoints.authorization,
    token_endpoint: peer.endpoints.token,
    revocation_endpoint: peer.endpoints.revocation,
    authorization_response_iss_parameter_supported: true,
  };
}

function clientAuthOf(peer: OAuthPeer): oauth.ClientAuth {
  return peer.clientSecret ? oauth.ClientSecretPost(peer.clientSecret) : oauth.None();
}

async function signIn(peer: OAuthPeer, scope: string, redirectUri = 'http://127.0.0.1:43123/callback') {
  const as = serverOf(peer);
  const client: oauth.Client = { client_id: peer.clientId };
  const verifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  const url = new URL(peer.endpoints.authorization);
  url.search = new URLSearchParams({
    client_id: peer.clientId,
    response_type: 'code',
    redirect_uri: redirectUri,
    scope,
    state,
    code_challenge: await oauth.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
  }).toString();
  const { redirectUrl } = await completeAuthorization(url.href, { deliver: false });
  const params = oauth.validateAuthResponse(as, client, new URL(redirectUrl), state);
  const response = await oauth.authorizationCodeGrantRequest(as, client, clientAuthOf(peer), params, redirectUri, verifier, insecure);
  const tokens = await oauth.processAuthorizationCodeResponse(as, client, response);
  return { as, client, tokens, redirectUrl };
}

describe('google-like peer', () => {
  let peer: OAuthPeer;
  beforeAll(async () => {
    peer = await startOAuthPeer({ kind: 'google' });
  });
  afterAll(async () => {
    await peer.close();
  });

  it('runs code + PKCE with a client secret, and its API accepts only the live token', async () => {
    const { tokens, redirectUrl } = await signIn(peer, `openid email profile ${G}gmail.readonly ${G}drive.file`);
    expect(new URL(redirectUrl).searchParams.get('iss')).toBe(peer.issuer);
    expect(tokens.refresh_token).toBeTruthy();
    expect(tokens.scope?.split(' ').sort()).toEqual([`${G}drive.file`, `${G}gmail.readonly`]);
    expect(peer.stats.token.authorization_code).toBe(1);

    const base = peer.apiBaseUrls.google_gmail;
    const ok = await fetch(`${base}/users/me/profile`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ emailAddress: 'ada@example.com' });
    const denied = await fetch(`${base}/users/me/profile`);
    expect(denied.status).toBe(401);
    expect(denied.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(await denied.json()).toMatchObject({ error: { code: 401, status: 'UNAUTHENTICATED' } });
    // No calendar scope was granted: Google answers 403, not 401.
    const calendar = await fetch(`${peer.apiBaseUrls.google_calendar}/users/me/calendarList/primary`, {
      headers: { authorization: `Bearer ${tokens.access_token}` },
    });
    expect(calendar.status).toBe(403);

    const me = await fetch(peer.endpoints.userinfo, { headers: { authorization: `Bearer ${tokens.access_token}` } });
    expect(await me.json()).toEqual(expect.objectContaining({ sub: 'user-1', email: 'ada@example.com', name: 'Ada Lovelace' }));
    expect(peer.api.seenTokens.has(tokens.access_token)).toBe(true);
  });

  it('keeps the refresh token on refresh, and revokeAll kills both tokens', async () => {
    const { as, client, tokens } = await signIn(peer, `openid email ${G}gmail.readonly`);
    const refreshed = await oauth.processRefreshTokenResponse(
      as,
      client,
      await oauth.refreshTokenGrantRequest(as, client, clientAuthOf(peer), tokens.refresh_token ?? '', insecure),
    );
    expect(refreshed.refresh_token).toBe(tokens.refresh_token);
    expect(peer.revokeAll()).toBeGreaterThan(0);
    const after = await fetch(`${peer.apiBaseUrls.google_gmail}/users/me/profile`, {
      headers: { authorization: `Bearer ${refreshed.access_token}` },
    });
    expect(after.status).toBe(401);
    const refusal = oauth.processRefreshTokenResponse(
      as,
      client,
      await oauth.refreshTokenGrantRequest(as, client, clientAuthOf(peer), tokens.refresh_token ?? '', insecure),
    );
    await expect(refusal).rejects.toMatchObject({ error: 'invalid_grant' });
  });

  it('delivers a loopback callback to the app, honours Google-only params and account switches', async () => {
    const app = createServer((req, res) => res.end(`got ${req.url}`));
    const base = await listenOnLoopback(app);
    try {
      peer.setAccount({ sub: 'user-2', email: 'grace@example.com', name: 'Grace Hopper' });
      const url = new URL(peer.endpoints.authorization);
      url.search = new URLSearchParams({
        client_id: peer.clientId,
        response_type: 'code',
        redirect_uri: `${base}/callback`,
        state: 's1',
        scope: `openid email ${G}gmail.readonly ${G}calendar.readonly`,
        access_type: 'offline',
        prompt: 'consent',
        code_challenge: await oauth.calculatePKCECodeChallenge(oauth.generateRandomCodeVerifier()),
        code_challenge_method: 'S256',
      }).toString();
      const browser = createTestBrowser();
      browser.openExternal(url.href);
      const outcome = await browser.lastOutcome();
      expect(outcome.status).toBe(200);
      expect(outcome.body).toMatch(/^got \/callback\?code=.+&state=s1&iss=/);
      const { tokens } = await signIn(peer, `openid email ${G}calendar.readonly`);
      const me = await fetch(peer.endpoints.userinfo, { headers: { authorization: `Bearer ${tokens.access_token}` } });
      expect(await me.json()).toMatchObject({ sub: 'user-2', email: 'grace@example.com' });
    } finally {
      peer.setAccount(DEFAULT_ACCOUNT);
      await closeServer(app);
    }
  });

  it('grants only the scopes the person left ticked', async () => {
    peer.grantOnlyNext([`${G}gmail.readonly`]);
    const partial = await signIn(peer, `openid ${G}gmail.readonly ${G}calendar.readonly`);
    expect(partial.tokens.scope).toBe(`${G}gmail.readonly`);
    const full = await signIn(peer, `openid ${G}gmail.readonly ${G}calendar.readonly`);
    expect(full.tokens.scope?.split(' ')).toHaveLength(2);
  });

  it('misbehaves on the token endpoint as scripted, then answers normally', async () => {
    const { as, client, tokens } = await signIn(peer, `openid ${G}gmail.readonly`);
    const refresh = () => oauth.refreshTokenGrantRequest(as, client, clientAuthOf(peer), tokens.refresh_token ?? '', insecure);
    peer.resetStats();
    peer.faults.token.next(1, { status: 503 });
    peer.faults.token.next(1, { status: 200, body: '{"access_token": ' });
    peer.faults.token.next(1, { resetSocket: true });
    peer.faults.token.next(1, { hang: true });
    expect((await refresh()).status).toBe(503);
    await expect((await refresh()).json()).rejects.toThrow();
    await expect(refresh().then((r) => r.text())).rejects.toThrow();
    await expect(
      oauth.refreshTokenGrantRequest(as, client, clientAuthOf(peer), tokens.refresh_token ?? '', {
        ...insecure,
        signal: AbortSignal.timeout(200),
      }),
    ).rejects.toThrow();
    expect((await refresh()).status).toBe(200);
    expect(peer.stats.token.refresh_token).toBe(5);
    expect(peer.stats.tokenRequests.filter((r) => r.faulted)).toHaveLength(4);

    await oauth.processRevocationResponse(
      await oauth.revocationRequest(as, client, clientAuthOf(peer), tokens.refresh_token ?? '', {
        ...insecure,
        additionalParameters: { token_type_hint: 'refresh_token' },
      }),
    );
    expect(peer.stats.revocations).toMatchObject([{ token: tokens.refresh_token, tokenTypeHint: 'refresh_token', status: 200 }]);
    // As at Google, revoking the refresh token revoked the grant: its access tokens die too.
    expect(await peer.inspectToken(tokens.access_token)).toBeNull();
  });
});

describe('spotify-like peer', () => {
  let peer: OAuthPeer;
  beforeAll(async () => {
    peer = await startOAuthPeer({ kind: 'spotify', accessTokenTtl: 60 });
  });
  afterAll(async () => {
    await peer.close();
  });

  it('runs code + PKCE as a public client, rotates refresh tokens and serves /v1/me', async () => {
    const { as, client, tokens } = await signIn(peer, 'user-read-email user-read-private', 'junction://oauth/callback');
    expect(tokens.expires_in).toBe(60);
    const me = await fetch(`${peer.apiBaseUrls.spotify}/me`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
    expect(await me.json()).toMatchObject({ id: 'user-1', email: 'ada@example.com', type: 'user' });

    const refreshed = await oauth.processRefreshTokenResponse(
      as,
      client,
      await oauth.refreshTokenGrantRequest(as, client, oauth.None(), tokens.refresh_token ?? '', insecure),
    );
    expect(refreshed.refresh_token).toBeTruthy();
    expect(refreshed.refresh_token).not.toBe(tokens.refresh_token);

    peer.expireAccessTokens();
    const expired = await fetch(`${peer.apiBaseUrls.spotify}/me`, { headers: { authorization: `Bearer ${refreshed.access_token}` } });
    expect(expired.status).toBe(401);
    expect(await expired.json()).toEqual({ error: { status: 401, message: 'The access token expired' } });

    // Reusing a rotated refresh token trips reuse detection: the whole grant dies.
    const reuse = (token: string) =>
      oauth
        .refreshTokenGrantRequest(as, client, oauth.None(), token, insecure)
        .then((r) => oauth.processRefreshTokenResponse(as, client, r));
    await expect(reuse(tokens.refresh_token ?? '')).rejects.toMatchObject({ error: 'invalid_grant' });
    await expect(reuse(refreshed.refresh_token ?? '')).rejects.toMatchObject({ error: 'invalid_grant' });
  });

  it('kills the grant when two refreshes race with one rotating token (what single-flight prevents)', async () => {
    const { as, client, tokens } = await signIn(peer, 'user-read-email');
    const refresh = (token: string) => oauth.refreshTokenGrantRequest(as, client, oauth.None(), token, insecure);
    const raced = await Promise.all([refresh(tokens.refresh_token ?? ''), refresh(tokens.refresh_token ?? '')]);
    expect(raced.map((r) => r.status).sort()).toEqual([200, 400]);
    const winner = raced.find((r) => r.status === 200);
    const { refresh_token: next } = (await winner?.json()) as { refresh_token: string };
    expect((await refresh(next)).status).toBe(400);
  });

  it('refuses a client secret from the public client', async () => {
    const { as, client, tokens } = await signIn(peer, 'user-read-email');
    const response = await oauth.refreshTokenGrantRequest(as, client, oauth.ClientSecretPost('nope'), tokens.refresh_token ?? '', insecure);
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: 'invalid_client' });
  });

  it('denies with access_denied, an error_description and iss', async () => {
    peer.denyNext('The user said no.');
    const error = await signIn(peer, 'user-read-email').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(oauth.AuthorizationResponseError);
    const params = (error as oauth.AuthorizationResponseError).cause;
    expect(params.get('error')).toBe('access_denied');
    expect(params.get('error_description')).toBe('The user said no.');
    expect(params.get('iss')).toBe(peer.issuer);
  });

  it('scripts API answers per path, in order', async () => {
    const { tokens } = await signIn(peer, 'user-read-email');
    peer.api.next('/v1/me', [{ status: 429, retryAfter: '1' }, { status: 503 }]);
    const auth = { headers: { authorization: `Bearer ${tokens.access_token}` } };
    const first = await fetch(`${peer.apiBaseUrls.spotify}/me`, auth);
    expect([first.status, first.headers.get('retry-after')]).toEqual([429, '1']);
    expect((await fetch(`${peer.apiBaseUrls.spotify}/me`, auth)).status).toBe(503);
    expect((await fetch(`${peer.apiBaseUrls.spotify}/me`, auth)).status).toBe(200);
    const echo = await (await fetch(`${peer.apiBaseUrls.spotify}/test/echo?a=1`, { ...auth, method: 'POST', body: 'hi' })).json();
    expect(echo).toMatchObject({ method: 'POST', query: { a: '1' }, authorized: true, body: 'hi' });
    const big = await fetch(`${peer.api.baseUrl}/test/big?bytes=200000`);
    expect(JSON.parse(await big.text()).data).toHaveLength(200000 - 11);
  });
});

describe('cipher and temp dirs', () => {
  afterAll(() => removeAllTempDirs());

  it('encrypts for real and stops decrypting after a key rotation', () => {
    const cipher = createTestCipher();
    const sealed = cipher.encrypt('secret');
    expect(sealed.toString('utf8')).not.toContain('secret');
    expect(cipher.decrypt(sealed)).toBe('secret');
    cipher.rotateKey();
    expect(() => cipher.decrypt(sealed)).toThrow(/decrypt/);
    expect(cipher.calls).toEqual({ encrypt: 1, decrypt: 2, decryptFailures: 1 });
    expect(makeTempDir()).toContain('junction-test-');
  });
});
