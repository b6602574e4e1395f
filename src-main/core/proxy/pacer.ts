import { CoreError } from '../errors';
import type { Pace } from '../providers/types';
import type { ConnectionPace } from '../../../src-shared/types';
import { onRateLimited, onServed } from './pace-learning';
import { newPaceState, type PaceState, type WindowEntry } from './pace-state';
import { readyAt, recordSend, trimSent } from './pace-window';

/** What a connection's pacing looks like now (`connections.pace`). */
export type PaceStatus = ConnectionPace;

/** A turn to send, handed out by `Pacer.acquire`. */
export interface Slot {
  /** How long the request waited in the queue for this turn. */
  waitedMs: number;
  /**
   * After the answer's headers came, or the send failed without an answer (`noAnswer`: refused,
   * reset, timed out, cancelled): frees the turn and adapts the pace to the answer.
   */
  done(outcome: { rateLimited: false; noAnswer?: boolean } | { rateLimited: true; retryAfterMs: number | null }): void;
}

export interface Lane {
  connectionId: string;
  pace: Pace;
  /** Who limits, for the wait's wording: "Google". */
  providerName: string;
  /**
   * Connections with the same key share one limit at the provider (Spotify's is per app, not per
   * user): a rate limit on one pauses them all for its Retry-After or backoff.
   */
  sharedLimit?: string;
}

export interface PacerOptions {
  /** Backoff after a rate-limit answer without Retry-After: base × 2^(n−1), at most 10 s, jittered. */
  baseBackoffMs: number;
  /** The longest a request waits for its turn before it fails with `timeout`. */
  maxQueueWaitMs: number;
  /** The most requests one connection may have waiting; more are refused, never dropped later. */
  maxQueued: number;
  random?: () => number;
}

interface Waiter {
  resolve(slot: Slot): void;
  reject(error: unknown): void;
  enqueuedAt: number;
  cleanup(): void;
}

interface LaneState extends Lane, PaceState {
  queue: Waiter[];
  inFlight: number;
  timer: ReturnType<typeof setTimeout> | null;
  timerAt: number;
}

const now = () => performance.now();

/**
 * Paces each connection: a concurrency limit, a token bucket at the provider's published rate, and
 * a rolling second counted the way the provider counts arrivals (pace-window.ts). A rate-limit
 * answer pauses the whole connection (its Retry-After, or a backoff), halves the rate and
 * remembers 95 % of the rate that got through; successes climb back to that quickly and past it
 * only slowly (AIMD with a learned ceiling, pace-learning.ts), so a rolling window is not hit
 * every second. This file is the queue: waiting requests keep their order, are cancelled by their
 * signal, and are never dropped once accepted.
 */
export class Pacer {
  private readonly lanes = new Map<string, LaneState>();
  /** Until when each shared limit holds its connections (`Lane.sharedLimit`). */
  private readonly sharedPauses = new Map<string, number>();

  constructor(private readonly options: PacerOptions) {}

  /** `again`: a request sent back after a rate-limit answer goes ahead of those that never went. */
  acquire(lane: Lane, signal: AbortSignal, again = false): Promise<Slot> {
    signal.throwIfAborted();
    const state = this.lane(lane);
    if (!again && state.queue.length >= this.options.maxQueued) {
      throw new CoreError(
        'invalid_input',
        `${this.options.maxQueued} requests of this connection are already waiting for ${lane.providerName}'s rate limit. Wait for them, or cancel some, before sending more.`,
      );
    }
    return new Promise<Slot>((resolve, reject) => {
      const waiter: Waiter = { resolve, reject, enqueuedAt: now(), cleanup: () => undefined };
      const leave = (error: unknown) => {
        const at = state.queue.indexOf(waiter);
        if (at === -1) return;
        state.queue.splice(at, 1);
        waiter.cleanup();
        reject(error);
      };
      const onAbort = () => leave(signal.reason);
      const limit = this.options.maxQueueWaitMs;
      const timer = setTimeout(
        () =>
          leave(
            new CoreError(
              'timeout',
              `The request waited ${Math.round(limit / 1000)} s for ${lane.providerName}'s rate limit without a turn. Send fewer requests at once, or try again later.`,
            ),
          ),
        limit,
      );
      waiter.cleanup = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      if (again) state.queue.unshift(waiter);
      else state.queue.push(waiter);
      this.pump(state);
    });
  }

