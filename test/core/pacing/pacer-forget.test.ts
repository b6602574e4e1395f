// A disconnected connection's pacing state is freed: its lane, its wake-up timer, and anyone
// still waiting (refused with `cancelled`); a new lane under the same id starts from the published pace.
import { describe, expect, it } from 'vitest';
import { isCoreError } from '../../../src-main/core/errors';
import { Pacer } from '../../../src-main/core/proxy/pacer';

const lane = { connectionId: 'gone', pace: { ratePerSecond: 2, burst: 1, concurrency: 1 }, providerName: 'Google' };

describe('Pacer.forget', () => {
  it('drops the lane, refuses the waiting with cancelled, and leaves other connections alone', async () => {
    const pacer = new Pacer({ baseBackoffMs: 5, maxQueueWaitMs: 60_000, maxQueued: 100 });
    const never = new AbortController().signal;
    const first = await pacer.acquire(lane, never);
    first.done({ rateLimited: true, retryAfterMs: 20_000 });
    const waiting = pacer.acquire(lane, never).then(
      () => 'granted',
      (error: unknown) => (isCoreError(error) ? error.code : 'other'),
    );
    const other = await pacer.acquire({ ...lane, connectionId: 'kept' }, never);
    expect(pacer.size).toBe(2);
    expect(pacer.status('gone')).toMatchObject({ queued: 1 });

    pacer.forget('gone');
    expect(await waiting).toBe('cancelled');
    expect(pacer.size).toBe(1);
    expect(pacer.status('gone')).toEqual({ requestsLastMinute: 0, queued: 0, inFlight: 0, nextSendAt: null, ratePerSecond: 0 });
    expect(pacer.status('kept')).toMatchObject({ inFlight: 1 });
    other.done({ rateLimited: false });
    // The same id again (a reconnect) starts fresh: no pause, the published rate.
    const again = await pacer.acquire(lane, never);
    expect(pacer.status('gone')).toMatchObject({ ratePerSecond: 2, inFlight: 1 });
    again.done({ rateLimited: false });
    pacer.forget('gone');
    pacer.forget('kept');
    expect(pacer.size).toBe(0);
  });
});
