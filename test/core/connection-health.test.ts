import { afterEach, describe, expect, it } from 'vitest';
import type { CoreEvent } from '../../src-shared/types';
import { removeAllTempDirs } from '../support/temp-dir';
import { startHarness, type Harness } from './harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
  removeAllTempDirs();
});

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Adds `refresh_token_expires_in` to every token response, as Google does for time-limited grants. */
function declareRefreshExpiry(harness: Harness, seconds: number): void {
  harness.peer.addToTokenResponses({ refresh_token_expires_in: seconds });
}

const expiring = (events: CoreEvent[]) => events.filter((e) => e.type === 'connection.expiring');

describe('token life', () => {
  it("takes the token response's refresh_token_expires_in, within a second", async () => {
    h = await startHarness({ kind: 'google' });
    declareRefreshExpiry(h, 604_799);
    const before = Date.now();
    const connection = await h.connect('google_calendar');
    expect(connection.refreshTokenIssuedAt).toBeGreaterThanOrEqual(before);
    expect(Math.abs((connection.refreshTokenExpiresAt ?? 0) - (before + 604_799_000))).toBeLessThan(1_000 + (Date.now() - before));
    expect(connection.lastUsedAt).toBeNull();

    // A refresh that declares a new end moves it.
    h.peer.addToTokenResponses({ refresh_token_expires_in: 1_000 });
    h.peer.revokeAccessTokens();
    const refreshedAt = Date.now();
    await h.core.invoke('api.request', { connectionId: connection.id, url: '/users/me/calendarList/primary' });
    const after = await h.core.invoke('connections.get', { id: connection.id });
    expect(Math.abs((after.refreshTokenExpiresAt ?? 0) - (refreshedAt + 1_000_000))).toBeLessThan(1_000 + (Date.now() - refreshedAt));
    expect(after.refreshTokenIssuedAt).toBe(connection.refreshTokenIssuedAt);
    expect(after.lastUsedAt).toBeGreaterThanOrEqual(refreshedAt);
  });

  it('gives a Spotify grant six months from the sign-in, and a rotating refresh does not restart it', async () => {
    let clock = Date.UTC(2026, 0, 15, 12);
    h = await startHarness({ kind: 'spotify', accessTokenTtl: 30 }, { now: () => clock });
    const connection = await h.connect('spotify');
    expect(connection.refreshTokenIssuedAt).toBe(clock);
    expect(connection.refreshTokenExpiresAt).toBe(Date.UTC(2026, 6, 15, 12));
    expect(connection.health.state).toBe('ok');

    clock += 10 * DAY;
    const answer = await h.core.invoke('api.request', { connectionId: connection.id, url: '/me' });
    expect(answer.refreshed).toBe(true);
    expect(h.peer.stats.token.refresh_token).toBe(1);
    const after = await h.core.invoke('connections.get', { id: connection.id });
    expect(after.lastRefreshedAt).toBe(clock);
    expect(after.refreshTokenExpiresAt).toBe(Date.UTC(2026, 6, 15, 12));
    expect(after.lastUsedAt).toBe(clock);
  });

  it('gives a Google grant seven days when the client is ticked as in Testing, and none otherwise', async () => {
    const clock = Date.UTC(2026, 2, 1);
    h = await startHarness({ kind: 'google' }, { now: () => clock });
    const connection = await h.connect('google_gmail');
    expect(connection.refreshTokenExpiresAt).toBeNull();
    expect(connection.health).toEqual({ state: 'ok', message: 'Connected.' });

    const settings = await h.core.invoke('settings.setProvider', { provider: 'google', clientId: h.peer.clientId, testingClient: true });
    expect(settings.testingClient).toBe(true);
    // The tick applies to connections made before it, too: the rule is read when the connection is shown.
    const ticked = await h.core.invoke('connections.get', { id: connection.id });
    expect(ticked.refreshTokenExpiresAt).toBe(clock + 7 * DAY);

    // Leaving the field out keeps the tick; false clears it.
    await h.core.invoke('settings.setProvider', { provider: 'google', clientId: h.peer.clientId });
    expect((await h.core.invoke('settings.getProviders', {})).find((p) => p.provider === 'google')?.testingClient).toBe(true);
    await h.core.invoke('settings.setProvider', { provider: 'google', clientId: h.peer.clientId, testingClient: false });
    expect((await h.core.invoke('connections.get', { id: connection.id })).refreshTokenExpiresAt).toBeNull();
  });
});

