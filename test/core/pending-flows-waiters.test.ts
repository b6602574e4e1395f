// PendingFlows' waiters that give up (the local API's oauth wait stops polling) and what a flow's
// end does to its abort signal and to the book of unread outcomes, on the class itself.
import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { CoreError } from '../../src-main/core/errors';
import { MAX_UNREAD_OUTCOMES, PendingFlows, type Outcome, type PendingFlow } from '../../src-main/core/oauth/pending-flows';

function flow(state: string): PendingFlow {
  return {
    state,
    provider: 'spotify',
    service: 'spotify',
    services: ['spotify'],
    scopes: [],
    verifier: 'v',
    redirectUri: 'http://127.0.0.1/callback',
    mode: 'loopback',
    config: {} as PendingFlow['config'],
    listener: null,
    phase: 'waiting',
    outcome: null,
    waiters: [],
    timer: null,
    abort: new AbortController(),
  };
}

const ok = { ok: true, connection: { id: 'c1' }, connectionIds: ['c1'] } as unknown as Outcome;
const failed: Outcome = { ok: false, error: new CoreError('cancelled', 'The sign-in was cancelled.') };

describe('pending flows: waiters that give up', () => {
  it('a waiter already given up gets null at once, and the outcome stays for the next reader', async () => {
    const pending = new PendingFlows();
    const f = flow('s1');
    pending.add(f);
    expect(await pending.wait(f, AbortSignal.abort())).toBeNull();
    expect(f.waiters).toEqual([]);
    pending.settle(f, ok);
    expect(pending.find('s1')).toBe(f);
    expect(await pending.wait(f)).toBe(ok);
    expect(pending.find('s1')).toBeUndefined();
  });

  it('a waiter that gives up withdraws (null, its listener gone), and the outcome stays for the next reader', async () => {
    const pending = new PendingFlows();
    const f = flow('s2');
    pending.add(f);
    const poll = new AbortController();
    const first = pending.wait(f, poll.signal);
    const second = pending.wait(f);
    expect(f.waiters).toHaveLength(2);
    expect(getEventListeners(poll.signal, 'abort')).toHaveLength(1);
    poll.abort();
    expect(await first).toBeNull();
    expect(f.waiters).toHaveLength(1);
    expect(getEventListeners(poll.signal, 'abort')).toHaveLength(0);
    pending.settle(f, ok);
    expect(await second).toBe(ok);
  });

  it('the only waiter giving up leaves the flow in the book; the outcome is kept for whoever asks next', async () => {
    const pending = new PendingFlows();
    const f = flow('s3');
    pending.add(f);
    const poll = new AbortController();
    const gaveUp = pending.wait(f, poll.signal);
    poll.abort();
    expect(await gaveUp).toBeNull();
    expect(f.waiters).toEqual([]);
    pending.settle(f, failed);
    expect(pending.find('s3')).toBe(f);
    expect(await pending.wait(f)).toBe(failed);
  });

  it('a waiter that hears the outcome takes its abort listener with it', async () => {
    const pending = new PendingFlows();
    const f = flow('s4');
    pending.add(f);
    const poll = new AbortController();
    const heard = pending.wait(f, poll.signal);
    pending.settle(f, ok);
    expect(await heard).toBe(ok);
    expect(getEventListeners(poll.signal, 'abort')).toHaveLength(0);
  });
});

describe('pending flows: the end of a flow', () => {
  it('aborts the flow’s work only when it failed', () => {
    const pending = new PendingFlows();
    const good = flow('ok');
    const bad = flow('bad');
    pending.add(good);
    pending.add(bad);
    pending.settle(good, ok);
    pending.settle(bad, failed);
    expect(good.abort.signal.aborted).toBe(false);
    expect(bad.abort.signal.aborted).toBe(true);
    expect(bad.abort.signal.reason).toBe(failed.ok ? undefined : failed.error);
    for (const f of [good, bad]) pending.remove(f);
  });

  it(`keeps at most ${MAX_UNREAD_OUTCOMES} unread outcomes, and never drops a flow still in progress for them`, () => {
    const pending = new PendingFlows();
    const waiting = Array.from({ length: 5 }, (_, i) => flow(`w${i}`));
    for (const f of waiting) pending.add(f);
    const done = Array.from({ length: MAX_UNREAD_OUTCOMES + 2 }, (_, i) => flow(`d${i}`));
    for (const f of done) {
      pending.add(f);
      pending.settle(f, ok);
    }
    for (const f of waiting) expect(pending.find(f.state), f.state).toBe(f);
    expect(pending.find('d0')).toBeUndefined();
    expect(pending.find('d1')).toBeUndefined();
    expect(pending.find('d2')).toBe(done[2]);
    expect(pending.all()).toHaveLength(5 + MAX_UNREAD_OUTCOMES);
    for (const f of [...pending.all()]) pending.remove(f);
  });
});
