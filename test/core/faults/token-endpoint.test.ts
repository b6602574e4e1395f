import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { completeAuthorization } from '../../support/browser';
import type { Fault } from '../../support/peer-faults';
import { removeAllTempDirs } from '../../support/temp-dir';
import { errorOf, startHarness, type Harness } from '../harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
  removeAllTempDirs();
});

const TOKEN_TIMEOUT_MS = 400;

interface Case {
  name: string;
  fault: Fault;
  code: string;
  message: RegExp;
}

// A token response the core would accept, so a cut or a syntax error is the only thing wrong.
const goodLooking = { access_token: 'a'.repeat(43), token_type: 'Bearer', expires_in: 3600, refresh_token: 'r'.repeat(43), scope: 'x' };

const CASES: Case[] = [
  {
    name: '500 with an OAuth error body',
    fault: { status: 500 },
    code: 'provider_error',
    message: /had a problem answering the (sign-in|refresh) \(HTTP 500\)\. Try again/,
  },
  {
    name: '500 with an HTML page',
    fault: { status: 500, body: '<html><body>Internal Server Error</body></html>', contentType: 'text/html' },
    code: 'provider_error',
    message: /had a problem answering the (sign-in|refresh) \(HTTP 500\)\. Try again/,
  },
  { name: 'a hang past the timeout', fault: { hang: true }, code: 'timeout', message: /did not answer the (sign-in|refresh) in time/ },
  {
    name: 'a connection reset mid-body',
    fault: { status: 200, body: goodLooking, resetSocket: true },
    code: 'network_error',
    message: /connection to (Google|Spotify) \(127\.0\.0\.1:\d+\) broke off during the (sign-in|refresh)/,
  },
  {
    name: 'malformed JSON with 200',
    fault: { status: 200, body: '{"access_token":"abc","token_type":"Bearer",', contentType: 'application/json' },
    code: 'provider_error',
    message: /could not use: failed to parse/,
  },
];

const connectionsFile = (dir: string) => readFileSync(join(dir, 'connections.json'), 'utf8');

/** oauth.start → the browser → oauth.wait, with the outcome's rejection and the callback page. */
async function reconnect(h: Harness): Promise<{ error: { code?: string; message: string }; page: string; ms: number }> {
  const started = Date.now();
  const start = await h.core.invoke('oauth.start', { service: 'google_gmail' });
  const waiting = errorOf(h.core.invoke('oauth.wait', { state: start.state }));
  const page = await completeAuthorization(start.authUrl);
  return { error: await waiting, page: page.body ?? '', ms: Date.now() - started };
}

