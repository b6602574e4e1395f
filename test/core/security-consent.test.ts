import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CoreError } from '../../src-main/core/errors';
import { ConnectionVault } from '../../src-main/core/vault/connection-vault';
import { StorageConsent } from '../../src-main/core/vault/storage-consent';
import { completeAuthorization } from '../support/browser';
import type { PeerKind } from '../support/oauth-peer';
import { createTestCipher, type TestCipher } from '../support/cipher';
import { makeTempDir, removeAllTempDirs } from '../support/temp-dir';
import { errorOf, readAllFiles, signInWithSlowTokenEndpoint, startHarness, until, type Harness } from './harness';

// Issue 11, item 1: on a machine with no real key store, consent to weaker storage is checked at
// every write of token material or a client secret, not only when a sign-in starts.

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
  removeAllTempDirs();
});

const fileOf = (h: Harness, name: string) => {
  const path = join(h.dataDir, `${name}.json`);
  return existsSync(path) ? readFileSync(path, 'utf8') : '';
};
const accept = (h: Harness, value: boolean) => h.core.invoke('settings.acceptInsecureStorage', { accept: value });

/** A core on `basic_text` storage with weaker storage accepted, and one connection made. */
async function insecureWithConnection(kind: PeerKind): Promise<{ h: Harness; cipher: TestCipher; id: string }> {
  const cipher = createTestCipher({ secure: false });
  h = await startHarness({ kind, accessTokenTtl: 30 }, { cipher });
  await accept(h, true);
  const connection = await h.connect(kind === 'google' ? 'google_gmail' : 'spotify');
  return { h, cipher, id: connection.id };
}

const whoAmI = (kind: PeerKind) => (kind === 'google' ? '/users/me/profile' : '/me');

