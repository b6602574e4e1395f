// A request's timeout (deadline.ts, as api-proxy.ts runs it): it counts a token refresh before the
// first send, stops while the request waits its turn in the pacer's queue, and, for the local
// API's streams, ends once the headers are in: the caller owns the body from then on.
import { afterEach, describe, expect, it } from 'vitest';
import { removeAllTempDirs } from '../support/temp-dir';
import { errorOf, startHarness, until, type Harness } from './harness';
import { startLocalApi } from './local-api-harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
  removeAllTempDirs();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the request deadline', () => {
  it('counts a token refresh that keeps the first send waiting', async () => {
    // 30 s tokens are inside the one-minute skew at once: the request must refresh first.
    h = await startHarness({ kind: 'google', accessTokenTtl: 30 });
    const connection = await h.connect('google_gmail');
    h.peer.faults.token.next(1, { delayMs: 4_000 });
    const started = performance.now();
    const error = await errorOf(h.core.invoke('api.request', { connectionId: connection.id, url: '/users/me/profile', timeoutMs: 300 }));
    expect(error.code).toBe('timeout');
    expect(error.message).toMatch(/did not answer within 300 ms/);
    expect(performance.now() - started).toBeLessThan(3_000);
  });

  it('does not run while the request waits for its turn', async () => {
    h = await startHarness(
      { kind: 'google' },
      { services: { google_gmail: { pace: { ratePerSecond: 100, burst: 100, concurrency: 1 } } } },
    );
    const connection = await h.connect('google_gmail');
    h.peer.api.reset();
    const first = h.core.invoke('api.request', { connectionId: connection.id, url: '/test/slow', query: { ms: '1200' } });
    await until(() => h!.peer.api.count('/gmail/v1/test/slow') === 1, 'the first request');
    // Queued behind the first for about 1.2 s, answered at once when its turn comes.
    const second = h.core.invoke('api.request', { connectionId: connection.id, url: '/users/me/profile', timeoutMs: 600 });
    expect(await second).toMatchObject({ status: 200 });
    expect(await first).toMatchObject({ status: 200 });
  });

  it('ends at the headers of a local API stream: a body slower than the timeout arrives whole', async () => {
    const world = await startLocalApi({ kind: 'google' }, ['google_gmail'], { requestTimeoutMs: 1_000 });
    h = world.h;
    await h.connect('google_gmail');
    h.peer.api.route(
      'GET',
      '/gmail/v1/test/trickle',
      async ({ res }) => {
        res.writeHead(200, { 'content-type': 'text/plain', 'content-length': '10' });
        res.write('hello');
        await sleep(2_000);
        res.end('world');
        return undefined;
      },
      { auth: false },
    );
    const response = await world.call('/api/services/google_gmail/request/test/trickle');
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('helloworld');
  });
});
