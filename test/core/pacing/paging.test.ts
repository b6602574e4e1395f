// A long paging run meets rate limits in the middle, waits them out (saying so in
// its progress events) and runs to the end; a cancel during the wait stops it within a second.
import { afterEach, describe, expect, it } from 'vitest';
import type { ConnectionPace, CoreEvent } from '../../../src-shared/types';
import { removeAllTempDirs } from '../../support/temp-dir';
import type { Harness } from '../harness';
import { startPagedPeer, type PageLimits } from './paged-peer';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
  removeAllTempDirs();
});

const PAGES = 100;
const PER_PAGE = 100;

function pagedPeer(limits: PageLimits) {
  return startPagedPeer({ pages: PAGES, perPage: PER_PAGE, limits, item: (page, i) => `${page}:${i}` }).then((peer) => {
    h = peer.harness;
    return peer;
  });
}

const waits = (events: CoreEvent[], requestId: string) =>
  events.filter(
    (e): e is Extract<CoreEvent, { type: 'api.progress' }> =>
      e.type === 'api.progress' && e.requestId === requestId && e.reason !== undefined,
  );

describe('paging through rate limits', () => {
  it('10,000 items over 100 pages with two rate-limit bursts in the middle run to the end, every item in order', async () => {
    // A 429 burst with Retry-After at page 30, Google's 403 userRateLimitExceeded burst at page 70.
    const { harness, connection, limited } = await pagedPeer({
      30: { status: 429, retryAfter: '1', times: 3 },
      70: { status: 403, times: 4 },
    });
    const result = await harness.core.invoke('api.paginate', {
      connectionId: connection.id,
      url: '/test/pages',
      maxPages: 100,
      requestId: 'long-run',
    });
    expect(result).toMatchObject({ pages: PAGES, capped: false, cancelled: false, itemsKey: 'items' });
    expect(result.items).toHaveLength(PAGES * PER_PAGE);
    result.items.forEach((item, n) => expect(item).toBe(`${Math.floor(n / PER_PAGE)}:${n % PER_PAGE}`));
    expect(limited()).toBe(7);
    // The 429s' Retry-After held the run for seconds: the progress events said why.
    const said = waits(harness.events, 'long-run');
    expect(said.length).toBeGreaterThan(0);
    expect(said[0]?.reason).toMatch(/^waiting for Google's rate limit \(\d+ s\)$/);
    expect(said[0]?.waitingMs).toBeGreaterThan(0);
    expect(said[0]?.pages).toBe(30);
  }, 60_000);

  it('a cancel while the run waits out a rate limit stops it within a second, with the pages it had', async () => {
    const { harness, connection } = await pagedPeer({ 5: { status: 429, retryAfter: '25', times: 1 } });
    let cancelledAt = 0;
    let seen = false;
    let pace: ConnectionPace | undefined;
    const off = harness.core.onEvent((event) => {
      if (event.type === 'api.progress' && event.requestId === 'stop-me' && event.reason !== undefined && !seen) {
        seen = true;
        void (async () => {
          // The connection detail's view of the same wait.
          pace = await harness.core.invoke('connections.pace', { id: connection.id });
          cancelledAt = performance.now();
          await harness.core.invoke('api.cancel', { requestId: 'stop-me' });
        })();
      }
    });
    const result = await harness.core.invoke('api.paginate', { connectionId: connection.id, url: '/test/pages', requestId: 'stop-me' });
    const stoppedIn = performance.now() - cancelledAt;
    off();
    expect(cancelledAt).toBeGreaterThan(0);
    expect(stoppedIn).toBeLessThan(1_000);
    expect(result).toMatchObject({ pages: 5, cancelled: true });
    expect(pace).toMatchObject({ queued: 1, inFlight: 0, requestsLastMinute: 6 });
    expect(pace?.reason).toMatch(/^waiting for Google's rate limit \(2\d s\)$/);
    expect(pace?.nextSendAt).toBeGreaterThan(Date.now() + 15_000);
    expect(result.items).toHaveLength(5 * PER_PAGE);
    // Nothing more was asked of the peer after the cancel: page 5 was asked once, and refused.
    expect(harness.peer.api.requests.filter((r) => /pageToken=5(&|$)/.test(r.query))).toHaveLength(1);
  }, 30_000);
});
