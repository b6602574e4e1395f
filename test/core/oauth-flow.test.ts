import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { completeAuthorization } from '../support/browser';
import { removeAllTempDirs } from '../support/temp-dir';
import { errorOf, startHarness, type Harness } from './harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
  removeAllTempDirs();
});

describe('connect through the system browser (oidc-provider on loopback)', () => {
  it('connects Google with a loopback redirect: PKCE S256, offline access, identity from userinfo', async () => {
    h = await startHarness({ kind: 'google' });
    const start = await h.core.invoke('oauth.start', { service: 'google_gmail' });
    expect(h.opened).toEqual([start.authUrl]);
    const auth = new URL(start.authUrl);
    expect(auth.searchParams.get('code_challenge_method')).toBe('S256');
    expect(auth.searchParams.get('access_type')).toBe('offline');
    expect(auth.searchParams.get('prompt')).toBe('consent');
    expect(auth.searchParams.get('scope')?.split(' ')).toEqual(
      expect.arrayContaining(['openid', 'email', 'profile', 'https://www.googleapis.com/auth/gmail.readonly']),
    );
    expect(start.redirectUri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);

    const page = await completeAuthorization(start.authUrl);
    expect(page.status).toBe(200);
    expect(page.body).toContain('Connected to Google');
    expect(page.headers?.get('content-security-policy')).toContain("default-src 'none'");
    // Return to Junction: the app's own scheme, carrying no code, state or token.
    expect(page.body).toContain('href="junction://open"');

    const connection = await h.core.invoke('oauth.wait', { state: start.state });
    expect(connection).toMatchObject({
      service: 'google_gmail',
      provider: 'google',
      status: 'connected',
      account: { id: 'user-1', email: 'ada@example.com', displayName: 'Ada Lovelace' },
    });
    expect(connection.scopes).toContain('https://www.googleapis.com/auth/gmail.readonly');
    expect(connection.tokenExpiresAt).toBeGreaterThan(Date.now());
    // Google's Desktop clients send their secret; the code was exchanged exactly once.
    expect(h.peer.stats.tokenRequests.map((r) => [r.grantType, r.sentClientSecret])).toEqual([['authorization_code', true]]);
    expect(h.events).toContainEqual({
      type: 'oauth.finished',
      state: start.state,
      ok: true,
      connectionId: connection.id,
      connectionIds: [connection.id],
    });
    expect(h.events).toContainEqual({ type: 'connections.changed' });

    // The listener closed after success.
    await expect(fetch(start.redirectUri)).rejects.toThrow();
  });

  it('connects Spotify as a public client, identity from /v1/me', async () => {
    h = await startHarness({ kind: 'spotify' });
    const connection = await h.connect('spotify');
    expect(connection.account).toEqual({ id: 'user-1', email: 'ada@example.com', displayName: 'Ada Lovelace' });
    expect(h.peer.stats.tokenRequests.map((r) => r.sentClientSecret)).toEqual([false]);
  });

  it('connects Spotify through the custom scheme, delivered by handleProtocolUrl', async () => {
    h = await startHarness({ kind: 'spotify' });
    await h.core.invoke('settings.setProvider', { provider: 'spotify', clientId: h.peer.clientId, redirectMode: 'protocol' });
    const start = await h.core.invoke('oauth.start', { service: 'spotify' });
    expect(start.redirectUri).toBe('junction://oauth/callback');
    const { redirectUrl } = await completeAuthorization(start.authUrl);
    expect(redirectUrl).toMatch(/^junction:\/\/oauth\/callback\?/);
    // Not our scheme, not our path, or a stranger's state: ignored.
    expect(await h.core.handleProtocolUrl(redirectUrl.replace('junction:', 'evil:'))).toBe(false);
    expect(await h.core.handleProtocolUrl(redirectUrl.replace('/callback', '/other'))).toBe(false);
    expect(await h.core.handleProtocolUrl(redirectUrl.replace(/state=[^&]+/, 'state=forged'))).toBe(false);
    expect(await h.core.handleProtocolUrl(redirectUrl)).toBe(true);
    // Single use: the same link again does nothing.
    expect(await h.core.handleProtocolUrl(redirectUrl)).toBe(false);
    const connection = await h.core.invoke('oauth.wait', { state: start.state });
    expect(connection.status).toBe('connected');
  });

  it('refuses the custom scheme for Google, which accepts loopback only', async () => {
    h = await startHarness({ kind: 'google' });
    const error = await errorOf(
      h.core.invoke('settings.setProvider', { provider: 'google', clientId: 'x.apps.googleusercontent.com', redirectMode: 'protocol' }),
    );
    expect(error.code).toBe('invalid_input');
    expect(error.message).toMatch(/Google accepts only loopback/);
  });

  it('ends with access_denied and the provider description when the person declines', async () => {
    h = await startHarness({ kind: 'google' });
    h.peer.denyNext('The user clicked Cancel');
    const start = await h.core.invoke('oauth.start', { service: 'google_drive' });
    const waiting = errorOf(h.core.invoke('oauth.wait', { state: start.state }));
    const page = await completeAuthorization(start.authUrl);
    expect(page.body).toContain('Sign-in did not finish');
    expect(page.body).toContain('href="junction://open"');
    const error = await waiting;
    expect(error.code).toBe('access_denied');
    expect(error.message).toContain('The user clicked Cancel');
    expect(h.peer.stats.token.authorization_code).toBe(0);
    expect(await h.core.invoke('connections.list', {})).toEqual([]);
    expect(h.events).toContainEqual(expect.objectContaining({ type: 'oauth.finished', state: start.state, ok: false }));
  });

  it('ignores a callback with the wrong state and keeps waiting for the right one', async () => {
    h = await startHarness({ kind: 'google' });
    const start = await h.core.invoke('oauth.start', { service: 'google_gmail' });
    const { redirectUrl } = await completeAuthorization(start.authUrl, { deliver: false });
    const forged = await fetch(redirectUrl.replace(/state=[^&]+/, 'state=not-the-state'));
    expect(forged.status).toBe(400);
    expect(await forged.text()).toContain('Not the sign-in Junction is waiting for');
    const missing = await fetch(redirectUrl.replace(/state=[^&]+&?/, ''));
    expect(missing.status).toBe(400);
    expect(h.peer.stats.token.authorization_code).toBe(0);
    const real = await fetch(redirectUrl);
    expect(real.status).toBe(200);
    const connection = await h.core.invoke('oauth.wait', { state: start.state });
    expect(connection.status).toBe('connected');
  });

  it('answers only GET /callback with its own Host header', async () => {
    h = await startHarness({ kind: 'google' });
    const start = await h.core.invoke('oauth.start', { service: 'google_gmail' });
    const origin = new URL(start.redirectUri).origin;
    expect((await fetch(`${origin}/`)).status).toBe(404);
    expect((await fetch(`${origin}/callback?x=1`, { method: 'POST' })).status).toBe(405);
    // fetch() will not send a foreign Host header; a raw request will, as a DNS-rebinding page's would.
    const port = Number(new URL(origin).port);
    const status = await new Promise<number | undefined>((resolve, reject) => {
      request({ host: '127.0.0.1', port, path: '/callback?code=x&state=y', headers: { host: 'evil.example' } }, (res) => {
        res.resume();
        resolve(res.statusCode);
      })
        .on('error', reject)
        .end();
    });
    expect(status).toBe(421);
    await h.core.invoke('oauth.cancel', { state: start.state });
  });

  it('rejects a callback whose iss names another server (mix-up defence, RFC 9207)', async () => {
    h = await startHarness({ kind: 'google' });
    const start = await h.core.invoke('oauth.start', { service: 'google_gmail' });
    const waiting = errorOf(h.core.invoke('oauth.wait', { state: start.state }));
    const { redirectUrl } = await completeAuthorization(start.authUrl, { deliver: false });
    const mixed = new URL(redirectUrl);
    mixed.searchParams.set('iss', 'https://attacker.example');
    const page = await fetch(mixed);
    expect(page.status).toBe(200);
    expect((await waiting).code).toBe('state_mismatch');
    expect(h.peer.stats.token.authorization_code).toBe(0);
  });

  it('times out a flow nobody finishes, and closes its listener', async () => {
    h = await startHarness({ kind: 'google' }, { flowTimeoutMs: 300 });
    const start = await h.core.invoke('oauth.start', { service: 'google_calendar' });
    const error = await errorOf(h.core.invoke('oauth.wait', { state: start.state }));
    expect(error.code).toBe('timeout');
    expect(error.message).toMatch(/Connect again/);
    await expect(fetch(start.redirectUri)).rejects.toThrow();
  });

  it('cancels a pending flow: the wait rejects cancelled, the listener closes, a second cancel is a no-op', async () => {
    h = await startHarness({ kind: 'google' });
    const start = await h.core.invoke('oauth.start', { service: 'google_docs' });
    const waiting = errorOf(h.core.invoke('oauth.wait', { state: start.state }));
    expect(await h.core.invoke('oauth.cancel', { state: start.state })).toEqual({ cancelled: true });
    expect((await waiting).code).toBe('cancelled');
    expect(await h.core.invoke('oauth.cancel', { state: start.state })).toEqual({ cancelled: false });
    await expect(fetch(start.redirectUri)).rejects.toThrow();
  });

  it('keeps the outcome for a wait that comes after the callback, and for several flows at once', async () => {
    h = await startHarness({ kind: 'google' });
    const a = await h.core.invoke('oauth.start', { service: 'google_gmail' });
    const b = await h.core.invoke('oauth.start', { service: 'google_drive' });
    expect(a.state).not.toBe(b.state);
    await completeAuthorization(b.authUrl);
    await completeAuthorization(a.authUrl);
    const ca = await h.core.invoke('oauth.wait', { state: a.state });
    const cb = await h.core.invoke('oauth.wait', { state: b.state });
    expect([ca.service, cb.service]).toEqual(['google_gmail', 'google_drive']);
    // Read once, then gone.
    expect((await errorOf(h.core.invoke('oauth.wait', { state: a.state }))).code).toBe('not_found');
  });

  it('fails not_configured, saying where to set it, when the provider has no client ID', async () => {
    h = await startHarness({ kind: 'google' }, { providers: {} });
    const error = await errorOf(h.core.invoke('oauth.start', { service: 'google_gmail' }));
    expect(error.code).toBe('not_configured');
    expect(error.message).toMatch(/Settings/);
    expect(error.message).toMatch(/JUNCTION_GOOGLE_CLIENT_ID/);
    expect(h.opened).toEqual([]);
  });

  it('asks for the requested extra scopes on top of the defaults, and stores what was granted', async () => {
    h = await startHarness({ kind: 'google' });
    const extra = 'https://www.googleapis.com/auth/drive.readonly';
    h.peer.grantOnlyNext(['https://www.googleapis.com/auth/drive.file']);
    const connection = await h.connect('google_drive', { scopes: [extra] });
    expect(new URL(h.opened[0] ?? '').searchParams.get('scope')).toContain(extra);
    expect(connection.scopes).toContain('https://www.googleapis.com/auth/drive.file');
    expect(connection.scopes, JSON.stringify(connection.scopes)).not.toContain(extra);
  });
});
