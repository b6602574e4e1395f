import { SECOND, type PaceState, type WindowEntry } from './pace-state';

const MINUTE = 60_000;

export function refill(state: PaceState, t: number): void {
  state.tokens = Math.min(state.pace.burst, state.tokens + ((t - state.refilledAt) / 1000) * state.rate);
  state.refilledAt = t;
}

/**
 * When the next send could go, concurrency aside: a token, the end of a pause, and room in the
 * rolling second, counted twice.
 *
 * Sends: the bucket alone lets burst + rate go within one second; at most max(rate, burst) are
 * sent in any second, so the burst stays for a quiet start, not on top of a full second.
 *
 * Arrivals: the provider counts a request when it arrives, somewhere between its send and its
 * answer, so sends spaced a second apart can arrive bunched (a busy event loop, the network) and
 * tip a one-second window into a 429. Here a send counts until a second after its answer, the
 * latest it can have arrived (one in flight as if it arrived now), and at most the provider's own
 * limit may: rate + burst for a published pace (providers.md), or the sends' cap once a limit was
 * learned, since what got through says little about the provider's window beyond the learned rate.
 * Counting to the answer costs each send its answer's time, so it is kept to that looser bound.
 */
export function readyAt(state: PaceState, t: number): number {
  refill(state, t);
  const forToken = state.tokens >= 1 ? t : t + ((1 - state.tokens) / state.rate) * 1000;
  const cap = Math.max(1, Math.floor(state.rate), state.pace.burst);
  const { sent } = state;
  let inSecond = 0;
  while (inSecond < sent.length && (sent[sent.length - 1 - inSecond] ?? 0) > t - SECOND) inSecond += 1;
  const forSends = inSecond < cap ? t : (sent[sent.length - cap] ?? t) + SECOND;
  const limit = state.learned < state.pace.ratePerSecond ? cap : Math.max(cap, Math.floor(state.pace.ratePerSecond + state.pace.burst));
  state.window = state.window.filter((entry) => entry.answeredAt > t - SECOND);
  let forArrivals = t;
  if (state.window.length >= limit) {
    const leaving = state.window.map((entry) => Math.min(entry.answeredAt, t)).sort((a, b) => a - b);
    forArrivals = (leaving[state.window.length - limit] ?? t) + SECOND;
  }
  return Math.max(forToken, forSends, forArrivals, state.pausedUntil);
}

/** A send goes now: it takes a token and a place in the rolling second, kept there until its answer. */
export function recordSend(state: PaceState, t: number): WindowEntry {
  state.tokens -= 1;
  state.sent.push(t);
  trimSent(state, t);
  const entry: WindowEntry = { answeredAt: Infinity };
  state.window.push(entry);
  return entry;
}

export function trimSent(state: PaceState, t: number): void {
  let drop = 0;
  while (drop < state.sent.length && (state.sent[drop] ?? 0) <= t - MINUTE) drop += 1;
  if (drop > 0) state.sent.splice(0, drop);
}
