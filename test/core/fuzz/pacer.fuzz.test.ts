// The pacer under random arrivals, cancels, queue timeouts and rate-limit bursts. Every
// request settles (a turn, its cancel or its timeout), nothing gets a turn after its cancel, the
// concurrency limit holds, and the queue is empty at the end.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isCoreError } from '../../../src-main/core/errors';
import { Pacer, type Slot } from '../../../src-main/core/proxy/pacer';

const LONG = process.env.JUNCTION_LONG_TESTS === '1';
const RUNS = LONG ? 400 : 40;

const answer = fc.oneof(
  fc.constant({ rateLimited: false as const }),
  // No answer at all (refused, reset, timed out): frees the turn without adapting the pace.
  fc.constant({ rateLimited: false as const, noAnswer: true }),
  fc.record({ rateLimited: fc.constant(true as const), retryAfterMs: fc.option(fc.integer({ min: 0, max: 40 }), { nil: null }) }),
);

const request = fc.record({
  arriveMs: fc.integer({ min: 0, max: 60 }),
  cancelAfterMs: fc.option(fc.integer({ min: 0, max: 100 }), { nil: null }),
  sendMs: fc.integer({ min: 0, max: 15 }),
  // The answers to successive sends of this request: rate limits send it back to the queue.
  answers: fc.array(answer, { minLength: 1, maxLength: 4 }),
});

const scenario = fc.record({
  pace: fc.record({
    ratePerSecond: fc.integer({ min: 20, max: 1000 }),
    burst: fc.integer({ min: 1, max: 5 }),
    concurrency: fc.integer({ min: 1, max: 4 }),
  }),
  maxQueueWaitMs: fc.integer({ min: 20, max: 400 }),
  requests: fc.array(request, { minLength: 1, maxLength: 30 }),
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('Pacer (property)', () => {
  it('settles every request, grants nothing after a cancel, keeps the limit and empties the queue', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ pace, maxQueueWaitMs, requests }) => {
        const pacer = new Pacer({ baseBackoffMs: 5, maxQueueWaitMs, maxQueued: 1_000 });
        const lane = { connectionId: 'c', pace, providerName: 'Google' };
        let inFlight = 0;
        let maxInFlight = 0;
        const grantedAfterCancel: number[] = [];
        const outcomes = await Promise.all(
          requests.map(async (r, index): Promise<string> => {
            await sleep(r.arriveMs);
            const controller = new AbortController();
            if (r.cancelAfterMs !== null) setTimeout(() => controller.abort(new Error('cancelled')), r.cancelAfterMs);
            for (let send = 0; ; send += 1) {
              let slot: Slot;
              try {
                slot = await pacer.acquire(lane, controller.signal, send > 0);
              } catch (error) {
                if (controller.signal.aborted) return 'cancelled';
                if (isCoreError(error) && error.code === 'timeout') return 'timeout';
                throw error;
              }
              if (controller.signal.aborted) grantedAfterCancel.push(index);
              inFlight += 1;
              maxInFlight = Math.max(maxInFlight, inFlight);
              await sleep(r.sendMs);
              inFlight -= 1;
              const outcome = r.answers[Math.min(send, r.answers.length - 1)] ?? { rateLimited: false as const };
              slot.done(outcome);
              if (!outcome.rateLimited || send >= 3) return 'answered';
            }
          }),
        );
        expect(outcomes).toHaveLength(requests.length);
        expect(grantedAfterCancel).toEqual([]);
        expect(maxInFlight).toBeLessThanOrEqual(pace.concurrency);
        expect(pacer.status('c')).toMatchObject({ queued: 0, inFlight: 0, nextSendAt: null });
      }),
      { numRuns: RUNS },
    );
  }, 120_000);
});
