import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTestCipher } from '../support/cipher';
import { signInOutsideJunction } from '../support/outside-sign-in';
import { OTHER_CLIENT } from '../support/peer-config';
import { makeTempDir, removeAllTempDirs } from '../support/temp-dir';
import { errorOf, readAllFiles, startHarness, type Harness } from './harness';

let h: Harness | undefined;
afterEach(async () => {
  vi.restoreAllMocks();
  await h?.close();
  h = undefined;
  removeAllTempDirs();
});

const G = 'https://www.googleapis.com/auth/';
const GOOGLE_CALENDAR = ['openid', 'email', 'profile', `${G}calendar`];
const SPOTIFY = ['user-read-email', 'user-read-private', 'playlist-read-private'];

/** Everything the console could print while the test runs. */
function captureLogs(): string[] {
  const lines: string[] = [];
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      lines.push(args.map((a) => (a instanceof Error ? `${a.name} ${a.message} ${a.stack}` : String(a))).join(' '));
    });
  }
  return lines;
}

describe('connections.import', () => {
  it('makes a working connection from a refresh token, learning account, scopes and expiry', async () => {
    h = await startHarness({ kind: 'google' });
    const outside = await signInOutsideJunction(h.peer, GOOGLE_CALENDAR);
    h.events.length = 0;
    const connection = await h.core.invoke('connections.import', { service: 'google_calendar', refreshToken: outside.refreshToken });
    expect(connection).toMatchObject({
      service: 'google_calendar',
      provider: 'google',
      account: { id: 'user-1', email: 'ada@example.com', displayName: 'Ada Lovelace' },
      status: 'connected',
      refreshTokenIssuedAt: null,
      health: { state: 'ok' },
    });
    expect(connection.scopes).toContain(`${G}calendar`);
    expect(connection.tokenExpiresAt).toBeGreaterThan(Date.now());
    expect(h.peer.stats.token.refresh_token).toBe(1);
    expect(h.events).toEqual([{ type: 'connections.changed' }]);
    const answer = await h.core.invoke('api.request', { connectionId: connection.id, url: '/users/me/calendarList/primary' });
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ id: 'ada@example.com' });
  });

  it('repairs a broken connection of the same account in place', async () => {
    h = await startHarness({ kind: 'google', accessTokenTtl: 30 });
    const connection = await h.connect('google_calendar');
    h.peer.revokeAll();
    await h.core.invoke('api.request', { connectionId: connection.id, url: '/users/me/calendarList/primary' }).catch(() => undefined);
    expect((await h.core.invoke('connections.get', { id: connection.id })).status).toBe('needs_reauth');

    const outside = await signInOutsideJunction(h.peer, GOOGLE_CALENDAR);
    const repaired = await h.core.invoke('connections.import', { service: 'google_calendar', refreshToken: outside.refreshToken });
    expect(repaired.id).toBe(connection.id);
    expect(repaired.createdAt).toBe(connection.createdAt);
    expect(repaired.status).toBe('connected');
    expect(await h.core.invoke('connections.list', {})).toHaveLength(1);
    const answer = await h.core.invoke('api.request', { connectionId: connection.id, url: '/users/me/calendarList/primary' });
    expect(answer.status).toBe(200);
  });

  it('keeps the token a rotating provider hands back, so it still works after a restart', async () => {
    h = await startHarness({ kind: 'spotify', accessTokenTtl: 30 });
    const outside = await signInOutsideJunction(h.peer, SPOTIFY);
    const connection = await h.core.invoke('connections.import', { service: 'spotify', refreshToken: outside.refreshToken });
    expect(connection.account.id).toBe('user-1');
    await h.restart();
    // 30 s tokens are inside the refresh skew: this request refreshes with the rotated token.
    const answer = await h.core.invoke('api.request', { connectionId: connection.id, url: '/me' });
    expect(answer.status).toBe(200);
    expect(answer.refreshed).toBe(true);
    const presented = h.peer.stats.tokenRequests.filter((r) => r.grantType === 'refresh_token');
    expect(presented.map((r) => r.status)).toEqual([200, 200]);
    expect(presented[1]?.refreshToken).not.toBe(outside.refreshToken);
  });

  it('refuses a dead token and a token of another client with reauth_required in the provider words, storing nothing', async () => {
    h = await startHarness({ kind: 'google' });
    const dead = await errorOf(
      h.core.invoke('connections.import', { service: 'google_gmail', refreshToken: 'not-a-token-the-peer-issued' }),
    );
    expect(dead.code).toBe('reauth_required');
    expect(dead.message).toMatch(/refused this refresh token: .*\(invalid_grant\)/);
    expect(dead.message).not.toContain('not-a-token-the-peer-issued');

    const foreign = await signInOutsideJunction(h.peer, GOOGLE_CALENDAR, OTHER_CLIENT);
    const other = await errorOf(h.core.invoke('connections.import', { service: 'google_calendar', refreshToken: foreign.refreshToken }));
    expect(other.code).toBe('reauth_required');
    expect(other.message).toContain('another client ID');
    expect(await h.core.invoke('connections.list', {})).toEqual([]);
    expect(h.events).toEqual([]);
  });

  it('asks for consent to weak storage first, as a sign-in does, without calling the provider', async () => {
    h = await startHarness({ kind: 'spotify' }, { cipher: createTestCipher({ secure: false }), dataDir: makeTempDir() });
    const outside = await signInOutsideJunction(h.peer, SPOTIFY);
    h.peer.resetStats();
    const refused = await errorOf(h.core.invoke('connections.import', { service: 'spotify', refreshToken: outside.refreshToken }));
    expect(refused.code).toBe('not_configured');
    expect(h.peer.stats.token.refresh_token).toBe(0);
    await h.core.invoke('settings.acceptInsecureStorage', { accept: true });
    expect((await h.core.invoke('connections.import', { service: 'spotify', refreshToken: outside.refreshToken })).status).toBe(
      'connected',
    );
  });

  it('never lets the refresh token out: no result, event, error, log line or plaintext file holds a token the peer issued', async () => {
    const logs = captureLogs();
    const outcomes: unknown[] = [];
    const record = async (promise: Promise<unknown>) =>
      outcomes.push(await promise.catch((error: unknown) => ({ ...(error as object), message: (error as Error).message })));
    h = await startHarness({ kind: 'spotify' });
    const outside = await signInOutsideJunction(h.peer, SPOTIFY);
    const bad = `${outside.refreshToken} `;
    await record(h.core.invoke('connections.import', { service: 'spotify', refreshToken: bad }));
    await record(
      h.core.invokeUntrusted('connections.import', { service: 'spotify', refreshToken: outside.refreshToken, extra: outside.refreshToken }),
    );
    await record(h.core.invoke('connections.import', { service: 'spotify', refreshToken: `x${outside.refreshToken}` }));
    await record(h.core.invoke('connections.import', { service: 'spotify', refreshToken: outside.refreshToken }));
    const [connection] = await h.core.invoke('connections.list', {});
    await record(h.core.invoke('api.request', { connectionId: connection?.id ?? '', url: '/me' }));
    await record(h.core.invoke('connections.get', { id: connection?.id ?? '' }));
    // The same token again: Spotify rotated it away, so it is refused now.
    await record(h.core.invoke('connections.import', { service: 'spotify', refreshToken: outside.refreshToken }));
    await h.core.close();

    const out = JSON.stringify([outcomes, h.events, logs]) + readAllFiles(h.dataDir);
    const tokens = [...h.peer.issuedTokens(), outside.refreshToken];
    expect(tokens.length).toBeGreaterThanOrEqual(4);
    for (const token of tokens) {
      expect(token.length).toBeGreaterThan(10);
      expect(out).not.toContain(token);
    }
    expect(outcomes).toContainEqual(expect.objectContaining({ code: 'invalid_input' }));
    expect(outcomes).toContainEqual(expect.objectContaining({ code: 'reauth_required' }));
    expect(outcomes).toContainEqual(expect.objectContaining({ status: 200 }));
  });
});