describe('health', () => {
  it('goes ok → expiring → needs_reauth with the clock, says so once, and Reconnect repairs the same id', async () => {
    let clock = Date.UTC(2026, 3, 1, 9);
    const start = clock;
    h = await startHarness({ kind: 'google' }, { now: () => clock });
    await h.core.invoke('settings.setProvider', { provider: 'google', clientId: h.peer.clientId, testingClient: true });
    const connection = await h.connect('google_calendar');
    const end = start + 7 * DAY;
    expect(connection.health.state).toBe('ok');
    expect(connection.health.message).toContain('2026-04-08 09:00 UTC');

    // A 7-day grant warns 48 hours ahead.
    clock = end - 48 * HOUR - 1;
    expect((await h.core.invoke('connections.get', { id: connection.id })).health.state).toBe('ok');
    expect(expiring(h.events)).toHaveLength(0);

    clock = end - 48 * HOUR;
    h.events.length = 0;
    const warned = await h.core.invoke('connections.list', {});
    expect(warned[0]?.health).toEqual({ state: 'expiring', actBy: end, message: expect.stringContaining('2026-04-08 09:00 UTC') });
    expect(h.events).toEqual([{ type: 'connection.expiring', connectionId: connection.id, actBy: end }, { type: 'connections.changed' }]);

    // Once per grant: not again on the next look, nor after a restart.
    clock += HOUR;
    await h.core.invoke('connections.list', {});
    await h.restart({ now: () => clock });
    await h.core.invoke('connections.get', { id: connection.id });
    expect(expiring(h.events)).toHaveLength(1);

    clock = end;
    const dead = await h.core.invoke('connections.get', { id: connection.id });
    expect(dead.health.state).toBe('needs_reauth');
    expect(dead.health.message).toMatch(/Reconnect/);

    const repaired = await h.connect('google_calendar');
    expect(repaired.id).toBe(connection.id);
    expect(repaired.health.state).toBe('ok');
    expect(repaired.refreshTokenIssuedAt).toBe(clock);
    expect(repaired.refreshTokenExpiresAt).toBe(clock + 7 * DAY);

    // The new grant warns again when its own time comes.
    clock += 5 * DAY + HOUR;
    await h.core.invoke('connections.list', {});
    expect(expiring(h.events).map((e) => e.actBy)).toEqual([end, end + 7 * DAY]);
  });

  it('warns 14 days ahead for a long grant, and reads needs_reauth while the provider refuses', async () => {
    let clock = Date.UTC(2026, 0, 1);
    h = await startHarness({ kind: 'spotify' }, { now: () => clock });
    const connection = await h.connect('spotify');
    const end = connection.refreshTokenExpiresAt ?? 0;
    clock = end - 14 * DAY - 1;
    expect((await h.core.invoke('connections.get', { id: connection.id })).health.state).toBe('ok');
    clock = end - 14 * DAY;
    expect((await h.core.invoke('connections.get', { id: connection.id })).health).toMatchObject({ state: 'expiring', actBy: end });

    h.peer.revokeAll();
    clock += 2 * HOUR;
    await h.core.invoke('api.request', { connectionId: connection.id, url: '/me' }).catch(() => undefined);
    const refused = await h.core.invoke('connections.get', { id: connection.id });
    expect(refused.status).toBe('needs_reauth');
    expect(refused.health).toEqual({ state: 'needs_reauth', message: refused.reauthReason });
  });
});