describe('token endpoint faults during connect', () => {
  for (const c of CASES) {
    it(`${c.name}: ${c.code}, one token request, the existing connection untouched, then a clean reconnect`, async () => {
      h = await startHarness({ kind: 'google' }, { tokenRequestTimeoutMs: TOKEN_TIMEOUT_MS });
      const existing = await h.connect('google_gmail');
      const fileBefore = connectionsFile(h.dataDir);
      h.peer.resetStats();

      h.peer.faults.token.next(1, c.fault);
      const { error, page, ms } = await reconnect(h);
      expect(error.code).toBe(c.code);
      expect(error.message).toMatch(c.message);
      expect(error.message).not.toMatch(/undefined|\[object/);
      // The person sees the same words in the browser tab.
      expect(page).toContain('Sign-in did not finish');
      expect(ms).toBeLessThan(TOKEN_TIMEOUT_MS + 3_000);
      // Bounded: the code was sent exactly once (a code is single-use; a retry could only fail).
      expect(h.peer.stats.tokenRequests.map((r) => [r.grantType, r.faulted])).toEqual([['authorization_code', true]]);
      expect(h.peer.faults.token.pending).toBe(0);
      expect(connectionsFile(h.dataDir)).toBe(fileBefore);
      expect(await h.core.invoke('connections.list', {})).toEqual([existing]);

      // The endpoint recovered: the same account reconnects in place.
      const again = await h.connect('google_gmail');
      expect(again).toMatchObject({ id: existing.id, status: 'connected', createdAt: existing.createdAt });
      const ok = await h.core.invoke('api.request', { connectionId: existing.id, url: '/users/me/profile' });
      expect(ok.status).toBe(200);
    });
  }
});

describe('token endpoint faults during refresh', () => {
  for (const kind of ['google', 'spotify'] as const) {
    for (const c of CASES) {
      it(`${kind}, ${c.name}: ${c.code}, one refresh request, the record byte-identical, then the next request refreshes`, async () => {
        // 30 s tokens sit inside the one-minute skew: every request starts with a refresh.
        h = await startHarness({ kind, accessTokenTtl: 30 }, { tokenRequestTimeoutMs: TOKEN_TIMEOUT_MS });
        const connection = await h.connect(kind === 'google' ? 'google_gmail' : 'spotify');
        const url = kind === 'google' ? '/users/me/profile' : '/me';
        const fileBefore = connectionsFile(h.dataDir);
        const before = await h.core.invoke('connections.get', { id: connection.id });
        h.peer.resetStats();
        h.peer.api.reset();

        h.peer.faults.token.next(1, c.fault);
        const started = Date.now();
        const error = await errorOf(h.core.invoke('api.request', { connectionId: connection.id, url }));
        expect(error.code).toBe(c.code);
        expect(error.message).toMatch(c.message);
        expect(Date.now() - started).toBeLessThan(TOKEN_TIMEOUT_MS + 3_000);
        expect(h.peer.stats.tokenRequests.map((r) => [r.grantType, r.faulted])).toEqual([['refresh_token', true]]);
        // A failed refresh is not a lost grant: nothing written, still connected, no API call made.
        expect(connectionsFile(h.dataDir)).toBe(fileBefore);
        expect(await h.core.invoke('connections.get', { id: connection.id })).toEqual(before);
        expect(h.peer.api.requests.filter((r) => r.path.endsWith(url))).toHaveLength(0);

        const ok = await h.core.invoke('api.request', { connectionId: connection.id, url });
        expect(ok).toMatchObject({ status: 200, refreshed: true });
        expect(h.peer.stats.tokenRequests.map((r) => [r.grantType, r.status])).toEqual([
          ['refresh_token', 0],
          ['refresh_token', 200],
        ]);
        const after = await h.core.invoke('connections.get', { id: connection.id });
        expect(after.status).toBe('connected');
        expect(after.lastRefreshedAt).not.toBeNull();
      });
    }
  }

  it('a request with its own short timeout is not held by a hung refresh', async () => {
    // The refresh may take up to the token timeout; the request promised to give up sooner.
    h = await startHarness({ kind: 'google', accessTokenTtl: 30 }, { tokenRequestTimeoutMs: 5_000 });
    const connection = await h.connect('google_gmail');
    h.peer.faults.token.next(1, { hang: true });
    const started = Date.now();
    const error = await errorOf(h.core.invoke('api.request', { connectionId: connection.id, url: '/users/me/profile', timeoutMs: 300 }));
    expect(error.code).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(await h.core.invoke('connections.get', { id: connection.id })).toMatchObject({ status: 'connected' });
  });
});

describe('a slow token endpoint and a disconnect', () => {
  for (const kind of ['google', 'spotify'] as const) {
    it(`${kind}: a refresh that answers after the connection was disconnected does not bring it back`, async () => {
      h = await startHarness({ kind, accessTokenTtl: 30 });
      const connection = await h.connect(kind === 'google' ? 'google_gmail' : 'spotify');
      // The refresh reaches the provider only after the disconnect has finished.
      h.peer.faults.token.next(1, { delayMs: 400 });
      const request = errorOf(
        h.core.invoke('api.request', { connectionId: connection.id, url: kind === 'google' ? '/users/me/profile' : '/me' }),
      );
      await new Promise((resolve) => setTimeout(resolve, 100));
      await h.core.invoke('connections.delete', { id: connection.id });
      const error = await request;
      // The request was in flight when the delete started, so the delete cancelled it
      // (docs/contract.md, connections.delete); the refresh it started still must not save.
      expect(error.code).toBe('cancelled');
      expect(await h.core.invoke('connections.list', {})).toEqual([]);
      expect(connectionsFile(h.dataDir)).not.toContain(connection.id);
      await h.restart();
      expect(await h.core.invoke('connections.list', {})).toEqual([]);
    });
  }
});

describe('userinfo faults during connect', () => {
  for (const fault of [{ status: 500 }, { hang: true }, { status: 200, body: '{"sub":', resetSocket: true }]) {
    it(`${JSON.stringify(fault)}: the connection is still made, known by the ID token's subject, and reconnects in place`, async () => {
      h = await startHarness({ kind: 'google' }, { tokenRequestTimeoutMs: TOKEN_TIMEOUT_MS });
      h.peer.faults.userinfo.next(1, fault);
      const started = Date.now();
      const connection = await h.connect('google_gmail');
      expect(Date.now() - started).toBeLessThan(TOKEN_TIMEOUT_MS + 3_000);
      expect(connection).toMatchObject({ status: 'connected', account: { id: 'user-1' } });
      const again = await h.connect('google_gmail');
      expect(again).toMatchObject({ id: connection.id, account: { id: 'user-1', email: 'ada@example.com' } });
    });
  }
});
