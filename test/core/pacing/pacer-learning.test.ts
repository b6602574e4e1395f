// How the pacer keeps a connection under a provider's one-second window without meeting it: no
// burst on top of a full second, the limit learned from what got through, no probing above it
// right after, and a Retry-After-less rate limit (Google's 403) waited out until the window empties.
import { describe, expect, it } from 'vitest';
import { Pacer, type Slot } from '../../../src-main/core/proxy/pacer';

const lane = (pace: { ratePerSecond: number; burst: number; concurrency: number }) => ({ connectionId: 'c', pace, providerName: 'Google' });
const never = new AbortController().signal;

describe('Pacer learning', () => {
  it('grants at most max(rate, burst) in any rolling second, even with a full bucket', async () => {
    const pacer = new Pacer({ baseBackoffMs: 5, maxQueueWaitMs: 30_000, maxQueued: 1_000 });
    const l = lane({ ratePerSecond: 20, burst: 10, concurrency: 100 });
    const grants: number[] = [];
    await Promise.all(
      Array.from({ length: 36 }, async () => {
        const slot = await pacer.acquire(l, never);
        grants.push(performance.now());
        slot.done({ rateLimited: false });
      }),
    );
    grants.sort((a, b) => a - b);
    // The bucket alone lets 10 go at once and 20 more within the same second: 30 in one window.
    // (Counted over 990 ms: the times here are taken a little after the pacer's own.)
    const most = Math.max(...grants.map((t) => grants.filter((u) => u > t - 990 && u <= t).length));
    expect(most).toBeLessThanOrEqual(20);
    expect(grants).toHaveLength(36);
  }, 10_000);

  it('keeps any rolling second of arrivals under the cap when answers take uneven times', async () => {
    // The provider counts a request when it arrives, anywhere between its send and its answer.
    // Here the first five answers are slow and arrive last: counted by send time, the second
    // second's sends would land in the same window as them (25 arrivals in one second).
    const pacer = new Pacer({ baseBackoffMs: 5, maxQueueWaitMs: 30_000, maxQueued: 1_000 });
    const l = lane({ ratePerSecond: 20, burst: 1, concurrency: 100 });
    const arrivals: number[] = [];
    let granted = 0;
    await Promise.all(
      Array.from({ length: 36 }, async () => {
        const slot = await pacer.acquire(l, never);
        if (granted++ < 5) await new Promise((resolve) => setTimeout(resolve, 400));
        arrivals.push(performance.now());
        slot.done({ rateLimited: false });
      }),
    );
    // The provider's own limit, which the pace is chosen under: rate + burst (providers.md).
    const most = Math.max(...arrivals.map((t) => arrivals.filter((u) => u > t - 1_000 && u <= t).length));
    expect(most).toBeLessThanOrEqual(21);
    expect(arrivals).toHaveLength(36);
  }, 10_000);

  it('keeps sending at the pace while answers are slow, until rate + burst are unanswered in the second', async () => {
    const pacer = new Pacer({ baseBackoffMs: 5, maxQueueWaitMs: 30_000, maxQueued: 1_000 });
    const l = lane({ ratePerSecond: 10, burst: 10, concurrency: 100 });
    const sleep = (ms: number) => new Promise<'blocked'>((resolve) => setTimeout(() => resolve('blocked'), ms));
    const held: Slot[] = [];
    for (let i = 0; i < 10; i += 1) held.push(await pacer.acquire(l, never));
    await sleep(1_100);
    // A second later the 10 are still unanswered: the sends' second is free, and 10 arrivals
    // leave room under the provider's 20. Counting only to the answer, the next waited for them.
    for (let i = 0; i < 10; i += 1) {
      const next = await Promise.race([pacer.acquire(l, never), sleep(300)]);
      expect(next).not.toBe('blocked');
      if (next !== 'blocked') held.push(next);
    }
    await sleep(1_100);
    // 20 unanswered: all may arrive within the same second, so nothing more goes.
    const turn = pacer.acquire(l, never);
    expect(await Promise.race([turn, sleep(300)])).toBe('blocked');
    held.forEach((slot) => slot.done({ rateLimited: false }));
    (await turn).done({ rateLimited: false });
  }, 10_000);

  it('learns the limit from the answers that got through, and stays under it after', async () => {
    const pacer = new Pacer({ baseBackoffMs: 5, maxQueueWaitMs: 30_000, maxQueued: 1_000 });
    const l = lane({ ratePerSecond: 200, burst: 60, concurrency: 100 });
    const slots: Slot[] = [];
    for (let i = 0; i < 60; i += 1) slots.push(await pacer.acquire(l, never));
    // The provider let 40 through and refused the rest: 60 were sent in the last second, 40 served.
    slots.slice(0, 40).forEach((slot) => slot.done({ rateLimited: false }));
    slots.slice(40).forEach((slot) => slot.done({ rateLimited: true, retryAfterMs: 0 }));
    // 95 % of the 40: the rolling second keeps arrivals under the cap, so little margin is needed.
    expect(pacer.status('c').ratePerSecond).toBeLessThanOrEqual(38);
    // A hundred good answers later the rate is back at the learned 38, not probing past it.
    for (let i = 0; i < 100; i += 1) (await pacer.acquire(l, never)).done({ rateLimited: false });
    expect(pacer.status('c').ratePerSecond).toBeCloseTo(38, 0);
  }, 15_000);

  it('counts the answers still out when the limit came, once they come back served', async () => {
    const pacer = new Pacer({ baseBackoffMs: 5, maxQueueWaitMs: 30_000, maxQueued: 1_000 });
    const l = lane({ ratePerSecond: 200, burst: 60, concurrency: 100 });
    const slots: Slot[] = [];
    for (let i = 0; i < 60; i += 1) slots.push(await pacer.acquire(l, never));
    // 30 answered, then the 51st send's limit comes before the 20 sent ahead of it are answered:
    // 50 got through in the second up to the limited send, not the 30 answered by then.
    slots.slice(0, 30).forEach((slot) => slot.done({ rateLimited: false }));
    slots[50]?.done({ rateLimited: true, retryAfterMs: 0 });
    slots.slice(30, 50).forEach((slot) => slot.done({ rateLimited: false }));
    slots.slice(51).forEach((slot) => slot.done({ rateLimited: true, retryAfterMs: 0 }));
    for (let i = 0; i < 100; i += 1) (await pacer.acquire(l, never)).done({ rateLimited: false });
    expect(pacer.status('c').ratePerSecond).toBeCloseTo(47.5, 0);
  }, 15_000);

  it("waits out a limit without Retry-After until the last second's answers leave the window, not a 5 ms backoff", async () => {
    const pacer = new Pacer({ baseBackoffMs: 5, maxQueueWaitMs: 30_000, maxQueued: 1_000 });
    const l = lane({ ratePerSecond: 200, burst: 60, concurrency: 100 });
    const slots: Slot[] = [];
    for (let i = 0; i < 60; i += 1) slots.push(await pacer.acquire(l, never));
    slots.slice(0, 50).forEach((slot) => slot.done({ rateLimited: false }));
    slots[50]?.done({ rateLimited: true, retryAfterMs: null });
    // 50 got through within the last few ms; the learned 47.5 fit only once 3 of them are a second old.
    expect(pacer.waiting('c')?.waitingMs).toBeGreaterThan(800);
    expect(pacer.waiting('c')?.waitingMs).toBeLessThanOrEqual(1_000);
    slots.slice(51).forEach((slot) => slot.done({ rateLimited: false }));
  });
});
