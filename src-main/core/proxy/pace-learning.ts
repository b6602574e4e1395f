import { SECOND, type PaceState } from './pace-state';
import { refill } from './pace-window';

/** A quiet spell after which the learned rate is raised a step, towards the published one. */
const PROBE_AFTER_MS = 10_000;
const PROBE_STEP = 1.05;
/**
 * The share of what got through that is learned as the rate. The rolling second already bounds what
 * any provider window sees however the arrivals bunch (`readyAt`); this margin is for a provider's
 * window that is not one second long, and it cost 5 % of the throughput for nothing at 90 %.
 */
const LEARNED_SHARE = 0.95;

export interface Backoff {
  /** Backoff after a rate-limit answer without Retry-After: base × 2^(n−1), at most 10 s, jittered. */
  baseMs: number;
  random: () => number;
}

/** An answer that got through (not a rate limit): the rate climbs back towards the learned one. */
export function onServed(state: PaceState, sentAt: number, t: number): void {
  state.limitedInARow = 0;
  state.served.push(sentAt);
  if (state.served.length > 4 * Math.max(state.pace.ratePerSecond, state.pace.burst)) trimServed(state, t);
  // Sent before the limited request and answered after it: it got through in the same
  // second, which the learned rate left out while it was in flight.
  if (sentAt <= state.limit.sentAt) state.learned = Math.max(state.learned, learnedFromLimit(state));
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

/** A rate-limit answer: pause the connection, learn the limit, halve the rate. */
export function onRateLimited(state: PaceState, sentAt: number, retryAfterMs: number | null, t: number, backoff: Backoff): void {
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
      state.learned = learnedFromLimit(state);
      state.learnedAt = t;
    }
    state.rate = Math.max(state.pace.ratePerSecond / 64, Math.min(state.rate / 2, state.learned));
    state.slowedAt = t;
    // No burst after the pause: the provider's window is still full.
    refill(state, t);
    state.tokens = Math.min(state.tokens, 0);
  }
  const ceiling = Math.min(backoff.baseMs * 2 ** (state.limitedInARow - 1), 10_000);
  const wait = ceiling / 2 + backoff.random() * (ceiling / 2);
  // Without a Retry-After (Google's 403), a backoff shorter than the time the last second's
  // answers take to leave a one-second window only meets the limit again.
  state.pausedUntil = Math.max(state.pausedUntil, t + (retryAfterMs ?? Math.max(wait, untilRoom(state, t))));
}

/** LEARNED_SHARE of the answers that got through in the second up to the limited send. */
function learnedFromLimit(state: PaceState): number {
  const { sentAt, rate } = state.limit;
  const through = state.served.filter((at) => at > sentAt - SECOND && at <= sentAt).length;
  return Math.max(state.pace.ratePerSecond / 64, Math.min(rate, through || rate) * LEARNED_SHARE);
}

/** How long until the sends that got through in the last second fall below the learned rate. */
function untilRoom(state: PaceState, t: number): number {
  const served = state.served.filter((at) => at > t - SECOND);
  const keep = Math.floor(state.learned);
  if (served.length <= keep) return 0;
  const sorted = served.sort((a, b) => a - b);
  return Math.max(0, (sorted[sorted.length - 1 - keep] ?? t) + SECOND - t);
}

/** Two seconds: answers still out when a limit came are counted against the second before it. */
function trimServed(state: PaceState, t: number): void {
  state.served = state.served.filter((at) => at > t - 2 * SECOND);
}
