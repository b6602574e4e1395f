import { afterEach, describe, expect, it } from 'vitest';
import type { Connection } from '../../src-shared/types';
import { REFRESH_SKEW_MS } from '../../src-main/core/tokens/token-manager';
import type { PeerKind } from '../support/oauth-peer';
import { removeAllTempDirs } from '../support/temp-dir';
import { errorOf, startHarness, until, type Harness } from './harness';

// The token manager's edges, through the real core against an oidc-provider peer, on a clock the
// test holds (the core's `now`; the peer keeps real time, so its tokens stay live): the
// refresh-ahead boundary, a sign-in without a refresh token, a 401 for a token another request
// already replaced, and what a refresh answer without `scope` or `expires_in` leaves on record.
let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
  removeAllTempDirs();
});

const HOUR = 3600_000;
let clock = Date.parse('2026-12-01T09:00:00Z');

async function connected(kind: PeerKind = 'google'): Promise<{ h: Harness; connection: Connection }> {
  clock = Date.parse('2026-12-01T09:00:00Z');
  h = await startHarness({ kind, accessTokenTtl: 3600 }, { now: () => clock });
  const connection = await h.connect(kind === 'google' ? 'google_gmail' : 'spotify');
  h.peer.resetStats();
  h.peer.api.reset();
  return { h, connection };
}

const refreshes = (h: Harness) => h.peer.stats.token.refresh_token ?? 0;
const changes = (h: Harness) => h.events.filter((event) => event.type === 'connections.changed').length;

describe('token manager edges', () => {
  it(`refreshes ${REFRESH_SKEW_MS / 1000} s before expiry, not a millisecond earlier, and records when`, async () => {
    const { h, connection } = await connected();
    const signedIn = clock;
    expect((await h.core.invoke('connections.get', { id: connection.id })).tokenExpiresAt).toBe(signedIn + HOUR);
    clock = signedIn + HOUR - REFRESH_SKEW_MS - 1;
    const early = await h.core.invoke('api.request', { connectionId: connection.id, url: '/users/me/profile' });
    expect(early).toMatchObject({ status: 200, refreshed: false });
    expect(refreshes(h)).toBe(0);

    const before = changes(h);
    clock += 1;
    const due = await h.core.invoke('api.request', { connectionId: connection.id, url: '/users/me/profile' });
    expect(due).toMatchObject({ status: 200, refreshed: true });
    expect(refreshes(h)).toBe(1);
    expect(changes(h)).toBeGreaterThan(before);
    const after = await h.core.invoke('connections.get', { id: connection.id });
    expect(after).toMatchObject({ status: 'connected', lastRefreshedAt: clock, tokenExpiresAt: clock + HOUR });
    // The new access token is the one sent.
    const sent = h.peer.api.requests.map((r) => r.token);
    expect(sent[1]).not.toBe(sent[0]);
    expect(await h.peer.inspectToken(sent[1]!)).not.toBeNull();
  });

  it('without a refresh token an expired token goes out as it is, and a 401 asks for a new sign-in', async () => {
    clock = Date.parse('2026-12-01T09:00:00Z');
    h = await startHarness({ kind: 'google', accessTokenTtl: 3600 }, { now: () => clock });
    h.peer.addToTokenResponses({ refresh_token: undefined });
    const connection = await h.connect('google_gmail');
    h.peer.addToTokenResponses(null);
    h.peer.resetStats();
    clock += 2 * HOUR;
    const stale = await h.core.invoke('api.request', { connectionId: connection.id, url: '/users/me/profile' });
    expect(stale).toMatchObject({ status: 200, refreshed: false });
    expect(refreshes(h)).toBe(0);

    h.peer.revokeAccessTokens();
    const before = changes(h);
    const refused = await errorOf(h.core.invoke('api.request', { connectionId: connection.id, url: '/users/me/profile' }));
    expect(refused.code).toBe('reauth_required');
    expect(refused.message).toMatch(/no way to renew it\. Reconnect the account/);
    expect(refreshes(h)).toBe(0);
    expect(changes(h)).toBe(before + 1);
    const record = await h.core.invoke('connections.get', { id: connection.id });
    expect(record).toMatchObject({ status: 'needs_reauth', reauthReason: refused.message });
    // The next request is refused before it leaves, with the reason on record.
    const sent = h.peer.api.requests.length;
    const again = await errorOf(h.core.invoke('api.request', { connectionId: connection.id, url: '/users/me/profile' }));
    expect(again).toMatchObject({ code: 'reauth_required', message: refused.message });
    expect(h.peer.api.requests.length).toBe(sent);
  });

  it('a 401 for a token another request already replaced is replayed with the new one, without a second refresh', async () => {
    const { h, connection } = await connected();
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let held = 0;
    h.peer.api.route('GET', '/gmail/v1/test/held', async () => {
      held += 1;
      if (held > 1) return { json: { ok: true } };
      await gate;
      return { status: 401, json: { error: { code: 401, message: 'Invalid Credentials' } } };
    });
    const first = h.core.invoke('api.request', { connectionId: connection.id, url: '/test/held' });
    await until(() => held === 1, 'the held request');
    clock += 2 * HOUR;
    const other = await h.core.invoke('api.request', { connectionId: connection.id, url: '/users/me/profile' });
    expect(other).toMatchObject({ status: 200, refreshed: true });
    release();
    const replayed = await first;
    expect(replayed).toMatchObject({ status: 200, refreshed: true, attempts: 2 });
    expect(refreshes(h)).toBe(1);
    const tokens = h.peer.api.requests.filter((r) => r.path === '/gmail/v1/test/held').map((r) => r.token);
    const renewed = h.peer.api.requests.find((r) => r.path === '/gmail/v1/users/me/profile')?.token;
    expect(tokens).toHaveLength(2);
    expect(tokens[1]).toBe(renewed);
    expect(tokens[0]).not.toBe(renewed);
  });

  it('a refresh answer without scope keeps the scopes on record; without expires_in the token has no known end', async () => {
    const { h, connection } = await connected('spotify');
    const scopes = (await h.core.invoke('connections.get', { id: connection.id })).scopes;
    expect(scopes.length).toBeGreaterThan(0);
    h.peer.addToTokenResponses({ scope: undefined, expires_in: undefined });
    clock += 2 * HOUR;
    const renewed = await h.core.invoke('api.request', { connectionId: connection.id, url: '/me' });
    expect(renewed).toMatchObject({ status: 200, refreshed: true });
    const after = await h.core.invoke('connections.get', { id: connection.id });
    expect(after.scopes).toEqual(scopes);
    expect(after.tokenExpiresAt).toBeNull();
    // No end known: however late it is, no refresh ahead.
    clock += 100 * HOUR;
    expect(await h.core.invoke('api.request', { connectionId: connection.id, url: '/me' })).toMatchObject({ refreshed: false });
    expect(refreshes(h)).toBe(1);
  });

  it('a refresh answer with scope replaces the scopes on record, empty entries dropped', async () => {
    const { h, connection } = await connected('spotify');
    const scopes = (await h.core.invoke('connections.get', { id: connection.id })).scopes;
    const fewer = scopes.slice(0, 1);
    h.peer.addToTokenResponses({ scope: ` ${fewer[0]}  ` });
    clock += 2 * HOUR;
    expect(await h.core.invoke('api.request', { connectionId: connection.id, url: '/me' })).toMatchObject({ refreshed: true });
    expect((await h.core.invoke('connections.get', { id: connection.id })).scopes).toEqual(fewer);
  });
});
