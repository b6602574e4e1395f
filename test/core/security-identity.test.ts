import { createServer, type IncomingHttpHeaders } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { closeServer, listenOnLoopback, sendJson } from '../support/http-utils';
import type { PeerAccount } from '../support/oauth-peer';
import { removeAllTempDirs } from '../support/temp-dir';
import { startHarness, type Harness } from './harness';

// Issue 11, item 3: the identity lookup during sign-in decides which connection new tokens land
// in. It follows no redirect, and an answer contradicting the ID token is not believed.

let h: Harness | undefined;
let impostor: Impostor | undefined;
afterEach(async () => {
  await h?.close();
  await impostor?.close();
  h = undefined;
  impostor = undefined;
  removeAllTempDirs();
});

const GRACE: PeerAccount = { sub: 'user-2', email: 'grace@example.com', name: 'Grace Hopper' };
/** What the impostor claims: Ada's id, the attacker's email. */
const CLAIM = { sub: 'user-1', id: 'user-1', email: 'eve@evil.example', name: 'Eve', display_name: 'Eve' };

interface Impostor {
  url: string;
  /** Headers of every request that reached it. */
  hits: IncomingHttpHeaders[];
  close(): Promise<void>;
}

/** Another server on loopback answering every who-am-I as Ada's id with the attacker's email. */
async function startImpostor(): Promise<Impostor> {
  const hits: IncomingHttpHeaders[] = [];
  const server = createServer((req, res) => {
    hits.push(req.headers);
    sendJson(res, 200, CLAIM);
  });
  const url = await listenOnLoopback(server);
  return { url, hits, close: () => closeServer(server) };
}

/** Ada's connection is still hers: her account, and her tokens (the API answers as Ada). */
async function expectAdaUntouched(h: Harness, adaId: string, whoAmI: string): Promise<void> {
  const ada = await h.core.invoke('connections.get', { id: adaId });
  expect(ada.account).toEqual({ id: 'user-1', email: 'ada@example.com', displayName: 'Ada Lovelace' });
  const answer = await h.core.invoke('api.request', { connectionId: adaId, url: whoAmI });
  expect(JSON.stringify(answer.json)).toContain('ada@example.com');
}

describe('the identity lookup during sign-in', () => {
  it("Spotify's /me redirecting to another server: not followed, and the new sign-in does not merge into Ada's connection", async () => {
    h = await startHarness({ kind: 'spotify' });
    impostor = await startImpostor();
    const ada = await h.connect('spotify');
    h.peer.setAccount(GRACE);
    h.peer.api.next('/v1/me', [{ status: 302, headers: { location: `${impostor.url}/v1/me` }, body: '' }]);
    const second = await h.connect('spotify');
    expect(impostor.hits).toEqual([]);
    expect(second.id).not.toBe(ada.id);
    // No answer from the endpoint itself and no ID token: the account is unknown, never Ada's.
    expect(second.account.id).toBeUndefined();
    expect(second.account.email).not.toBe('eve@evil.example');
    expect(await h.core.invoke('connections.list', {})).toHaveLength(2);
    await expectAdaUntouched(h, ada.id, '/me');
  });

  it("Google's userinfo redirecting to another server: not followed, the ID token names the account", async () => {
    h = await startHarness({ kind: 'google' });
    impostor = await startImpostor();
    const ada = await h.connect('google_gmail');
    h.peer.setAccount(GRACE);
    h.peer.faults.userinfo.next(1, { status: 302, headers: { location: `${impostor.url}/me` }, body: '' });
    const second = await h.connect('google_gmail');
    expect(impostor.hits).toEqual([]);
    expect(second.id).not.toBe(ada.id);
    expect(second.account.id).toBe('user-2');
    expect(second.account.email).not.toBe('eve@evil.example');
    await expectAdaUntouched(h, ada.id, '/users/me/profile');
  });

  it("Google's userinfo answering another subject than the ID token: ignored, no merge into Ada's connection", async () => {
    h = await startHarness({ kind: 'google' });
    const ada = await h.connect('google_gmail');
    h.peer.setAccount(GRACE);
    h.peer.faults.userinfo.next(1, { status: 200, body: CLAIM });
    const second = await h.connect('google_gmail');
    expect(second.id).not.toBe(ada.id);
    expect(second.account.id).toBe('user-2');
    expect(second.account.email).not.toBe('eve@evil.example');
    expect(await h.core.invoke('connections.list', {})).toHaveLength(2);
    await expectAdaUntouched(h, ada.id, '/users/me/profile');
  });
});
