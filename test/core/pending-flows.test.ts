// The book of sign-ins in progress, on its own: a flow ends once, its waiters hear the outcome,
// an unread outcome is kept for five minutes and no longer, and states compare in constant time.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CoreError } from '../../src-main/core/errors';
import { OUTCOME_RETENTION_MS, PendingFlows, sameState, type Outcome, type PendingFlow } from '../../src-main/core/oauth/pending-flows';

afterEach(() => {
  vi.useRealTimers();
});

function flow(state: string, closed: string[] = []): PendingFlow {
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
    listener: { close: () => closed.push(state) } as unknown as PendingFlow['listener'],
    phase: 'waiting',
    outcome: null,
    waiters: [],
    timer: null,
    abort: new AbortController(),
  };
}

const failed: Outcome = { ok: false, error: new CoreError('cancelled', 'Cancelled.') };
const other: Outcome = { ok: false, error: new CoreError('timeout', 'Too slow.') };

describe('sameState', () => {
  it('is true for equal states only, whatever their length', () => {
    expect(sameState('abc', 'abc')).toBe(true);
    expect(sameState('', '')).toBe(true);
    expect(sameState('abc', 'abd')).toBe(false);
    expect(sameState('abc', 'abcd')).toBe(false);
    expect(sameState('abcd', 'abc')).toBe(false);
  });
});

describe('PendingFlows', () => {
  it('finds a flow by its state among several, and nothing for an unknown or partial state', () => {
    const book = new PendingFlows();
    const [a, b, c] = [flow('state-a'), flow('state-b'), flow('state-c')];
    for (const f of [a, b, c]) book.add(f);
    expect(book.find('state-b')).toBe(b);
    expect(book.find('state-a')).toBe(a);
    expect(book.find('state-c')).toBe(c);
    expect(book.find('state-')).toBeUndefined();
    expect(book.find('state-d')).toBeUndefined();
    expect(book.all()).toEqual([a, b, c]);
  });

  it('settles once: wakes every waiter with the first outcome, closes the listener, forgets the flow', async () => {
    const book = new PendingFlows();
    const closed: string[] = [];
    const f = flow('s1', closed);
    book.add(f);
    const waiting = [book.wait(f), book.wait(f)];
    expect(book.settle(f, failed)).toBe(true);
    expect(book.settle(f, other)).toBe(false);
    expect(await Promise.all(waiting)).toEqual([failed, failed]);
    expect(f).toMatchObject({ phase: 'done', outcome: failed, waiters: [], timer: null });
    expect(closed).toEqual(['s1']);
    expect(book.all()).toEqual([]);
  });

  it('keeps an unread outcome for five minutes, then forgets it; reading it forgets it at once', async () => {
    vi.useFakeTimers();
    const book = new PendingFlows();
    const kept = flow('kept');
    const read = flow('read');
    book.add(kept);
    book.add(read);
    book.settle(kept, failed);
    book.settle(read, other);
    expect(kept.timer).not.toBeNull();
    // The retention timer must not keep the app alive on its own.
    expect(kept.timer?.hasRef()).toBe(false);
    expect(book.all()).toEqual([kept, read]);
    expect(await book.wait(read)).toBe(other);
    expect(book.all()).toEqual([kept]);
    expect(read.timer).toBeNull();
    // Reading cleared the read flow's timer: only the kept one's is left.
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(OUTCOME_RETENTION_MS - 1);
    expect(book.find('kept')).toBe(kept);
    vi.advanceTimersByTime(1);
    expect(book.find('kept')).toBeUndefined();
    expect(OUTCOME_RETENTION_MS).toBe(300_000);
  });

  it("clears a flow's own timer when it settles, so an earlier deadline does not fire later", () => {
    vi.useFakeTimers();
    const book = new PendingFlows();
    const f = flow('timed');
    book.add(f);
    const deadline = vi.fn();
    f.timer = setTimeout(deadline, 1000);
    book.settle(f, failed);
    vi.advanceTimersByTime(1000);
    expect(deadline).not.toHaveBeenCalled();
  });

  it('removes only the flow named, and removing twice is harmless', () => {
    const book = new PendingFlows();
    const [a, b] = [flow('a'), flow('b')];
    book.add(a);
    book.add(b);
    book.remove(a);
    book.remove(a);
    expect(book.all()).toEqual([b]);
  });
});
