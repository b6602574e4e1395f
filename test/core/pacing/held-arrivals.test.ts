// A provider counts a request when it gets to it, anywhere between its send and its answer. Paced
// just under a rolling-window peer's limit, requests the peer holds before counting must not bunch
// with the next second's sends into a 429: the pacer counts each send until its answer came.
import { afterEach, describe, expect, it } from 'vitest';
import { installRateLimitedRoute } from '../../support/rate-limited-route';
import { removeAllTempDirs } from '../../support/temp-dir';
import { startHarness, type Harness } from '../harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
  removeAllTempDirs();
});

describe('pacing at the limit of a peer that holds some requests before counting them', () => {
  it('gets no rate limit from the peer, and every answer is the one asked for', async () => {
    // The peer allows 50 a second; the pace is 45 a second (+ burst 5), as the providers' are set.
    const pace = { ratePerSecond: 45, burst: 5, concurrency: 20 };
    h = await startHarness({ kind: 'google' }, { services: { google_gmail: { pace } } });
    const harness = h;
    const connection = await harness.connect('google_gmail');
    const base = new URL(harness.peer.apiBaseUrls.google_gmail ?? '').pathname;
    // The first 8 wait 500 ms in the peer's queue: counted by send time, the pacer would send a
    // full second's 45 after them, and the peer would count 53 in one second.
    const route = installRateLimitedRoute(harness.peer.api, `${base}/test/limited`, {
      perSecond: 50,
      windowMs: 1_000,
      shape: 'google-429',
      holdMs: (n) => (n < 8 ? 500 : 0),
    });
    const answers = await Promise.all(
      Array.from({ length: 110 }, async (_, n) => {
        const response = await harness.core.invoke('api.request', {
          connectionId: connection.id,
          url: '/test/limited',
          query: { n: String(n) },
        });
        return { n, status: response.status, body: response.json };
      }),
    );
    expect(route.limited()).toBe(0);
    expect(route.served()).toBe(110);
    for (const answer of answers) expect(answer).toEqual({ n: answer.n, status: 200, body: { n: String(answer.n) } });
  }, 20_000);
});
