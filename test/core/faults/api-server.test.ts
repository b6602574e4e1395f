import { afterEach, describe, expect, it } from 'vitest';
import type { Connection } from '../../../src-shared/types';
import { removeAllTempDirs } from '../../support/temp-dir';
import { errorOf, startHarness, type Harness } from '../harness';
import { MAX_RATE_LIMIT_WAITS } from '../../../src-main/core/proxy/api-proxy';

// The API server misbehaving (test/core/api-proxy.test.ts covers the well-behaved limits): every
// case ends bounded, coded, without a hang, and the next request is served normally.
let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
  removeAllTempDirs();
});

const PROFILE = '/gmail/v1/users/me/profile';

async function gmail(options: Parameters<typeof startHarness>[1] = {}): Promise<{ h: Harness; connection: Connection }> {
  h = await startHarness({ kind: 'google' }, { maxRetryAfterMs: 2_000, ...options });
  const connection = await h.connect('google_gmail');
  h.peer.api.reset();
  return { h, connection };
}

async function timed<T>(work: Promise<T>): Promise<{ value: T; ms: number }> {
  const started = Date.now();
  const value = await work;
  return { value, ms: Date.now() - started };
}

describe('API server faults', () => {
  it('a reset mid-body is network_error after one attempt, whatever the method, and the next request works', async () => {
    const { h, connection } = await gmail();
    h.peer.api.next(PROFILE, [{ status: 200, body: { emailAddress: 'ada@example.com', messagesTotal: 12_345 }, resetSocket: true }]);
    const { value: error, ms } = await timed(
      errorOf(h.core.invoke('api.request', { connectionId: connection.id, url: '/users/me/profile' })),
    );
    expect(error.code).toBe('network_error');
    expect(error.message).toMatch(/broke off while reading the answer/);
    expect(ms).toBeLessThan(2_000);
    // Half an answer is not retried: the request may have had its effect.
    expect(h.peer.api.count(PROFILE)).toBe(1);

    h.peer.api.next('/gmail/v1/test/echo', [{ status: 201, body: 'x'.repeat(4096), contentType: 'text/plain', resetSocket: true }]);
    const post = await errorOf(
      h.core.invoke('api.request', { connectionId: connection.id, method: 'POST', url: '/test/echo', body: { send: 1 } }),
    );
    expect(post.code).toBe('network_error');
    expect(h.peer.api.count('/gmail/v1/test/echo')).toBe(1);

    const ok = await h.core.invoke('api.request', { connectionId: connection.id, url: '/users/me/profile' });
    expect(ok).toMatchObject({ status: 200, attempts: 1 });
    expect(await h.core.invoke('connections.get', { id: connection.id })).toMatchObject({ status: 'connected' });
  });

  it('a server that closes the socket before any answer is network_error, not a hang', async () => {
    const { h, connection } = await gmail();
    h.peer.api.route('GET', '/gmail/v1/test/drop', ({ req }) => {
      req.socket.destroy();
      return undefined;
    });
    const { value: error, ms } = await timed(errorOf(h.core.invoke('api.request', { connectionId: connection.id, url: '/test/drop' })));
    expect(error.code).toBe('network_error');
    expect(error.message).toMatch(/could not reach 127\.0\.0\.1:\d+/);
    expect(error.message).not.toMatch(/undefined/);
    expect(ms).toBeLessThan(2_000);
  });

  it('a body that stalls forever after the headers ends in timeout within the request timeout', async () => {
    const { h, connection } = await gmail();
    h.peer.api.route('GET', '/gmail/v1/test/stall', ({ res }) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
      res.write('{"partial":');
      return undefined;
    });
    const { value: error, ms } = await timed(
      errorOf(h.core.invoke('api.request', { connectionId: connection.id, url: '/test/stall', timeoutMs: 400 })),
    );
    expect(error.code).toBe('timeout');
    expect(error.message).toMatch(/did not answer within/);
    expect(ms).toBeLessThan(2_000);
  });

  it('429 with Retry-After beyond the cap, as seconds or as an HTTP date, comes back at once as it is', async () => {
    const { h, connection } = await gmail();
    const later = new Date(Date.now() + 3_600_000).toUTCString();
    for (const retryAfter of ['86400', later]) {
      h.peer.api.next(PROFILE, [{ status: 429, retryAfter, body: { error: { code: 429, message: 'Quota exceeded' } } }]);
      const { value: response, ms } = await timed(h.core.invoke('api.request', { connectionId: connection.id, url: '/users/me/profile' }));
      expect(response).toMatchObject({ status: 429, attempts: 1 });
      expect(response.headers['retry-after']).toBe(retryAfter);
      expect(response.json).toEqual({ error: { code: 429, message: 'Quota exceeded' } });
      expect(ms).toBeLessThan(1_000);
    }
    // Within the cap it is waited for once, then a second one beyond the cap is handed back.
    h.peer.api.next(PROFILE, [
      { status: 429, retryAfter: '1' },
      { status: 429, retryAfter: '600' },
    ]);
    const { value: mixed, ms } = await timed(h.core.invoke('api.request', { connectionId: connection.id, url: '/users/me/profile' }));
    expect(mixed).toMatchObject({ status: 429, attempts: 2 });
    expect(ms).toBeGreaterThanOrEqual(950);
    expect(ms).toBeLessThan(2_500);
    expect(h.peer.api.count(PROFILE)).toBe(4);
  });

  it('an endless stream of 429s and 503s is bounded: 503s by the three attempts, 429s by the pacer waits', async () => {
    const { h, connection } = await gmail();
    h.peer.api.next(
      PROFILE,
      Array.from({ length: 10 }, (_, i) => ({ status: i % 2 ? 503 : 429, retryAfter: '0' })),
    );
    // A 429 goes back through the pacer and does not use a retry: 429, 503, 429, 503, 429, 503.
    const mixed = await h.core.invoke('api.request', { connectionId: connection.id, url: '/users/me/profile' });
    expect(mixed).toMatchObject({ status: 503, attempts: 6 });
    expect(h.peer.api.count(PROFILE)).toBe(6);

    h.peer.api.reset();
    h.peer.api.next(
      PROFILE,
      Array.from({ length: 30 }, () => ({ status: 429, retryAfter: '0' })),
    );
    const limited = await h.core.invoke('api.request', { connectionId: connection.id, url: '/users/me/profile' });
    expect(limited).toMatchObject({ status: 429, attempts: MAX_RATE_LIMIT_WAITS + 3 });
    expect(h.peer.api.count(PROFILE)).toBe(MAX_RATE_LIMIT_WAITS + 3);
  });

  it('a redirect loop across two paths, and one with 307 on a POST, stop after 5 redirects', async () => {
    const { h, connection } = await gmail();
    h.peer.api.route('GET', '/gmail/v1/test/ping', () => ({ status: 302, headers: { location: '/gmail/v1/test/pong' }, body: '' }), {
      auth: false,
    });
    h.peer.api.route('GET', '/gmail/v1/test/pong', () => ({ status: 301, headers: { location: 'ping' }, body: '' }), { auth: false });
    const { value: loop, ms } = await timed(errorOf(h.core.invoke('api.request', { connectionId: connection.id, url: '/test/ping' })));
    expect(loop.code).toBe('provider_error');
    expect(loop.message).toMatch(/redirected more than 5 times/);
    expect(ms).toBeLessThan(2_000);
    expect(h.peer.api.count('/gmail/v1/test/ping') + h.peer.api.count('/gmail/v1/test/pong')).toBe(6);

    h.peer.api.route('POST', '/gmail/v1/test/keep', () => ({ status: 307, headers: { location: '/gmail/v1/test/keep' }, body: '' }), {
      auth: false,
    });
    const post = await errorOf(
      h.core.invoke('api.request', { connectionId: connection.id, method: 'POST', url: '/test/keep', body: { n: 1 } }),
    );
    expect(post.code).toBe('provider_error');
    expect(h.peer.api.requests.filter((r) => r.path === '/gmail/v1/test/keep').map((r) => r.method)).toEqual(Array(6).fill('POST'));

    const ok = await h.core.invoke('api.request', { connectionId: connection.id, url: '/users/me/profile' });
    expect(ok.status).toBe(200);
  });
});