  status(connectionId: string): PaceStatus {
    const state = this.lanes.get(connectionId);
    if (!state) return { requestsLastMinute: 0, queued: 0, inFlight: 0, nextSendAt: null, ratePerSecond: 0 };
    const t = now();
    trimSent(state, t);
    const next = state.queue.length > 0 ? Date.now() + Math.max(0, readyAt(state, t) - t) : null;
    const reason = this.reason(state, t);
    return {
      requestsLastMinute: state.sent.length,
      queued: state.queue.length,
      inFlight: state.inFlight,
      nextSendAt: next === null ? null : Math.round(next),
      ratePerSecond: Math.round(state.rate * 100) / 100,
      ...(reason ? { reason } : {}),
    };
  }

  /** Connections with pacing state. */
  get size(): number {
    return this.lanes.size;
  }

  /** A connection gone (disconnected): its state goes too; anyone still waiting is refused. */
  forget(connectionId: string): void {
    const state = this.lanes.get(connectionId);
    if (!state) return;
    if (state.timer) clearTimeout(state.timer);
    this.lanes.delete(connectionId);
    for (const waiter of state.queue.splice(0)) {
      waiter.cleanup();
      waiter.reject(new CoreError('cancelled', 'The connection was disconnected.'));
    }
  }

  /** While the connection is paused by a rate limit: how long still, and in words. */
  waiting(connectionId: string): { waitingMs: number; reason: string } | null {
    const state = this.lanes.get(connectionId);
    const t = now();
    if (!state || state.pausedUntil <= t) return null;
    return { waitingMs: Math.round(state.pausedUntil - t), reason: this.reason(state, t) ?? '' };
  }

  private reason(state: LaneState, t: number): string | undefined {
    if (state.pausedUntil <= t) return undefined;
    const seconds = Math.max(1, Math.ceil((state.pausedUntil - t) / 1000));
    return `waiting for ${state.providerName}'s rate limit (${seconds} s)`;
  }

  private lane(lane: Lane): LaneState {
    let state = this.lanes.get(lane.connectionId);
    if (!state) {
      state = { ...lane, ...newPaceState(lane.pace, now()), queue: [], inFlight: 0, timer: null, timerAt: Infinity };
      // A connection new to a limit another one has just met waits the same.
      if (lane.sharedLimit) state.pausedUntil = this.sharedPauses.get(lane.sharedLimit) ?? 0;
      this.lanes.set(lane.connectionId, state);
    }
    // Settings may change the pace; the adapted rate stays under the new ceiling.
    state.pace = lane.pace;
    state.rate = Math.min(state.rate, lane.pace.ratePerSecond);
    state.learned = Math.min(state.learned, lane.pace.ratePerSecond);
    return state;
  }

  /** Holds every connection under the limit until `until`; each goes on pacing itself after. */
  private pauseShared(key: string, until: number, t: number): void {
    for (const [name, at] of this.sharedPauses) if (at <= t) this.sharedPauses.delete(name);
    this.sharedPauses.set(key, Math.max(until, this.sharedPauses.get(key) ?? 0));
    for (const other of this.lanes.values()) {
      if (other.sharedLimit !== key || other.pausedUntil >= until) continue;
      other.pausedUntil = until;
      this.pump(other);
    }
  }

  private pump(state: LaneState): void {
    while (state.queue.length > 0 && state.inFlight < state.pace.concurrency) {
      const t = now();
      const at = readyAt(state, t);
      if (at > t) return this.wake(state, at - t);
      const waiter = state.queue.shift() as Waiter;
      waiter.cleanup();
      state.inFlight += 1;
      const entry = recordSend(state, t);
      waiter.resolve(this.slot(state, t, entry, Math.round(t - waiter.enqueuedAt)));
    }
  }

  private wake(state: LaneState, ms: number): void {
    const at = now() + ms;
    if (state.timer && state.timerAt <= at) return;
    if (state.timer) clearTimeout(state.timer);
    state.timerAt = at;
    state.timer = setTimeout(() => {
      state.timer = null;
      state.timerAt = Infinity;
      this.pump(state);
    }, Math.ceil(ms));
  }

  private slot(state: LaneState, sentAt: number, entry: WindowEntry, waitedMs: number): Slot {
    let done = false;
    return {
      waitedMs,
      done: (outcome) => {
        if (done) return;
        done = true;
        state.inFlight -= 1;
        const t = now();
        entry.answeredAt = t;
        const backoff = { baseMs: this.options.baseBackoffMs, random: this.options.random ?? Math.random };
        if (outcome.rateLimited) {
          onRateLimited(state, sentAt, outcome.retryAfterMs, t, backoff);
          if (state.sharedLimit) this.pauseShared(state.sharedLimit, state.pausedUntil, t);
        }
        // No answer says nothing about the provider's limit: counting it a success let the rate
        // climb back while the provider could not be reached.
        else if (!outcome.noAnswer) onServed(state, sentAt, t);
        this.pump(state);
      },
    };
  }
}
