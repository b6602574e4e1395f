// What api.request says back besides the body: the timeout in words the person can act on, the
// body rules refused before a byte goes out, header values as given, and the timings (waitedMs,
// durationMs, the attempt log's refresh wait) the window shows.
import { afterEach, describe, expect, it } from 'vitest';
import type { Connection } from '../../src-shared/types';
import { removeAllTempDirs } from '../support/temp-dir';
import { errorOf, startHarness, type Harness } from './harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
  removeAllTempDirs();
});

type Echo = { method: string; headers: Record<string, string>; body: string };

const PROFILE = '/gmail/v1/users/me/profile';

async function gmail(options: Parameters<typeof startHarness>[1] = {}): Promise<{ h: Harness; connection: Connection }> {
  h = await startHarness({ kind: 'google' }, options);
  const connection = await h.connect('google_gmail');
  h.peer.api.reset();
  return { h, connection };
}

describe('api.request answers', () => {
  it('names the host and the timeout, in ms under a second and in seconds from one second', async () => {
    const { h, connection } = await gmail();
    const host = new URL(connection.apiBaseUrl).host;
    const slow = (timeoutMs: number) =>
      errorOf(h.core.invoke('api.request', { connectionId: connection.id, url: '/test/slow', query: { ms: '5000' }, timeoutMs }));
    const short = await slow(250);
    expect(short).toMatchObject({ code: 'timeout' });
    expect(short.message).toBe(`${host} did not answer within 250 ms. Try again, or check the service's status.`);
    const second = await slow(1_000);
    expect(second).toMatchObject({ code: 'timeout' });
    expect(second.message).toBe(`${host} did not answer within 1 s. Try again, or check the service's status.`);
  });

  it('refuses a body on a GET (also when no method is given) or a HEAD before sending, and sends one on a DELETE', async () => {
    const { h, connection } = await gmail();
    for (const method of ['GET', 'HEAD', undefined] as const) {
      const error = await errorOf(
        h.core.invoke('api.request', { connectionId: connection.id, url: '/test/echo', body: 'x', ...(method ? { method } : {}) }),
      );
      expect(error.code, method).toBe('invalid_input');
      expect(error.message, method).toBe(`body: a ${method ?? 'GET'} request cannot carry a body; choose POST, PUT or PATCH.`);
    }
    expect(h.peer.api.requests).toEqual([]);
    const deleted = await h.core.invoke('api.request', { connectionId: connection.id, method: 'DELETE', url: '/test/echo', body: 'x' });
    expect(deleted.json).toMatchObject({ method: 'DELETE', body: 'x' });
  });

  it('sends header values without surrounding spaces, a repeated name joined with a comma', async () => {
    const { h, connection } = await gmail();
    const response = await h.core.invoke('api.request', {
      connectionId: connection.id,
      url: '/test/echo',
      headers: { 'X-Tag': '  first ', 'x-tag': '\tsecond  ', 'X-One': ' only ' },
    });
    const echo = response.json as Echo;
    expect(echo.headers['x-tag']).toBe('first, second');
    expect(echo.headers['x-one']).toBe('only');
  });

  it('reports the time spent waiting out a rate limit as waitedMs, and none when nothing waited', async () => {
    const { h, connection } = await gmail();
    const plain = await h.core.invoke('api.request', { connectionId: connection.id, url: '/users/me/profile' });
    expect(plain.waitedMs).toBeUndefined();
    h.peer.api.next(PROFILE, [{ status: 429, retryAfter: '1' }]);
    const started = performance.now();
    const limited = await h.core.invoke('api.request', { connectionId: connection.id, url: '/users/me/profile' });
    const wall = performance.now() - started;
    expect(limited).toMatchObject({ status: 200, attempts: 2 });
    expect(Number.isInteger(limited.waitedMs)).toBe(true);
    expect(limited.waitedMs).toBeGreaterThanOrEqual(900);
    expect(limited.waitedMs).toBeLessThanOrEqual(wall);
  });

  it('measures durationMs from the call to the answer, to a tenth of a millisecond', async () => {
    const { h, connection } = await gmail();
    const started = performance.now();
    const response = await h.core.invoke('api.request', { connectionId: connection.id, url: '/test/slow', query: { ms: '300' } });
    const wall = performance.now() - started;
    expect(response.durationMs).toBeGreaterThanOrEqual(290);
    expect(response.durationMs).toBeLessThanOrEqual(wall + 0.1);
    expect(Math.abs(response.durationMs * 10 - Math.round(response.durationMs * 10))).toBeLessThan(1e-6);
  });

  it('logs a refresh before the first send as the wait before it, and replays a 401 only once', async () => {
    // 30 s tokens are inside the one-minute skew at once: the first request refreshes before sending.
    h = await startHarness({ kind: 'google', accessTokenTtl: 30 });
    const connection = await h.connect('google_gmail');
    const response = await h.core.invoke('api.request', { connectionId: connection.id, url: '/users/me/profile' });
    expect(response).toMatchObject({ status: 200, refreshed: true, attempts: 1 });
    expect(response.attemptLog?.map((a) => [a.status, a.waitedFor])).toEqual([[200, 'refresh']]);
    // A 401 for the fresh token too: the answer comes back as it is after one replay.
    h.peer.api.next(PROFILE, [{ status: 401 }, { status: 401 }]);
    const refused = await h.core.invoke('api.request', { connectionId: connection.id, url: '/users/me/profile' });
    expect(refused).toMatchObject({ status: 401, attempts: 2 });
    expect(h.peer.api.count(PROFILE)).toBe(3);
  });

  it('paging reads each page whole, and says so when the connection breaks off in the middle of one', async () => {
    const { h, connection } = await gmail();
    h.peer.api.next(PROFILE, [{ status: 200, body: { messages: [{ id: '1' }], nextPageToken: 'x' }, resetSocket: true }]);
    const error = await errorOf(h.core.invoke('api.paginate', { connectionId: connection.id, url: '/users/me/profile' }));
    expect(error.code).toBe('network_error');
    expect(error.message).toMatch(/^The connection to [^ ]+ broke off while reading the answer \(/);
  });

  it("paging goes by the page's Content-Type: JSON text sent as text/plain is not a page", async () => {
    const { h, connection } = await gmail();
    h.peer.api.route('GET', '/gmail/v1/test/plain', () => ({ headers: { 'content-type': 'text/plain' }, body: '{"items":[1,2]}' }), {
      auth: false,
    });
    const error = await errorOf(h.core.invoke('api.paginate', { connectionId: connection.id, url: '/test/plain' }));
    expect(error).toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/does not answer JSON/) });
  });
});
