import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestCipher } from '../support/cipher';
import { decryptVault } from '../support/disk-secrecy';
import { removeAllTempDirs } from '../support/temp-dir';
import { errorOf, startHarness, until, type Harness } from './harness';

// The token manager when requests, refreshes, consent and disconnects overlap, through the real
// core against an oidc-provider peer: who waits for whose refresh, who refreshes again, and what
// reaches the disk when the ground moved while the provider answered.
let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
  removeAllTempDirs();
});

const refreshes = (h: Harness) => h.peer.stats.token.refresh_token ?? 0;

function deferred<T = void>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => (resolve = done));
  return { promise, resolve };
}

/** An API route whose first request is held until released, then answered 401. */
function heldThen401(h: Harness, path: string): { arrived: Promise<void>; release: () => void } {
  const arrived = deferred();
  const gate = deferred();
  let calls = 0;
  h.peer.api.route('GET', path, async () => {
    calls += 1;
    if (calls > 1) return { json: { ok: true } };
    arrived.resolve();
    await gate.promise;
    return { status: 401, json: { error: { code: 401, message: 'Invalid Credentials' } } };
  });
  return { arrived: arrived.promise, release: () => gate.resolve() };
}

describe('token manager races', () => {
  it('a request made while a refresh after a 401 is in flight waits for it and sends only the new token', async () => {
    h = await startHarness({ kind: 'google' });
    const connection = await h.connect('google_gmail');
    await h.core.invoke('api.request', { connectionId: connection.id, url: '/users/me/profile' });
    const old = h.peer.api.requests.at(-1)!.token;
    h.peer.revokeAccessTokens();
    h.peer.api.reset();
    h.peer.faults.token.next(1, { delayMs: 400 });
    const first = h.core.invoke('api.request', { connectionId: connection.id, url: '/users/me/profile' });
    await until(() => h!.peer.faults.token.pending === 0, 'the refresh request');
    const second = await h.core.invoke('api.request', { connectionId: connection.id, url: '/users/me/profile' });
    expect(second).toMatchObject({ status: 200, refreshed: true, attempts: 1 });
    expect(await first).toMatchObject({ status: 200, refreshed: true, attempts: 2 });
    expect(refreshes(h)).toBe(1);
    // The old token went out once (the first request's 401), never with the second request.
    expect(h.peer.api.requests.filter((r) => r.token === old).length).toBe(1);
    expect(h.peer.api.requests.length).toBe(3);
  });

  it("a 401 that comes back after another request's refresh found the grant revoked does not refresh again", async () => {
    h = await startHarness({ kind: 'google' });
    const connection = await h.connect('google_gmail');
    const held = heldThen401(h, '/gmail/v1/test/held');
    const first = errorOf(h.core.invoke('api.request', { connectionId: connection.id, url: '/test/held' }));
    await held.arrived;
    h.peer.revokeAll();
    h.peer.resetStats();
    const second = await errorOf(h.core.invoke('api.request', { connectionId: connection.id, url: '/users/me/profile' }));
    expect(second.code).toBe('reauth_required');
    expect(refreshes(h)).toBe(1);
    held.release();
    const error = await first;
    expect(error).toMatchObject({ code: 'reauth_required', message: second.message });
    // The dead refresh token is not presented a second time.
    expect(refreshes(h)).toBe(1);
  });

  it('withdrawn while a provider that sends no refresh token back answers: refused, and the saved sign-in still works after accepting again', async () => {
    const cipher = createTestCipher({ secure: false });
    h = await startHarness({ kind: 'google', accessTokenTtl: 30 }, { cipher });
    await h.core.invoke('settings.acceptInsecureStorage', { accept: true });
    const connection = await h.connect('google_gmail');
    h.peer.addToTokenResponses({ refresh_token: undefined });
    h.peer.faults.token.next(1, { delayMs: 600 });
    const request = errorOf(h.core.invoke('api.request', { connectionId: connection.id, url: '/users/me/profile' }));
    await until(() => h!.peer.faults.token.pending === 0, 'the refresh request');
    await h.core.invoke('settings.acceptInsecureStorage', { accept: false });
    const error = await request;
    expect(error.code).toBe('not_configured');
    expect(await h.core.invoke('connections.get', { id: connection.id })).toMatchObject({ status: 'connected' });
    await h.core.invoke('settings.acceptInsecureStorage', { accept: true });
    expect(await h.core.invoke('api.request', { connectionId: connection.id, url: '/users/me/profile' })).toMatchObject({
      status: 200,
      refreshed: true,
    });
  });

  it('a refresh answered while the connection is being disconnected writes nothing of it to disk', async () => {
    const held = { next: false, reached: deferred<string>(), release: deferred() };
    h = await startHarness(
      { kind: 'google', accessTokenTtl: 30 },
      {
        fetch: async (input, init) => {
          const response = await fetch(input, init);
          const url = String(input instanceof Request ? input.url : input);
          if (!held.next || !url.endsWith('/token')) return response;
          held.next = false;
          const body = await response.text();
          held.reached.resolve((JSON.parse(body) as { access_token: string }).access_token);
          await held.release.promise;
          return new Response(body, { status: response.status, headers: response.headers });
        },
      },
    );
    const harness = h;
    const connection = await harness.connect('google_gmail');
    held.next = true;
    harness.peer.faults.revocation.next(1, { delayMs: 1_500 });
    const request = errorOf(harness.core.invoke('api.request', { connectionId: connection.id, url: '/users/me/profile' }));
    const renewed = await held.reached.promise;
    const deleting = harness.core.invoke('connections.delete', { id: connection.id });
    await until(() => readFileSync(join(harness.dataDir, 'connections.json'), 'utf8').includes('disconnectingAt'), 'the disconnect mark');
    held.release.resolve();
    expect((await request).code).toBe('cancelled');
    // The provider's answer is in; for the rest of the revocation the disk must not learn it.
    for (let i = 0; i < 10; i += 1) {
      expect(decryptVault(harness.dataDir, harness.cipher)[connection.id]?.accessToken).not.toBe(renewed);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await deleting;
    expect(await harness.core.invoke('connections.list', {})).toEqual([]);
  });

  it('a refresh answered after the service that started it was disconnected still serves the services sharing the grant', async () => {
    const held = { next: false, reached: deferred<string>(), release: deferred() };
    h = await startHarness(
      { kind: 'google', accessTokenTtl: 30 },
      {
        fetch: async (input, init) => {
          const response = await fetch(input, init);
          const url = String(input instanceof Request ? input.url : input);
          if (!held.next || !url.endsWith('/token')) return response;
          held.next = false;
          const body = await response.text();
          held.reached.resolve((JSON.parse(body) as { access_token: string }).access_token);
          await held.release.promise;
          return new Response(body, { status: response.status, headers: response.headers });
        },
      },
    );
    const harness = h;
    const gmail = await harness.connect('google_gmail', { services: ['google_gmail', 'google_calendar'] });
    const calendar = (await harness.core.invoke('connections.list', {})).find((c) => c.service === 'google_calendar')!;
    harness.peer.resetStats();
    held.next = true;
    const started = errorOf(harness.core.invoke('api.request', { connectionId: gmail.id, url: '/users/me/profile' }));
    const renewed = await held.reached.promise;
    const other = harness.core.invoke('api.request', { connectionId: calendar.id, url: '/users/me/calendarList/primary' });
    // Not the last service of the grant: removed at once, nothing revoked.
    await harness.core.invoke('connections.delete', { id: gmail.id });
    held.release.resolve();
    expect((await started).code).toBe('cancelled');
    expect(await other).toMatchObject({ status: 200, refreshed: true });
    expect(refreshes(harness)).toBe(1);
    expect(decryptVault(harness.dataDir, harness.cipher)[calendar.id]?.accessToken).toBe(renewed);
    expect(await harness.core.invoke('connections.get', { id: calendar.id })).toMatchObject({ status: 'connected' });
  });

  it('a connection on record as needing a new sign-in without a reason says so in plain words, before any request leaves', async () => {
    h = await startHarness({ kind: 'google' });
    const connection = await h.connect('google_gmail');
    await h.core.close();
    const file = join(h.dataDir, 'connections.json');
    const store = JSON.parse(readFileSync(file, 'utf8')) as { grants: Record<string, Record<string, unknown>> };
    for (const grant of Object.values(store.grants)) {
      grant.status = 'needs_reauth';
      delete grant.reauthReason;
    }
    writeFileSync(file, JSON.stringify(store));
    await h.restart();
    h.peer.api.reset();
    const error = await errorOf(h.core.invoke('api.request', { connectionId: connection.id, url: '/users/me/profile' }));
    expect(error).toMatchObject({ code: 'reauth_required', message: 'This connection needs you to sign in again. Reconnect the account.' });
    expect(h.peer.api.requests).toEqual([]);
  });
});
