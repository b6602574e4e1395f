// Issue 11, item 9: a request in flight on a connection being disconnected is cancelled, and no
// request carries that connection's token once `connections.delete` has resolved. Spotify cannot
// revoke a token, so one sent after the delete would still work there: the worst case.
import { afterEach, describe, expect, it } from 'vitest';
import type { ServiceId } from '../../src-shared/types';
import type { PeerKind } from '../support/api-errors';
import { removeAllTempDirs } from '../support/temp-dir';
import { errorOf, startHarness, type Harness } from './harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
  removeAllTempDirs();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let waited = 0; !condition(); waited += 10) {
    if (waited > 5_000) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

async function connected(kind: PeerKind, service: ServiceId) {
  h = await startHarness({ kind }, { retryBaseDelayMs: 20 });
  const harness = h;
  const connection = await harness.connect(service);
  const echo = `${new URL(harness.peer.apiBaseUrls[service] ?? '').pathname}/test/echo`;
  harness.peer.api.reset();
  /** Requests that reached the API with `token` at or after `since` (ms since the epoch). */
  const sentWith = (token: string | null, since: number) => harness.peer.api.requests.filter((r) => r.token === token && r.at >= since);
  return { h: harness, connection, echo, sentWith };
}

describe('connections.delete with requests in flight', () => {
  for (const [kind, service] of [
    ['spotify', 'spotify'],
    ['google', 'google_gmail'],
  ] as const) {
    it(`${kind}: a request waiting out a 429 is cancelled, and the token is not sent again after the delete`, async () => {
      const { h, connection, echo, sentWith } = await connected(kind, service);
      h.peer.api.next(echo, [{ status: 429, retryAfter: '1' }]);
      const request = errorOf(h.core.invoke('api.request', { connectionId: connection.id, url: '/test/echo' }));
      await until(() => h.peer.api.requests.length === 1, 'the first attempt');
      const token = h.peer.api.requests[0]?.token ?? null;
      expect(token).not.toBeNull();

      await h.core.invoke('connections.delete', { id: connection.id });
      const deletedAt = Date.now();
      const error = await request;
      expect(error.code).toBe('cancelled');
      expect(error.message).toMatch(/disconnect/);
      // Past the Retry-After the request was waiting for.
      await sleep(1_500);
      expect(sentWith(token, deletedAt)).toEqual([]);
      expect(h.peer.api.requests).toHaveLength(1);
    });
  }

  it('a request started while the provider is revoking is refused, never sent', async () => {
    const { h, connection, sentWith } = await connected('google', 'google_gmail');
    await h.core.invoke('api.request', { connectionId: connection.id, url: '/test/echo' });
    const token = h.peer.api.requests[0]?.token ?? null;
    const before = Date.now();
    h.peer.faults.revocation.next(1, { delayMs: 500 });
    const deleting = h.core.invoke('connections.delete', { id: connection.id });
    const during = await errorOf(h.core.invoke('api.request', { connectionId: connection.id, url: '/test/echo' }));
    expect(during.code).toBe('cancelled');
    expect(await deleting).toEqual({ revoked: true });
    expect(sentWith(token, before)).toEqual([]);
    // Afterwards the connection is gone, as before.
    expect((await errorOf(h.core.invoke('api.request', { connectionId: connection.id, url: '/test/echo' }))).code).toBe('not_found');
  });

  it("paging in flight stops too; another connection's request keeps going", async () => {
    const { h, connection, echo, sentWith } = await connected('google', 'google_gmail');
    // Another account: the same account's Drive would share Gmail's sign-in (one grant per
    // account), and so rightly keep sending the very token this test watches for.
    h.peer.setAccount({ sub: 'user-2', email: 'grace@example.com', name: 'Grace Hopper' });
    const other = await h.connect('google_drive');
    const otherEcho = `${new URL(h.peer.apiBaseUrls.google_drive ?? '').pathname}/test/echo`;
    h.peer.api.reset();
    h.peer.api.next(echo, [{ status: 503, retryAfter: '1' }]);
    h.peer.api.next(otherEcho, [{ status: 503, retryAfter: '1' }]);
    const paging = h.core.invoke('api.paginate', { connectionId: connection.id, url: '/test/echo', requestId: 'pages' });
    const unrelated = h.core.invoke('api.request', { connectionId: other.id, url: '/test/echo' });
    await until(() => h.peer.api.requests.length === 2, 'both first attempts');
    const token = h.peer.api.requests.find((r) => r.path === echo)?.token ?? null;
    await h.core.invoke('connections.delete', { id: connection.id });
    const deletedAt = Date.now();
    expect(await paging).toMatchObject({ cancelled: true, pages: 0 });
    // The Drive connection's retry still goes out: another connection's disconnect does not
    // cancel it (its answer depends on whether the peer revoked its grant with Gmail's).
    const outcome = await unrelated.then(
      (answer) => `answered ${answer.status}`,
      (error: { code?: string }) => String(error.code),
    );
    expect(outcome).not.toBe('cancelled');
    expect(h.peer.api.requests.filter((r) => r.path === otherEcho).length).toBeGreaterThan(1);
    expect(sentWith(token, deletedAt)).toEqual([]);
  });
});
