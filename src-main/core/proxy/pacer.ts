import { CoreError } from '../errors';
import type { Pace } from '../providers/types';
import type { ConnectionPace } from '../../../src-shared/types';

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

interface LaneState extends Lane {
  queue: Waiter[];
  inFlight: number;
  rate: number;
  /** 95 % of the rate the last rate limit came at: climbed back to fast, passed only slowly. */
  learned: number;
  tokens: number;
  refilledAt: number;
  pausedUntil: number;
  /** Sends started before this had no chance to see the last slowdown: their 429 does not halve again. */
  slowedAt: number;
  limitedInARow: number;
  sent: number[];
  /**
   * The sends that may still count in the provider's one-second window: each until a second after
   * its answer came (the latest it can have reached the provider), or for as long as it is in flight.
   */
  window: WindowEntry[];
  /** Send times of answers that were not rate limits, within the last two seconds: what the provider let through. */
  served: number[];
  /** The send whose rate limit set `learned`, and the rate then: answers still out then may raise it. */
  limit: { sentAt: number; rate: number };
  /** When `learned` last moved: it is raised a step only after a quiet spell. */
  learnedAt: number;
  timer: ReturnType<typeof setTimeout> | null;
  timerAt: number;
}

/** A send in the provider's window: `answeredAt` is Infinity while the answer has not come. */
interface WindowEntry {
  answeredAt: number;
}

const MINUTE = 60_000;
const SECOND = 1_000;
/** A quiet spell after which the learned rate is raised a step, towards the published one. */
const PROBE_AFTER_MS = 10_000;
const PROBE_STEP = 1.05;
/**
 * The share of what got through that is learned as the rate. The rolling second already bounds what
 * any provider window sees however the arrivals bunch (`readyAt`); this margin is for a provider's
 * window that is not one second long, and it cost 5 % of the throughput for nothing at 90 %.
 */
const LEARNED_SHARE = 0.95;
const now = () => performance.now();

/**
 * Paces each connection: a concurrency limit, a token bucket at the provider's published rate, and
 * a rolling second counted the way the provider counts arrivals (`readyAt`).
 * A rate-limit answer pauses the whole connection (its Retry-After, or a backoff), halves the
 * rate and remembers 95 % of the rate that hit the limit; successes climb back to that quickly
 * and past it only slowly (AIMD with a learned ceiling), so a rolling window is not hit every second. Waiting requests keep their
 * order, are cancelled by their signal, and are never dropped once accepted.
 */
