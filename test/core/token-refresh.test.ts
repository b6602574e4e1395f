import { afterEach, describe, expect, it } from 'vitest';
import type { ApiResponse } from '../../src-shared/types';
import { removeAllTempDirs } from '../support/temp-dir';
import { errorOf, startHarness, type Harness } from './harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
  removeAllTempDirs();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('token manager', () => {
  it('refreshes exactly once for 25 concurrent requests after expiry, and every request succeeds', async () => {
    // 30 s tokens are inside the one-minute skew at once, so the next request must refresh first.
    h = await startHarness({ kind: 'google', accessTokenTtl: 30 });
    const connection = await h.connect('google_gmail');
    h.peer.resetStats();
    const responses = (await Promise.all(
      Array.from({ length: 25 }, () => h!.core.invoke('api.request', { connectionId: connection.id, url: '/users/me/profile' })),
    )) as ApiResponse[];
    expect(responses.map((r) => r.status)).toEqual(Array(25).fill(200));
    expect(h.peer.stats.token.refresh_token).toBe(1);
    expect(h.peer.stats.refreshesByAccount().get(connection.account.id ?? '')).toBe(1);
    expect(responses.filter((r) => r.refreshed).length).toBe(25);
    const after = await h.core.invoke('connections.get', { id: connection.id });
    expect(after.lastRefreshedAt).not.toBeNull();
  });

  it('refreshes once when the API answers 401 before expiry, and replays the request', async () => {
    h = await startHarness({ kind: 'google' });
    const connection = await h.connect('google_calendar');
    h.peer.revokeAccessTokens();
    const responses = (await Promise.all(
      Array.from({ length: 5 }, () =>
        h!.core.invoke('api.request', { connectionId: connection.id, url: '/users/me/calendarList/primary' }),
      ),
    )) as ApiResponse[];
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(responses.every((r) => r.refreshed)).toBe(true);
    expect(h.peer.stats.token.refresh_token).toBe(1);
  });

  it('persists a rotated refresh token before using it, across two refreshes and a restart', async () => {
    h = await startHarness({ kind: 'spotify', accessTokenTtl: 30 });
    const connection = await h.connect('spotify');
    await h.core.invoke('api.request', { connectionId: connection.id, url: '/me' });
    await h.restart();
    // A new core reads the rotated token from disk: reusing the first one would revoke the grant.
    const second = await h.core.invoke('api.request', { connectionId: connection.id, url: '/me' });
    expect(second.status).toBe(200);
    expect(second.refreshed).toBe(true);
    const presented = h.peer.stats.tokenRequests.filter((r) => r.grantType === 'refresh_token').map((r) => r.refreshToken);
    expect(presented).toHaveLength(2);
    expect(presented[0]).not.toBe(presented[1]);
    expect(h.peer.stats.tokenRequests.every((r) => r.status === 200)).toBe(true);
  });

  it('keeps the old refresh token when the provider sends none back (Google)', async () => {
    h = await startHarness({ kind: 'google', accessTokenTtl: 30, rotateRefreshTokens: false });
    const connection = await h.connect('google_drive');
    await h.core.invoke('api.request', { connectionId: connection.id, url: '/about', query: { fields: 'user' } });
    await sleep(5);
    await h.restart();
    const again = await h.core.invoke('api.request', { connectionId: connection.id, url: '/about', query: { fields: 'user' } });
    expect(again.status).toBe(200);
    const presented = h.peer.stats.tokenRequests.filter((r) => r.grantType === 'refresh_token').map((r) => r.refreshToken);
    expect(presented).toHaveLength(2);
    expect(presented[0]).toBe(presented[1]);
  });

  it('marks the connection needs_reauth on invalid_grant, and reconnecting the same account repairs it in place', async () => {
    h = await startHarness({ kind: 'google', accessTokenTtl: 30 });
    const connection = await h.connect('google_gmail');
    h.peer.revokeAll();
    const error = await errorOf(h.core.invoke('api.request', { connectionId: connection.id, url: '/users/me/profile' }));
    expect(error.code).toBe('reauth_required');
    expect(error.message).toMatch(/Reconnect/);
    const broken = await h.core.invoke('connections.get', { id: connection.id });
    expect(broken.status).toBe('needs_reauth');
    expect(broken.reauthReason).toMatch(/Reconnect/);
    // No loop: the next call fails at once without asking the provider again.
    h.peer.resetStats();
    expect((await errorOf(h.core.invoke('api.request', { connectionId: connection.id, url: '/users/me/profile' }))).code).toBe(
      'reauth_required',
    );
    expect(h.peer.stats.token.refresh_token).toBe(0);

    const repaired = await h.connect('google_gmail');
    expect(repaired.id).toBe(connection.id);
    expect(repaired.status).toBe('connected');
    expect(repaired.createdAt).toBe(connection.createdAt);
    expect(await h.core.invoke('connections.list', {})).toHaveLength(1);
    const ok = await h.core.invoke('api.request', { connectionId: connection.id, url: '/users/me/profile' });
    expect(ok.status).toBe(200);
  });

  it('adds a second connection for a different account of the same service', async () => {
    h = await startHarness({ kind: 'spotify' });
    const first = await h.connect('spotify');
    h.peer.setAccount({ sub: 'user-2', email: 'grace@example.com', name: 'Grace Hopper' });
    const second = await h.connect('spotify');
    expect(second.id).not.toBe(first.id);
    const list = await h.core.invoke('connections.list', {});
    expect(list.map((c) => c.account.email)).toEqual(['ada@example.com', 'grace@example.com']);
  });
});
