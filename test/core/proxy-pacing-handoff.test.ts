// What the proxy hands the pacer (pacer.ts): a request answered with a rate limit goes back to the
// front of its connection's queue, ahead of requests that never went, and waits only as long as the
// provider asked.
import { afterEach, describe, expect, it } from 'vitest';
import { removeAllTempDirs } from '../support/temp-dir';
import { errorOf, startHarness, until, type Harness } from './harness';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
  removeAllTempDirs();
});

/**
 * A Gmail connection that sends one request at a time to /test/turn/{who}, recording each arrival
 * in `order`; the first answer waits for `release()` (then `first` says what it is), so later
 * requests wait in the pacer's queue meanwhile.
 */
async function oneAtATime(first: () => { status?: number; headers?: Record<string, string>; json: unknown }) {
  const harness = await startHarness(
    { kind: 'google' },
    { services: { google_gmail: { pace: { ratePerSecond: 100, burst: 100, concurrency: 1 } } } },
  );
  h = harness;
  const connection = await harness.connect('google_gmail');
  const order: string[] = [];
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  harness.peer.api.route(
    'GET',
    '/gmail/v1/test/turn/:who',
    async ({ params }) => {
      order.push(params.who ?? '');
      if (order.length > 1) return { json: { who: params.who } };
      await held;
      return first();
    },
    { auth: false },
  );
  const send = (who: string) => harness.core.invoke('api.request', { connectionId: connection.id, url: `/test/turn/${who}` });
  const queued = async (n: number) => {
    while ((await harness.core.invoke('connections.pace', { id: connection.id })).queued < n) await sleep(5);
  };
  return { order, release: () => release(), send, queued };
}

/** /test/drop closes the socket before any answer: the send itself fails. */
function dropsEverySend(harness: Harness): void {
  harness.peer.api.route(
    'GET',
    '/gmail/v1/test/drop',
    ({ req }) => {
      req.socket.destroy();
      return undefined;
    },
    { auth: false },
  );
}

describe('the pacing hand-off', () => {
  it('a request sent back after a 429 goes before the one queued behind it', async () => {
    // The first answer waits until the second request is queued, then asks for a second's pause.
    const { order, release, send, queued } = await oneAtATime(() => ({
      status: 429,
      headers: { 'retry-after': '1' },
      json: { error: { code: 429 } },
    }));
    const first = send('first');
    await until(() => order.length === 1, 'the first request');
    const second = send('second');
    await queued(1);
    release();
    expect(await first).toMatchObject({ status: 200, attempts: 2 });
    expect(await second).toMatchObject({ status: 200, attempts: 1 });
    expect(order).toEqual(['first', 'first', 'second']);
  });

  it('a Retry-After of exactly the cap is waited out in the pacer, as a rate limit', async () => {
    h = await startHarness({ kind: 'google' }, { maxRetryAfterMs: 1_000 });
    const connection = await h.connect('google_gmail');
    h.peer.api.next('/gmail/v1/users/me/profile', [{ status: 429, retryAfter: '1' }]);
    const started = performance.now();
    const response = await h.core.invoke('api.request', { connectionId: connection.id, url: '/users/me/profile' });
    expect(performance.now() - started).toBeGreaterThanOrEqual(950);
    expect(response).toMatchObject({ status: 200, attempts: 2 });
    expect(response.attemptLog?.map((a) => [a.status, a.waitedFor])).toEqual([
      [429, undefined],
      [200, 'rate_limit'],
    ]);
    // The pacer held the connection for the whole second: the retry waited in its queue.
    expect(response.waitedMs).toBeGreaterThanOrEqual(900);
  });

  it('requests that never went leave the queue in the order they came', async () => {
    const { order, release, send, queued } = await oneAtATime(() => ({ json: { who: 'first' } }));
    const first = send('first');
    await until(() => order.length === 1, 'the first request');
    const second = send('second');
    await queued(1);
    const third = send('third');
    await queued(2);
    release();
    await Promise.all([first, second, third]);
    expect(order).toEqual(['first', 'second', 'third']);
  });

  it('a network error is not a rate limit: the connection does not slow down after it', async () => {
    // A rate limit would pause the connection for at least half the base backoff (3 s).
    h = await startHarness({ kind: 'google' }, { retryBaseDelayMs: 6_000 });
    const connection = await h.connect('google_gmail');
    dropsEverySend(h);
    const broken = await errorOf(h.core.invoke('api.request', { connectionId: connection.id, url: '/test/drop' }));
    expect(broken.code).toBe('network_error');
    const started = performance.now();
    const next = await h.core.invoke('api.request', { connectionId: connection.id, url: '/users/me/profile' });
    expect(next.status).toBe(200);
    expect(performance.now() - started).toBeLessThan(2_500);
  });

  it('a send that got no answer does not count as served: the rate does not climb back on failures', async () => {
    h = await startHarness({ kind: 'google' }, { services: { google_gmail: { pace: { ratePerSecond: 10, burst: 10, concurrency: 1 } } } });
    const connection = await h.connect('google_gmail');
    dropsEverySend(h);
    const rate = async () => (await h!.core.invoke('connections.pace', { id: connection.id })).ratePerSecond;
    // A rate limit halves the rate; the answer after it climbs one step back.
    h.peer.api.next('/gmail/v1/users/me/profile', [{ status: 429, retryAfter: '0' }]);
    expect(await h.core.invoke('api.request', { connectionId: connection.id, url: '/users/me/profile' })).toMatchObject({ status: 200 });
    const slowed = await rate();
    expect(slowed).toBeLessThan(10);
    for (let i = 0; i < 5; i += 1) {
      const error = await errorOf(h.core.invoke('api.request', { connectionId: connection.id, url: '/test/drop' }));
      expect(error.code).toBe('network_error');
    }
    expect(await rate()).toBe(slowed);
    // An answer does climb.
    await h.core.invoke('api.request', { connectionId: connection.id, url: '/users/me/profile' });
    expect(await rate()).toBeGreaterThan(slowed);
  });
});
