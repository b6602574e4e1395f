import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Connection } from '../../../src-shared/types';
import { removeAllTempDirs } from '../../support/temp-dir';
import { errorOf, startHarness, type Harness } from '../harness';

// The OS keyring was reset: nothing saved can be decrypted any more. test/core/vault-and-disconnect
// covers one Spotify connection going needs_reauth and reconnecting; these cover several at once,
// what is (not) sent and (not) deleted, disconnecting such a connection, and the client secret.
let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
  removeAllTempDirs();
});

type Stored = { connections: Record<string, { grantId: string }>; grants: Record<string, { secret: string; status: string }> };
const stored = (dir: string) => JSON.parse(readFileSync(join(dir, 'connections.json'), 'utf8')) as Stored;

describe('a keyring reset', () => {
  it('marks every connection needs_reauth on use without asking the provider, keeps every record and its ciphertext, and repairs one at a time', async () => {
    h = await startHarness({ kind: 'google' });
    const gmail = await h.connect('google_gmail');
    const calendar = await h.connect('google_calendar');
    h.peer.setAccount({ sub: 'user-2', email: 'grace@example.com', name: 'Grace Hopper' });
    const grace = await h.connect('google_gmail');
    const before = stored(h.dataDir);
    h.cipher.rotateKey();
    await h.restart();
    h.peer.resetStats();
    h.peer.api.reset();

    const paths: [Connection, string][] = [
      [gmail, '/users/me/profile'],
      [calendar, '/users/me/calendarList/primary'],
      [grace, '/users/me/profile'],
    ];
    for (const [connection, url] of paths) {
      const error = await errorOf(h.core.invoke('api.request', { connectionId: connection.id, url }));
      expect(error.code).toBe('reauth_required');
      expect(error.message).toMatch(/can no longer read the saved sign-in.*keyring.*Reconnect/);
    }
    // No token could be read, so nothing went out: no refresh, no API call with a stale token.
    expect(h.peer.stats.tokenRequests).toEqual([]);
    expect(h.peer.api.requests).toEqual([]);
    const list = await h.core.invoke('connections.list', {});
    expect(list.map((c) => [c.id, c.status])).toEqual([
      [gmail.id, 'needs_reauth'],
      [calendar.id, 'needs_reauth'],
      [grace.id, 'needs_reauth'],
    ]);
    for (const c of list) expect(c.reauthReason).toMatch(/keyring/);
    // Nothing deleted: every record is there with the very ciphertext it had.
    const after = stored(h.dataDir);
    expect(Object.keys(after.connections).sort()).toEqual(Object.keys(before.connections).sort());
    expect(Object.keys(after.grants).sort()).toEqual(Object.keys(before.grants).sort());
    // Ada's Gmail and Calendar share one grant (one sign-in per account); Grace has her own.
    expect(Object.keys(before.grants)).toHaveLength(2);
    for (const id of Object.keys(before.grants)) {
      expect(after.grants[id]?.secret).toEqual(expect.any(String));
      expect(after.grants[id]?.secret).toBe(before.grants[id]?.secret);
    }

    // No loop: asking again answers from the record, without trying to decrypt again.
    const failures = h.cipher.calls.decryptFailures;
    expect((await errorOf(h.core.invoke('api.request', { connectionId: gmail.id, url: '/users/me/profile' }))).code).toBe(
      'reauth_required',
    );
    expect(h.cipher.calls.decryptFailures).toBe(failures);

    // Reconnecting Grace repairs her connection in place and leaves Ada's two as they are.
    const repaired = await h.connect('google_gmail');
    expect(repaired).toMatchObject({ id: grace.id, status: 'connected', createdAt: grace.createdAt });
    expect((await h.core.invoke('api.request', { connectionId: grace.id, url: '/users/me/profile' })).status).toBe(200);
    expect((await h.core.invoke('connections.list', {})).map((c) => c.status)).toEqual(['needs_reauth', 'needs_reauth', 'connected']);
    // The state holds across another restart.
    await h.restart();
    expect((await h.core.invoke('connections.list', {})).map((c) => c.status)).toEqual(['needs_reauth', 'needs_reauth', 'connected']);
  });

  it('disconnecting a connection it cannot read deletes it here and says it could not be revoked, and where to do it', async () => {
    h = await startHarness({ kind: 'google' });
    const connection = await h.connect('google_drive');
    h.cipher.rotateKey();
    await h.restart();
    const result = await h.core.invoke('connections.delete', { id: connection.id });
    expect(result.revoked).toBe(false);
    expect(result.message).toMatch(/could not revoke it at Google \(the saved sign-in could not be read\)/);
    expect(result.message).toContain('https://myaccount.google.com/permissions');
    expect(h.peer.stats.revocations).toEqual([]);
    expect(await h.core.invoke('connections.list', {})).toEqual([]);
  });

  it('a saved client secret it cannot read: not configured, says which secret to enter again, keeps the old one on disk until replaced', async () => {
    h = await startHarness({ kind: 'google' });
    const { clientSecret: _default, ...withoutDefaultSecret } = h.peer.providerOverride;
    await h.restart({ providers: { google: withoutDefaultSecret } });
    await h.core.invoke('settings.setProvider', { provider: 'google', clientId: h.peer.clientId, clientSecret: h.peer.clientSecret });
    const connection = await h.connect('google_gmail');
    const settingsBefore = readFileSync(join(h.dataDir, 'settings.json'), 'utf8');
    h.cipher.rotateKey();
    await h.restart({ providers: { google: withoutDefaultSecret } });

    const google = (await h.core.invoke('settings.getProviders', {})).find((p) => p.provider === 'google');
    expect(google).toMatchObject({ configured: false, clientId: h.peer.clientId });
    const error = await errorOf(h.core.invoke('oauth.start', { service: 'google_gmail' }));
    expect(error.code).toBe('not_configured');
    expect(error.message).toMatch(/needs a client secret.*Settings/);
    expect(readFileSync(join(h.dataDir, 'settings.json'), 'utf8')).toBe(settingsBefore);
    expect(await h.core.invoke('connections.get', { id: connection.id })).toMatchObject({ id: connection.id });

    // Entering it again repairs the settings, and then the connection.
    await h.core.invoke('settings.setProvider', { provider: 'google', clientId: h.peer.clientId, clientSecret: h.peer.clientSecret });
    expect((await h.core.invoke('settings.getProviders', {})).find((p) => p.provider === 'google')).toMatchObject({ configured: true });
    expect(await h.connect('google_gmail')).toMatchObject({ id: connection.id, status: 'connected' });
  });
});
