import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ApiResponse, Connection, OAuthStartResult } from '../../../src-shared/types';
import { completeAuthorization } from '../../support/browser';
import { prepareCoreChild, spawnCoreChild, type ChildError, type ChildLaunch, type CoreChild } from '../../support/core-child-client';
import type { ChildCoreOptions } from '../../support/core-child-protocol';
import { startHoldingProxy, type HoldingProxy } from '../../support/holding-proxy';
import { startOAuthPeer, type OAuthPeer } from '../../support/oauth-peer';
import { makeTempDir, removeAllTempDirs } from '../../support/temp-dir';

// Deterministic kills at the moments that matter most: the provider has done its part (issued a
// rotated refresh token, revoked a grant) and the app is killed before it hears the answer.
let launch: ChildLaunch;
beforeAll(async () => {
  launch = await prepareCoreChild();
});
afterAll(() => launch.dispose());

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  removeAllTempDirs();
});

const compileCacheDir = join(tmpdir(), 'junction-test-compile-cache');
const ROUNDS = process.env.JUNCTION_LONG_TESTS === '1' ? 30 : 4;

interface Rig {
  peer: OAuthPeer;
  proxy: HoldingProxy;
  options: ChildCoreOptions;
  dataDir: string;
  /** A started core process on the rig's data directory. */
  boot(): Promise<CoreChild>;
  connect(child: CoreChild, service: 'spotify' | 'google_gmail'): Promise<Connection>;
}

async function rig(kind: 'spotify' | 'google'): Promise<Rig> {
  // Rotating refresh tokens with reuse detection for Spotify, as the peer's README says.
  const peer = await startOAuthPeer({ kind, accessTokenTtl: 30 });
  const proxy = await startHoldingProxy(peer.issuer);
  const dataDir = makeTempDir('junction-kill-');
  const children: CoreChild[] = [];
  cleanups.push(async () => {
    await Promise.all(children.map((child) => child.kill()));
    await proxy.close();
    await peer.close();
  });
  const options: ChildCoreOptions = {
    dataDir,
    cipherKeyHex: randomBytes(32).toString('hex'),
    providers: {
      [kind]: {
        ...peer.providerOverride,
        tokenEndpoint: `${proxy.origin}/token`,
        ...(kind === 'google' ? { revocationEndpoint: `${proxy.origin}/token/revocation` } : {}),
      },
    },
    services: peer.servicesOverride,
  };
  return {
    peer,
    proxy,
    options,
    dataDir,
    async boot() {
      const child = spawnCoreChild({ launch, compileCacheDir });
      children.push(child);
      await child.start(options);
      return child;
    },
    async connect(child, service) {
      const start = await child.invoke<OAuthStartResult>('oauth.start', { service });
      const waiting = child.invoke<Connection>('oauth.wait', { state: start.state });
      await completeAuthorization(start.authUrl);
      return waiting;
    },
  };
}

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: ChildError) => error,
  );

describe('a rotating provider issued a new refresh token just before the kill', () => {
  it('the answer never arrived: on restart the connection asks to reconnect, once, clearly; reconnecting repairs it', async () => {
    const r = await rig('spotify');
    const first = await r.boot();
    const connection = await r.connect(first, 'spotify');
    const held = r.proxy.holdNext('/token');
    // 30 s tokens sit inside the refresh skew: this request starts with a refresh.
    void failure(first.invoke('api.request', { connectionId: connection.id, url: '/me' }));
    const answer = await held;
    expect(answer.status).toBe(200);
    const rotated = (JSON.parse(answer.body) as { refresh_token?: string }).refresh_token;
    expect(rotated).toBeTruthy();
    await first.kill();

    const second = await r.boot();
    r.peer.resetStats();
    const error = await failure(second.invoke<ApiResponse>('api.request', { connectionId: connection.id, url: '/me' }));
    // The saved refresh token is the one already exchanged: the provider refuses it as reused.
    expect(error?.code).toBe('reauth_required');
    expect(error?.message).toMatch(/Spotify no longer accepts this sign-in.*Reconnect the account/);
    expect(r.peer.stats.tokenRequests.map((t) => [t.grantType, t.status])).toEqual([['refresh_token', 400]]);
    expect(r.peer.stats.tokenRequests[0]?.refreshToken).not.toBe(rotated);
    const broken = await second.invoke<Connection>('connections.get', { id: connection.id });
    expect(broken).toMatchObject({ id: connection.id, status: 'needs_reauth' });
    expect(broken.reauthReason).toMatch(/Reconnect/);
    // No silent loop: asked again, it says the same without asking the provider.
    expect((await failure(second.invoke('api.request', { connectionId: connection.id, url: '/me' })))?.code).toBe('reauth_required');
    expect(r.peer.stats.tokenRequests).toHaveLength(1);

    const repaired = await r.connect(second, 'spotify');
    expect(repaired).toMatchObject({ id: connection.id, status: 'connected', createdAt: connection.createdAt });
    const ok = await second.invoke<ApiResponse>('api.request', { connectionId: connection.id, url: '/me' });
    expect(ok).toMatchObject({ status: 200, refreshed: true });
    await second.close();
    expect([...first.fatal, ...second.fatal]).toEqual([]);
  });

  it(
    'the answer arrived and the kill came right after: on restart it refreshes with the new token, or asks to reconnect; never anything else',
    { timeout: 60_000 },
    async () => {
      const r = await rig('spotify');
      let child = await r.boot();
      const connection = await r.connect(child, 'spotify');
      const outcomes: string[] = [];
      for (let round = 0; round < ROUNDS; round += 1) {
        const delivered = r.proxy.deliveredNext('/token');
        void failure(child.invoke('api.request', { connectionId: connection.id, url: '/me' }));
        const answer = await delivered;
        // A little later each round: before, during and after the core writes the rotated token.
        await new Promise((resolve) => setTimeout(resolve, round % 4));
        await child.kill();
        expect(child.fatal).toEqual([]);
        const rotated = (JSON.parse(answer.body) as { refresh_token?: string }).refresh_token;

        child = await r.boot();
        r.peer.resetStats();
        const response = await child
          .invoke<ApiResponse>('api.request', { connectionId: connection.id, url: '/me' })
          .catch((error: ChildError) => error);
        if ('status' in response) {
          expect(response).toMatchObject({ status: 200, refreshed: true });
          // It can only have worked with the rotated token, saved before the kill.
          expect(r.peer.stats.tokenRequests.map((t) => t.refreshToken)).toEqual([rotated]);
          outcomes.push('refreshed');
        } else {
          expect(response.code).toBe('reauth_required');
          expect(response.message).toMatch(/Reconnect/);
          expect(r.peer.stats.tokenRequests.map((t) => t.refreshToken)).not.toContain(rotated);
          expect((await failure(child.invoke('api.request', { connectionId: connection.id, url: '/me' })))?.code).toBe('reauth_required');
          expect(r.peer.stats.tokenRequests).toHaveLength(1);
          expect(await r.connect(child, 'spotify')).toMatchObject({ id: connection.id, status: 'connected' });
          outcomes.push('asked to reconnect');
        }
      }
      await child.close();
      expect(outcomes).toHaveLength(ROUNDS);
    },
  );
});

