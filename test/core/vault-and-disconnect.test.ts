import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { decryptVault, secretsReadableOnDisk } from '../support/disk-secrecy';
import { removeAllTempDirs } from '../support/temp-dir';
import { errorOf, readAllFiles, startHarness, type Harness } from './harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
  removeAllTempDirs();
});

describe('token vault', () => {
  it('keeps connections across a restart on the same data directory, with tokens only encrypted on disk', async () => {
    h = await startHarness({ kind: 'google' });
    const connection = await h.connect('google_gmail');
    await h.core.invoke('api.request', { connectionId: connection.id, url: '/users/me/profile' });
    const refresh = await refreshTokenOf(h);
    expect(refresh).toHaveLength(1);
    const tokens = [...h.peer.api.seenTokens];
    const before = await h.core.invoke('connections.list', {});
    await h.restart();
    const list = await h.core.invoke('connections.list', {});
    expect(list).toEqual(before);
    expect(list[0]?.id).toBe(connection.id);
    const ok = await h.core.invoke('api.request', { connectionId: connection.id, url: '/users/me/profile' });
    expect(ok.status).toBe(200);

    expect(readAllFiles(h.dataDir)).toContain(connection.id);
    expect(secretsReadableOnDisk(h.dataDir, [...tokens, ...refresh, h.peer.clientSecret ?? ''])).toEqual([]);
    // The check looked where the tokens are: with the key, the vault holds the live pair.
    const [live] = [...h.peer.api.seenTokens].slice(-1);
    expect(decryptVault(h.dataDir, h.cipher)[connection.id]).toEqual({ accessToken: live, refreshToken: refresh[0] });
    for (const name of readdirSync(h.dataDir)) {
      expect(statSync(join(h.dataDir, name)).mode & 0o077, name).toBe(0);
    }
  });

  it('marks connections needs_reauth, deleting nothing, when the keyring can no longer decrypt them', async () => {
    h = await startHarness({ kind: 'spotify' });
    const connection = await h.connect('spotify');
    h.cipher.rotateKey();
    await h.restart();
    const error = await errorOf(h.core.invoke('api.request', { connectionId: connection.id, url: '/me' }));
    expect(error.code).toBe('reauth_required');
    expect(error.message).toMatch(/keyring/);
    const after = await h.core.invoke('connections.get', { id: connection.id });
    expect(after.status).toBe('needs_reauth');
    expect(after.id).toBe(connection.id);
    const repaired = await h.connect('spotify');
    expect(repaired).toMatchObject({ id: connection.id, status: 'connected' });
  });

  it('keeps a damaged store file aside, says so once, and starts', async () => {
    h = await startHarness({ kind: 'google' });
    await h.connect('google_docs');
    await h.core.close();
    writeFileSync(join(h.dataDir, 'connections.json'), '{"version":1,"connections":{"x":');
    await h.restart();
    const info = await h.core.invoke('app.info', {});
    expect(info.notices).toHaveLength(1);
    expect(info.notices[0]).toMatch(/could not read connections\.json/);
    expect((await h.core.invoke('app.info', {})).notices).toEqual([]);
    expect(readdirSync(h.dataDir).some((name) => name.startsWith('connections.json.damaged-'))).toBe(true);
    expect(await h.core.invoke('connections.list', {})).toEqual([]);
  });

  it('refuses to start a sign-in on insecure storage until the person accepts it', async () => {
    h = await startHarness({ kind: 'google' });
    await h.restart({
      cipher: { ...h.cipher, backend: 'basic_text', secure: false, encrypt: h.cipher.encrypt, decrypt: h.cipher.decrypt },
    });
    const error = await errorOf(h.core.invoke('oauth.start', { service: 'google_gmail' }));
    expect(error.code).toBe('not_configured');
    expect(error.message).toMatch(/Accept weaker storage/);
    expect(await h.core.invoke('settings.acceptInsecureStorage', { accept: true })).toEqual({
      backend: 'basic_text',
      secure: false,
      insecureAccepted: true,
    });
    expect(h.events).toContainEqual({ type: 'storage.changed', storage: { backend: 'basic_text', secure: false, insecureAccepted: true } });
    const connection = await h.connect('google_gmail');
    expect(connection.status).toBe('connected');
  });
});

async function refreshTokenOf(h: Harness): Promise<string[]> {
  // Ask the peer for a refresh grant with a forced 401 so the refresh token shows in its records.
  h.peer.revokeAccessTokens();
  const connection = (await h.core.invoke('connections.list', {}))[0];
  await h.core.invoke('api.request', { connectionId: connection?.id ?? '', url: '/users/me/profile' });
  return h.peer.stats.tokenRequests.flatMap((r) => (r.refreshToken ? [r.refreshToken] : []));
}

describe('disconnect', () => {
  it('revokes at Google (RFC 7009), deletes the record, and the token is dead', async () => {
    h = await startHarness({ kind: 'google' });
    const connection = await h.connect('google_gmail');
    await h.core.invoke('api.request', { connectionId: connection.id, url: '/users/me/profile' });
    const [token] = [...h.peer.api.seenTokens];
    expect(await h.core.invoke('connections.delete', { id: connection.id })).toEqual({ revoked: true });
    expect(h.peer.stats.revocations).toHaveLength(1);
    expect(h.peer.stats.revocations[0]?.tokenTypeHint).toBe('refresh_token');
    expect(await h.peer.inspectToken(token ?? '')).toBeNull();
    expect(await h.core.invoke('connections.list', {})).toEqual([]);
    expect((await errorOf(h.core.invoke('connections.get', { id: connection.id }))).code).toBe('not_found');
    expect(readAllFiles(h.dataDir)).not.toContain(connection.id);
  });

  it('deletes locally and says so when revocation fails', async () => {
    h = await startHarness({ kind: 'google' });
    const connection = await h.connect('google_calendar');
    h.peer.faults.revocation.next(1, { status: 503 });
    const result = await h.core.invoke('connections.delete', { id: connection.id });
    expect(result.revoked).toBe(false);
    expect(result.message).toMatch(/could not revoke/);
    expect(await h.core.invoke('connections.list', {})).toEqual([]);
  });

  it('tells where to remove the app for Spotify, which has no revocation endpoint', async () => {
    h = await startHarness({ kind: 'spotify' });
    const connection = await h.connect('spotify');
    const result = await h.core.invoke('connections.delete', { id: connection.id });
    expect(result.revoked).toBe(false);
    expect(result.message).toContain('spotify.com/account/apps');
    expect(h.peer.stats.revocations).toHaveLength(0);
    expect(await h.core.invoke('connections.list', {})).toEqual([]);
  });
});