export class Pacer {
  private readonly lanes = new Map<string, LaneState>();

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
    this.trim(state, t);
    const next = state.queue.length > 0 ? Date.now() + Math.max(0, this.readyAt(state, t) - t) : null;
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
      state = {
        ...lane,
        queue: [],
        inFlight: 0,
        rate: lane.pace.ratePerSecond,
        learned: lane.pace.ratePerSecond,
        tokens: lane.pace.burst,
        refilledAt: now(),
        pausedUntil: 0,
        slowedAt: -Infinity,
        limitedInARow: 0,
        sent: [],
        window: [],
        served: [],
        limit: { sentAt: -Infinity, rate: lane.pace.ratePerSecond },
        learnedAt: now(),
        timer: null,
        timerAt: Infinity,
      };
      this.lanes.set(lane.connectionId, state);
    }
    // Settings may change the pace; the adapted rate stays under the new ceiling.
    state.pace = lane.pace;
    state.rate = Math.min(state.rate, lane.pace.ratePerSecond);
    state.learned = Math.min(state.learned, lane.pace.ratePerSecond);
    return state;
  }

  private refill(state: LaneState, t: number): void {
    state.tokens = Math.min(state.pace.burst, state.tokens + ((t - state.refilledAt) / 1000) * state.rate);
    state.refilledAt = t;
  }

  /**
   * When the head of the queue could go, concurrency aside: a token, the end of a pause, and room
   * in the rolling second. The bucket alone lets burst + rate go within one second; so at most
   * max(rate, burst) sends count in any second: the burst stays for a quiet start, not on top of a
   * full second. The provider counts a request when it arrives, somewhere between its send and its
   * answer: counted by send time, sends spaced a second apart can arrive bunched (a busy event loop,
   * the network) and tip a one-second window into a 429. A send therefore counts until a second
   * after its answer, the latest it can have arrived, and a send still in flight counts as if it
   * arrived now.
   */
  private readyAt(state: LaneState, t: number): number {
    this.refill(state, t);
    const forToken = state.tokens >= 1 ? t : t + ((1 - state.tokens) / state.rate) * 1000;
    const cap = Math.max(1, Math.floor(state.rate), state.pace.burst);
    state.window = state.window.filter((entry) => entry.answeredAt > t - SECOND);
    let forRoom = t;
    if (state.window.length >= cap) {
      const leaving = state.window.map((entry) => Math.min(entry.answeredAt, t)).sort((a, b) => a - b);
      forRoom = (leaving[state.window.length - cap] ?? t) + SECOND;
    }
    return Math.max(forToken, forRoom, state.pausedUntil);
  }

  private pump(state: LaneState): void {
    while (state.queue.length > 0 && state.inFlight < state.pace.concurrency) {
      const t = now();
      const at = this.readyAt(state, t);
      if (at > t) return this.wake(state, at - t);
      state.tokens -= 1;
      const waiter = state.queue.shift() as Waiter;
      waiter.cleanup();
      state.inFlight += 1;
      state.sent.push(t);
      const entry: WindowEntry = { answeredAt: Infinity };
      state.window.push(entry);
      this.trim(state, t);
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
        if (outcome.rateLimited) this.slowDown(state, sentAt, outcome.retryAfterMs, t);
        // No answer says nothing about the provider's limit: counting it a success let the rate
        // climb back while the provider could not be reached.
        else if (!outcome.noAnswer) {
          state.limitedInARow = 0;
          state.served.push(sentAt);
          if (state.served.length > 4 * Math.max(state.pace.ratePerSecond, state.pace.burst)) this.trimServed(state, t);
          // Sent before the limited request and answered after it: it got through in the same
          // second, which the learned rate left out while it was in flight.
          if (sentAt <= state.limit.sentAt) state.learned = Math.max(state.learned, this.learnedFromLimit(state));
          // Back to the learned rate within ~20 answers. Past it only a step at a time, after
          // PROBE_AFTER_MS without a limit: probing each answer found the limit again every
          // few seconds, and each find costs a whole-second Retry-After for the whole connection.
          const { ratePerSecond } = state.pace;
          if (state.learned < ratePerSecond && t - state.learnedAt >= PROBE_AFTER_MS) {
            state.learned = Math.min(ratePerSecond, state.learned * PROBE_STEP);
            state.learnedAt = t;
          }
          if (state.rate < state.learned) state.rate = Math.min(state.learned, state.rate + state.learned / 20);
        }
        this.pump(state);
      },
    };
  }

  private slowDown(state: LaneState, sentAt: number, retryAfterMs: number | null, t: number): void {
    // Answers to sends that went out before the last slowdown count as that same round: one
    // round of 10 requests in flight must not back off as if it were 10 rounds.
    if (sentAt >= state.slowedAt) {
      state.limitedInARow += 1;
      // Only the first limit after a success says where the limit is: the ones after a pause
      // come from a window still full, and would drive the rate to the floor.
      // What the provider saw is the sends of the last second, which a burst may put above the rate.
      // What got through in the last second says where the limit is; the sends said too much
      // when the run had lasted less than the provider's window.
      if (state.limitedInARow === 1) {
        state.limit = { sentAt, rate: state.rate };
        state.learned = this.learnedFromLimit(state);
        state.learnedAt = t;
      }
      state.rate = Math.max(state.pace.ratePerSecond / 64, Math.min(state.rate / 2, state.learned));
      state.slowedAt = t;
      // No burst after the pause: the provider's window is still full.
      this.refill(state, t);
      state.tokens = Math.min(state.tokens, 0);
    }
    const ceiling = Math.min(this.options.baseBackoffMs * 2 ** (state.limitedInARow - 1), 10_000);
    const backoff = ceiling / 2 + (this.options.random ?? Math.random)() * (ceiling / 2);
    // Without a Retry-After (Google's 403), a backoff shorter than the time the last second's
    // answers take to leave a one-second window only meets the limit again.
    state.pausedUntil = Math.max(state.pausedUntil, t + (retryAfterMs ?? Math.max(backoff, this.untilRoom(state, t))));
  }

  /** LEARNED_SHARE of the answers that got through in the second up to the limited send. */
  private learnedFromLimit(state: LaneState): number {
    const { sentAt, rate } = state.limit;
    const through = state.served.filter((at) => at > sentAt - SECOND && at <= sentAt).length;
    return Math.max(state.pace.ratePerSecond / 64, Math.min(rate, through || rate) * LEARNED_SHARE);
  }

  /** How long until the sends that got through in the last second fall below the learned rate. */
  private untilRoom(state: LaneState, t: number): number {
    const served = state.served.filter((at) => at > t - SECOND);
    const keep = Math.floor(state.learned);
    if (served.length <= keep) return 0;
    const sorted = served.sort((a, b) => a - b);
    return Math.max(0, (sorted[sorted.length - 1 - keep] ?? t) + SECOND - t);
  }

  /** Two seconds: answers still out when a limit came are counted against the second before it. */
  private trimServed(state: LaneState, t: number): void {
    state.served = state.served.filter((at) => at > t - 2 * SECOND);
  }

  private trim(state: LaneState, t: number): void {
    let drop = 0;
    while (drop < state.sent.length && (state.sent[drop] ?? 0) <= t - MINUTE) drop += 1;
    if (drop > 0) state.sent.splice(0, drop);
  }
}