describe('a disconnect killed while the provider revokes', () => {
  it('the provider revoked and the answer never arrived: on restart the disconnect is finished, and said so once', async () => {
    const r = await rig('google');
    const first = await r.boot();
    const connection = await r.connect(first, 'google_gmail');
    await first.invoke('api.request', { connectionId: connection.id, url: '/users/me/profile' });
    // The access token that call presented must be dead once the disconnect is done.
    const token = [...r.peer.api.seenTokens][0];
    expect(token).toBeTruthy();
    const held = r.proxy.holdNext('/token/revocation');
    void failure(first.invoke('connections.delete', { id: connection.id }));
    expect((await held).status).toBe(200);
    await first.kill();

    const second = await r.boot();
    const info = await second.invoke<{ notices: string[] }>('app.info', {});
    expect(info.notices).toHaveLength(1);
    expect(info.notices[0]).toMatch(/finished disconnecting ada@example\.com.*confirmed that its access is revoked/);
    expect((await second.invoke<{ notices: string[] }>('app.info', {})).notices).toEqual([]);
    expect(await second.invoke('connections.list', {})).toEqual([]);
    expect(readFileSync(join(r.dataDir, 'connections.json'), 'utf8')).not.toContain(connection.id);
    expect(await r.peer.inspectToken(token ?? '')).toBeNull();
    // Connecting again makes a new connection, as after any disconnect.
    const again = await r.connect(second, 'google_gmail');
    expect(again.id).not.toBe(connection.id);
    expect((await second.invoke<ApiResponse>('api.request', { connectionId: again.id, url: '/users/me/profile' })).status).toBe(200);
    await second.close();
  });

  it('killed before the provider answered: on restart the revocation is asked for again, then the disconnect finishes', async () => {
    const r = await rig('google');
    const first = await r.boot();
    const connection = await r.connect(first, 'google_gmail');
    await first.invoke('api.request', { connectionId: connection.id, url: '/users/me/profile' });
    const token = [...r.peer.api.seenTokens][0];
    r.peer.faults.revocation.next(1, { hang: true });
    void failure(first.invoke('connections.delete', { id: connection.id }));
    for (let i = 0; i < 100 && r.peer.stats.revocations.length === 0; i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(r.peer.stats.revocations).toHaveLength(1);
    await first.kill();
    // The hung request never revoked anything: the grant is still live.
    expect(await r.peer.inspectToken(token ?? '')).not.toBeNull();

    const second = await r.boot();
    expect(r.peer.stats.revocations).toHaveLength(2);
    expect(await r.peer.inspectToken(token ?? '')).toBeNull();
    expect((await second.invoke<{ notices: string[] }>('app.info', {})).notices).toEqual([
      expect.stringMatching(/finished disconnecting ada@example\.com.*confirmed that its access is revoked/),
    ]);
    expect(await second.invoke('connections.list', {})).toEqual([]);
    await second.close();
  });

  it('the provider cannot be reached on restart either: the disconnect finishes without waiting long, and says to check', async () => {
    const r = await rig('google');
    const first = await r.boot();
    const connection = await r.connect(first, 'google_gmail');
    r.peer.faults.revocation.next(2, { hang: true });
    void failure(first.invoke('connections.delete', { id: connection.id }));
    for (let i = 0; i < 100 && r.peer.stats.revocations.length === 0; i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
    await first.kill();

    r.options.tokenRequestTimeoutMs = 300;
    const second = await r.boot();
    expect(r.peer.stats.revocations).toHaveLength(2);
    expect((await second.invoke<{ notices: string[] }>('app.info', {})).notices).toEqual([
      expect.stringMatching(
        /finished disconnecting ada@example\.com.*could not revoke it at Google \(it did not answer in time\)\. To be sure, remove Junction's access at https:/,
      ),
    ]);
    expect(await second.invoke('connections.list', {})).toEqual([]);
    expect(readFileSync(join(r.dataDir, 'connections.json'), 'utf8')).not.toContain(connection.id);
    await second.close();
  });
});
