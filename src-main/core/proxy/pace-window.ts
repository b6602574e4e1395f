import { SECOND, type PaceState, type WindowEntry } from './pace-state';

const MINUTE = 60_000;

export function refill(state: PaceState, t: number): void {
  state.tokens = Math.min(state.pace.burst, state.tokens + ((t - state.refilledAt) / 1000) * state.rate);
  state.refilledAt = t;
}

/**
 * When the next send could go, concurrency aside: a token, the end of a pause, and room in the
 * rolling second. The bucket alone lets burst + rate go within one second; so at most
 * max(rate, burst) sends count in any second: the burst stays for a quiet start, not on top of a
 * full second. The provider counts a request when it arrives, somewhere between its send and its
 * answer: counted by send time, sends spaced a second apart can arrive bunched (a busy event loop,
 * the network) and tip a one-second window into a 429. A send therefore counts until a second
 * after its answer, the latest it can have arrived, and a send still in flight counts as if it
 * arrived now.
 */
export function readyAt(state: PaceState, t: number): number {
  refill(state, t);
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
