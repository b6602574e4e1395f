// A rotated refresh token must be on disk before the new access token is first used: a crash
// after the use but before the write would leave only the old, now spent, refresh token, and the
// next refresh with it revokes the whole grant (RFC 9700 §4.14.2). The API holds the first request
// after the refresh, so time stands still between the refresh response and the use, and the store
// is read there, decrypted with the test's key.
import { afterEach, describe, expect, it } from 'vitest';
import { decryptVault } from '../support/disk-secrecy';
import { removeAllTempDirs } from '../support/temp-dir';
import { startHarness, type Harness } from './harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
  removeAllTempDirs();
});

function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => (resolve = done));
  return { promise, resolve };
}

type Secrets = { accessToken: string; refreshToken?: string };

describe('refresh token rotation', () => {
  it.each([
    ['before expiry (inside the skew)', 'expiry'],
    ['after a 401', '401'],
  ])('has the new refresh token on disk before the new access token is first used: %s', async (_name, trigger) => {
    // Spotify rotates refresh tokens; 30 s tokens are inside the one-minute skew at once.
    h = await startHarness({ kind: 'spotify', accessTokenTtl: trigger === 'expiry' ? 30 : 3600 });
    const harness = h;
    const connection = await harness.connect('spotify');
    const before = decryptVault(harness.dataDir, harness.cipher)[connection.id];
    expect(before?.refreshToken).toBeTruthy();
    if (trigger === '401') harness.peer.revokeAccessTokens();
    harness.peer.resetStats();

    const arrived = deferred<{ bearer: string | undefined; disk: Secrets | undefined }>();
    const release = deferred<void>();
    harness.peer.api.route('GET', '/v1/test/held', async ({ token }) => {
      arrived.resolve({ bearer: token?.token, disk: decryptVault(harness.dataDir, harness.cipher)[connection.id] });
      await release.promise;
      return { json: { held: true } };
    });
    const request = harness.core.invoke('api.request', { connectionId: connection.id, url: '/test/held' });
    const { bearer, disk } = await arrived.promise;

    // The provider saw one refresh, with the old refresh token; the API holds the first use of its answer.
    const refreshes = harness.peer.stats.tokenRequests.filter((r) => r.grantType === 'refresh_token');
    expect(refreshes.map((r) => r.refreshToken)).toEqual([before?.refreshToken]);
    expect(bearer).toBeTruthy();
    // On disk already: the access token being used, and a new refresh token the provider holds live.
    expect(disk?.accessToken).toBe(bearer);
    expect(disk?.refreshToken).toBeTruthy();
    expect(disk?.refreshToken).not.toBe(before?.refreshToken);
    const stored = await harness.peer.provider.RefreshToken.find(disk?.refreshToken ?? '');
    expect(stored?.consumed).toBeFalsy();
    expect((await harness.peer.provider.RefreshToken.find(before?.refreshToken ?? ''))?.consumed).toBeTruthy();

    release.resolve();
    expect(await request).toMatchObject({ status: 200, refreshed: true });
  });
});