describe('consent to weaker storage holds at every write', () => {
  it('a refresh after consent is withdrawn: not_configured before any token request, nothing written; accepting again renews it', async () => {
    const { h, cipher, id } = await insecureWithConnection('google');
    await accept(h, false);
    h.peer.resetStats();
    const fileBefore = fileOf(h, 'connections');
    const encryptsBefore = cipher.calls.encrypt;
    // 30-second tokens are inside the refresh skew: this request needs a refresh.
    const error = await errorOf(h.core.invoke('api.request', { connectionId: id, url: whoAmI('google') }));
    expect(error.code).toBe('not_configured');
    expect(error.message).toMatch(/may not save the renewed sign-in.*Accept weaker storage in Settings/);
    expect(h.peer.stats.token.refresh_token).toBe(0);
    expect(cipher.calls.encrypt).toBe(encryptsBefore);
    expect(fileOf(h, 'connections')).toBe(fileBefore);
    expect((await h.core.invoke('connections.get', { id })).status).toBe('connected');

    await accept(h, true);
    const answer = await h.core.invoke('api.request', { connectionId: id, url: whoAmI('google') });
    expect([answer.status, answer.refreshed]).toEqual([200, true]);
  });

  it('withdrawn while Google answers a refresh: the new tokens are dropped, the saved refresh token still works after accepting again', async () => {
    const { h, cipher, id } = await insecureWithConnection('google');
    h.peer.faults.token.next(1, { delayMs: 1_000 });
    const fileBefore = fileOf(h, 'connections');
    const encryptsBefore = cipher.calls.encrypt;
    const request = errorOf(h.core.invoke('api.request', { connectionId: id, url: whoAmI('google') }));
    await until(() => h.peer.faults.token.pending === 0, 'the refresh request');
    await accept(h, false);
    const error = await request;
    expect(error.code).toBe('not_configured');
    expect(cipher.calls.encrypt).toBe(encryptsBefore);
    expect(fileOf(h, 'connections')).toBe(fileBefore);
    expect((await h.core.invoke('connections.get', { id })).status).toBe('connected');

    await accept(h, true);
    const answer = await h.core.invoke('api.request', { connectionId: id, url: whoAmI('google') });
    expect(answer.status).toBe(200);
    const presented = h.peer.stats.tokenRequests.filter((r) => r.grantType === 'refresh_token').map((r) => r.refreshToken);
    expect(presented).toHaveLength(2);
    expect(presented[0]).toBe(presented[1]);
  });

  it('withdrawn while Spotify rotates the refresh token: nothing written, the connection reads needs_reauth and says why', async () => {
    const { h, cipher, id } = await insecureWithConnection('spotify');
    h.peer.faults.token.next(1, { delayMs: 1_000 });
    const encryptsBefore = cipher.calls.encrypt;
    const request = errorOf(h.core.invoke('api.request', { connectionId: id, url: whoAmI('spotify') }));
    await until(() => h.peer.faults.token.pending === 0, 'the refresh request');
    await accept(h, false);
    const error = await request;
    expect(error.code).toBe('reauth_required');
    expect(cipher.calls.encrypt).toBe(encryptsBefore);
    const connection = await h.core.invoke('connections.get', { id });
    expect(connection.status).toBe('needs_reauth');
    expect(connection.reauthReason).toMatch(/could not save the renewed one.*Accept weaker storage in Settings, then reconnect/);
    // The retired refresh token is never presented again (reuse would revoke the whole grant).
    h.peer.resetStats();
    await accept(h, true);
    expect((await errorOf(h.core.invoke('api.request', { connectionId: id, url: whoAmI('spotify') }))).code).toBe('reauth_required');
    expect(h.peer.stats.token.refresh_token).toBe(0);
  });

  it('withdrawn while a sign-in exchanges its code: oauth.wait rejects, the page does not say connected, nothing is stored', async () => {
    const cipher = createTestCipher({ secure: false });
    h = await startHarness({ kind: 'google' }, { cipher });
    await accept(h, true);
    const { waiting, page } = await signInWithSlowTokenEndpoint(h, 'google_gmail', 1_000);
    await accept(h, false);
    const error = await waiting;
    expect(error.code).toBe('not_configured');
    expect(error.message).toMatch(/weaker storage/);
    const shown = await page;
    expect(await h.core.invoke('connections.list', {})).toEqual([]);
    expect(shown.body).not.toContain('Connected');
    expect(shown.body).toMatch(/weaker storage/);
    await h.restart();
    expect(await h.core.invoke('connections.list', {})).toEqual([]);
    expect(readAllFiles(h.dataDir)).not.toContain('ada@example.com');
  });

  it('withdrawn while the person is in the browser: the sign-in ends at once, its listener closes, no code is exchanged', async () => {
    const cipher = createTestCipher({ secure: false });
    h = await startHarness({ kind: 'google' }, { cipher });
    await accept(h, true);
    const start = await h.core.invoke('oauth.start', { service: 'google_gmail' });
    const waiting = errorOf(h.core.invoke('oauth.wait', { state: start.state }));
    const { redirectUrl } = await completeAuthorization(start.authUrl, { deliver: false });
    await accept(h, false);
    // The person finishes in the browser: nobody is listening any more.
    await expect(fetch(redirectUrl)).rejects.toThrow();
    const error = await waiting;
    expect(error.code).toBe('not_configured');
    expect(error.message).toMatch(/no longer accepted.*Accept weaker storage in Settings, then connect again/);
    expect(h.peer.stats.token.authorization_code).toBe(0);
    expect(h.events).toContainEqual(expect.objectContaining({ type: 'oauth.finished', state: start.state, ok: false }));
    expect(await h.core.invoke('connections.list', {})).toEqual([]);
  });

  it('on a secure key store consent does not matter: withdrawing it ends no sign-in', async () => {
    h = await startHarness({ kind: 'google' });
    const start = await h.core.invoke('oauth.start', { service: 'google_gmail' });
    const waiting = h.core.invoke('oauth.wait', { state: start.state });
    await accept(h, false);
    expect((await completeAuthorization(start.authUrl)).body).toContain('Connected to Google');
    expect((await waiting).status).toBe('connected');
  });

  it('a client secret with an insecure cipher: not_configured and nothing encrypted until weaker storage is accepted', async () => {
    const cipher = createTestCipher({ secure: false });
    h = await startHarness({ kind: 'google' }, { cipher });
    const secret = { provider: 'google' as const, clientId: 'id-1.apps.googleusercontent.com', clientSecret: 'GOCSPX-new-secret' };
    const error = await errorOf(h.core.invoke('settings.setProvider', secret));
    expect(error.code).toBe('not_configured');
    expect(error.message).toMatch(/client secret would be only lightly protected\. Accept weaker storage in Settings/);
    expect(cipher.calls.encrypt).toBe(0);
    expect(fileOf(h, 'settings')).not.toContain('clientSecret');
    // A client ID is no secret, and removing a saved secret writes none.
    await h.core.invoke('settings.setProvider', { provider: 'google', clientId: secret.clientId });
    await h.core.invoke('settings.setProvider', { provider: 'google', clientId: secret.clientId, clientSecret: '' });
    expect(cipher.calls.encrypt).toBe(0);

    await accept(h, true);
    expect((await h.core.invoke('settings.setProvider', secret)).hasClientSecret).toBe(true);
    expect(cipher.calls.encrypt).toBe(1);
    await accept(h, false);
    expect((await errorOf(h.core.invoke('settings.setProvider', secret))).code).toBe('not_configured');
    expect(cipher.calls.encrypt).toBe(1);
  });

  it('the vault itself refuses to save token material without consent, whoever calls it', () => {
    const dir = makeTempDir();
    const cipher = createTestCipher({ secure: false });
    let accepted = false;
    const vault = new ConnectionVault(dir, cipher, Date.now, new StorageConsent(cipher, () => accepted));
    // The sign-in's grant (the account's tokens) and the connection that uses it.
    const grant = {
      id: 'grant-1',
      provider: 'spotify' as const,
      scopes: [],
      status: 'connected' as const,
      tokenExpiresAt: null,
      lastAuthorizedAt: 1,
      lastRefreshedAt: null,
      refreshTokenIssuedAt: 1,
      refreshTokenDeclaredExpiresAt: null,
    };
    const record = {
      id: '00000000-0000-4000-8000-000000000001',
      service: 'spotify' as const,
      provider: 'spotify' as const,
      account: {},
      grantId: grant.id,
      createdAt: 1,
      updatedAt: 1,
    };
    let thrown: unknown;
    try {
      vault.commitSignIn(grant, { accessToken: 'a' }, [record]);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(CoreError);
    expect((thrown as CoreError).code).toBe('not_configured');
    expect(cipher.calls.encrypt).toBe(0);
    expect(vault.list()).toEqual([]);
    accepted = true;
    vault.commitSignIn(grant, { accessToken: 'a' }, [record]);
    // A refresh's new tokens need consent at that moment too; marking the grant needs no secret.
    accepted = false;
    expect(() => vault.updateGrant(grant.id, { lastRefreshedAt: 2 }, { accessToken: 'b' })).toThrow(/weaker storage/);
    vault.updateGrant(grant.id, { status: 'needs_reauth', reauthReason: 'x' });
    expect(vault.get(record.id).status).toBe('needs_reauth');
    expect(vault.list().map((r) => r.id)).toEqual([record.id]);
  });
});
