// A sign-in made without Junction (the person's own script, an earlier tool) against a peer:
// code + PKCE through the test browser, then the token request by hand. What it returns is what
// a person would paste into "I already have a refresh token".
import { createHash, randomBytes } from 'node:crypto';
import { completeAuthorization } from './browser';
import type { OAuthPeer } from './oauth-peer';

export interface OutsideTokens {
  refreshToken: string;
  accessToken: string;
  scope: string;
}

export async function signInOutsideJunction(
  peer: OAuthPeer,
  scopes: string[],
  client: { clientId: string; clientSecret?: string } = {
    clientId: peer.clientId,
    ...(peer.clientSecret ? { clientSecret: peer.clientSecret } : {}),
  },
): Promise<OutsideTokens> {
  const verifier = randomBytes(32).toString('base64url');
  const redirectUri = 'http://127.0.0.1:9/callback';
  const url = new URL(peer.endpoints.authorization);
  const params = {
    client_id: client.clientId,
    redirect_uri: redirectUri,
    response_type: 'code',
    scope: scopes.join(' '),
    state: randomBytes(8).toString('hex'),
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
  };
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  const outcome = await completeAuthorization(url.href, { deliver: false });
  const code = new URL(outcome.redirectUrl).searchParams.get('code');
  if (!code) throw new Error(`no code in ${outcome.redirectUrl}`);
  const response = await fetch(peer.endpoints.token, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectUri,
      code_verifier: verifier,
      client_id: client.clientId,
      ...(client.clientSecret ? { client_secret: client.clientSecret } : {}),
    }),
  });
  const json = (await response.json()) as { refresh_token?: string; access_token?: string; scope?: string };
  if (!response.ok || !json.refresh_token || !json.access_token) throw new Error(`token request failed: ${JSON.stringify(json)}`);
  return { refreshToken: json.refresh_token, accessToken: json.access_token, scope: json.scope ?? '' };
}
