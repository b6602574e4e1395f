import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { completeAuthorization } from '../../support/browser';
import { startForwarder, type Forwarder } from '../../support/tcp-forwarder';
import { removeAllTempDirs } from '../../support/temp-dir';
import { errorOf, startHarness, type Harness } from '../harness';

// The provider unreachable: its token, revocation and userinfo endpoints sit behind a port that is
// switched off (connection refused) and on again (the provider recovered).
let h: Harness | undefined;
let gate: Forwarder | undefined;
afterEach(async () => {
  await h?.close();
  await gate?.close();
  h = undefined;
  gate = undefined;
  removeAllTempDirs();
});

async function behindGate(kind: 'google' | 'spotify'): Promise<{ h: Harness; gate: Forwarder }> {
  h = await startHarness({ kind, accessTokenTtl: 30 });
  gate = await startForwarder({ port: Number(new URL(h.peer.issuer).port) });
  const { token, revocation, userinfo } = h.peer.endpoints;
  const via = (url: string) => url.replace(h?.peer.issuer ?? '', gate?.origin ?? '');
  await h.restart({
    providers: {
      [kind]: {
        ...h.peer.providerOverride,
        tokenEndpoint: via(token),
        ...(kind === 'google' ? { revocationEndpoint: via(revocation), userinfoEndpoint: via(userinfo) } : {}),
      },
    },
  });
  return { h, gate };
}

const refused = (provider: string) =>
  new RegExp(`Junction could not reach ${provider} \\(127\\.0\\.0\\.1:\\d+\\): the connection was refused\\.`);

describe('provider unreachable (connection refused)', () => {
  it('during connect: network_error that says the provider could not be reached; nothing stored; connects once it is back', async () => {
    const { h, gate } = await behindGate('google');
    await gate.down();
    const start = await h.core.invoke('oauth.start', { service: 'google_gmail' });
    const waiting = errorOf(h.core.invoke('oauth.wait', { state: start.state }));
    const page = await completeAuthorization(start.authUrl);
    const error = await waiting;
    expect(error.code).toBe('network_error');
    expect(error.message).toMatch(refused('Google'));
    expect(page.body).toContain('could not reach Google');
    expect(h.peer.stats.token.authorization_code).toBe(0);
    expect(await h.core.invoke('connections.list', {})).toEqual([]);

    await gate.up();
    const connection = await h.connect('google_gmail');
    expect(connection).toMatchObject({ status: 'connected', account: { email: 'ada@example.com' } });
  });

  for (const kind of ['google', 'spotify'] as const) {
    it(`${kind}, during refresh: network_error, no retry storm, the connection unchanged and still connected; refreshes once it is back`, async () => {
      const { h, gate } = await behindGate(kind);
      const connection = await h.connect(kind === 'google' ? 'google_gmail' : 'spotify');
      const url = kind === 'google' ? '/users/me/profile' : '/me';
      const file = readFileSync(join(h.dataDir, 'connections.json'), 'utf8');
      await gate.down();
      h.peer.resetStats();
      const name = kind === 'google' ? 'Google' : 'Spotify';
      for (let i = 0; i < 3; i += 1) {
        const error = await errorOf(h.core.invoke('api.request', { connectionId: connection.id, url }));
        expect(error.code).toBe('network_error');
        // The first try may land on a kept-alive socket the outage just cut: reset, then refused.
        expect(error.message).toMatch(
          i === 0 ? new RegExp(`could not reach ${name} .*: the connection was (reset|refused)\\.`) : refused(name),
        );
      }
      expect(h.peer.stats.tokenRequests).toHaveLength(0);
      expect(readFileSync(join(h.dataDir, 'connections.json'), 'utf8')).toBe(file);
      expect(await h.core.invoke('connections.get', { id: connection.id })).toMatchObject({ status: 'connected' });

      await gate.up();
      const ok = await h.core.invoke('api.request', { connectionId: connection.id, url });
      expect(ok).toMatchObject({ status: 200, refreshed: true });
      expect(h.peer.stats.token.refresh_token).toBe(1);
    });
  }

  it('during disconnect: deleted here, and the message says revocation could not reach Google and where to finish it', async () => {
    const { h, gate } = await behindGate('google');
    const connection = await h.connect('google_calendar');
    await gate.down();
    const result = await h.core.invoke('connections.delete', { id: connection.id });
    expect(result.revoked).toBe(false);
    expect(result.message).toMatch(/could not revoke it at Google \(it refused or could not be reached\)/);
    expect(result.message).toContain('myaccount.google.com');
    expect(await h.core.invoke('connections.list', {})).toEqual([]);
    expect(readFileSync(join(h.dataDir, 'connections.json'), 'utf8')).not.toContain(connection.id);
  });
});
